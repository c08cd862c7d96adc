package dev.modelgate.rego.builtins.net;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** net.cidr_* builtins over IPv4 and IPv6 (net.lookup_ip_addr is refused in RuntimeBuiltins). */
public final class NetBuiltins {
  private NetBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function(
        "net.cidr_contains", 2, guarded((c, a) -> BooleanValue.of(contains(a.get(0), a.get(1)))));
    r.function(
        "net.cidr_overlap", 2, guarded((c, a) -> BooleanValue.of(contains(a.get(0), a.get(1)))));
    r.function("net.cidr_intersects", 2, guarded(NetBuiltins::intersects));
    r.function("net.cidr_is_valid", 1, NetBuiltins::isValid);
    r.function("net.cidr_expand", 1, guarded(NetBuiltins::expand));
    r.function("net.cidr_merge", 1, guarded(NetBuiltins::merge));
    r.function("net.cidr_contains_matches", 2, guarded(NetBuiltins::containsMatches));
  }

  private static IpNet cidr(Value v, int position) throws BuiltinException {
    return IpNet.parseCidr(Args.string(List.of(v), 0));
  }

  /** OPA: an IP operand is checked directly, a CIDR operand by its first and last address. */
  private static boolean contains(Value a, Value b) throws BuiltinException {
    if (!(a instanceof StringValue)) {
      throw BuiltinException.operand(1, "string", a);
    }
    if (!(b instanceof StringValue bs)) {
      throw BuiltinException.operand(2, "string", b);
    }
    IpNet net = cidr(a, 1);
    IpNet.Ip ip = IpNet.Ip.parse(bs.value());
    if (ip != null) {
      return net.contains(ip);
    }
    IpNet other = IpNet.parseCidr(bs.value());
    return net.contains(new IpNet.Ip(other.v6(), other.first()))
        && net.contains(new IpNet.Ip(other.v6(), other.last()));
  }

  private static Value intersects(BuiltinContext c, List<Value> a) throws BuiltinException {
    IpNet x = IpNet.parseCidr(Args.string(a, 0));
    IpNet y = IpNet.parseCidr(Args.string(a, 1));
    return BooleanValue.of(
        x.contains(new IpNet.Ip(y.v6(), y.first())) || y.contains(new IpNet.Ip(x.v6(), x.first())));
  }

  private static Value isValid(BuiltinContext c, List<Value> a) {
    if (!(a.get(0) instanceof StringValue s)) {
      return BooleanValue.FALSE;
    }
    try {
      IpNet.parseCidr(s.value());
      return BooleanValue.TRUE;
    } catch (IllegalArgumentException e) {
      return BooleanValue.FALSE;
    }
  }

  private static Value expand(BuiltinContext c, List<Value> a) throws BuiltinException {
    IpNet net = IpNet.parseCidr(Args.string(a, 0));
    BigInteger size = net.last().subtract(net.first()).add(BigInteger.ONE);
    if (size.compareTo(BigInteger.valueOf(c.limits().maxCollectionSize())) > 0) {
      throw BuiltinException.error(
          "CIDR " + net + " is too large to expand (" + size + " addresses)");
    }
    c.charge(size.longValue());
    SetValue.Builder b = SetValue.builder();
    for (BigInteger ip = net.first(); ip.compareTo(net.last()) <= 0; ip = ip.add(BigInteger.ONE)) {
      b.add(StringValue.of(new IpNet.Ip(net.v6(), ip).toString()));
    }
    return b.build();
  }

  /** A network from a cidr_merge element: a CIDR, or an IPv4 address with its classful mask. */
  private static IpNet mergeElement(Value v) throws BuiltinException {
    if (!(v instanceof StringValue s)) {
      throw BuiltinException.error("element must be string");
    }
    IpNet.Ip ip = IpNet.Ip.parse(s.value());
    if (ip == null) {
      return IpNet.parseCidr(s.value());
    }
    IpNet.Ip v4 = ip.toV4();
    if (v4 == null) {
      throw BuiltinException.error("IPv6 invalid: needs prefix length");
    }
    long first = v4.value().longValue() >>> 24;
    int prefix = first < 0x80 ? 8 : first < 0xC0 ? 16 : 24; // Go's IP.DefaultMask
    return IpNet.of(false, v4.value(), prefix);
  }

  private static Value merge(BuiltinContext c, List<Value> a) throws BuiltinException {
    Value v = a.get(0);
    List<Value> elements;
    if (v instanceof ArrayValue arr) {
      elements = arr.items();
    } else if (v instanceof SetValue set) {
      elements = new ArrayList<>(set.items());
    } else {
      throw BuiltinException.error("operand must be an array");
    }
    c.charge(elements.size());
    List<IpNet> nets = new ArrayList<>();
    for (Value e : elements) {
      nets.add(mergeElement(e));
    }
    SetValue.Builder out = SetValue.builder();
    for (boolean v6 : new boolean[] {false, true}) {
      List<BigInteger[]> ranges = new ArrayList<>();
      for (IpNet n : nets) {
        if (n.v6() == v6) {
          ranges.add(new BigInteger[] {n.first(), n.last()});
        }
      }
      ranges.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
      List<BigInteger[]> merged = new ArrayList<>();
      for (BigInteger[] r : ranges) {
        BigInteger[] lastRange = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (lastRange != null && r[0].compareTo(lastRange[1].add(BigInteger.ONE)) <= 0) {
          if (r[1].compareTo(lastRange[1]) > 0) {
            lastRange[1] = r[1];
          }
        } else {
          merged.add(new BigInteger[] {r[0], r[1]});
        }
      }
      for (BigInteger[] r : merged) {
        for (IpNet n : rangeToCidrs(v6, r[0], r[1])) {
          out.add(StringValue.of(n.toString()));
        }
      }
    }
    return out.build();
  }

  /** The fewest CIDR blocks covering exactly [first, last]. */
  static List<IpNet> rangeToCidrs(boolean v6, BigInteger first, BigInteger last) {
    int bits = v6 ? 128 : 32;
    List<IpNet> out = new ArrayList<>();
    BigInteger cur = first;
    while (cur.compareTo(last) <= 0) {
      int hostBits = cur.signum() == 0 ? bits : cur.getLowestSetBit();
      hostBits = Math.min(hostBits, bits);
      while (hostBits > 0
          && cur.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE).compareTo(last)
              > 0) {
        hostBits--;
      }
      out.add(IpNet.of(v6, cur, bits - hostBits));
      cur = cur.add(BigInteger.ONE.shiftLeft(hostBits));
    }
    return out;
  }

  /** One operand of cidr_contains_matches: (cidr-or-ip, key) pairs. */
  private static List<Value[]> matchEntries(Value v, int position) throws BuiltinException {
    List<Value[]> out = new ArrayList<>();
    switch (v) {
      case StringValue s -> out.add(new Value[] {s, s});
      case ArrayValue arr -> {
        for (int i = 0; i < arr.size(); i++) {
          out.add(new Value[] {matchTerm(arr.get(i), position), NumberValue.of(i)});
        }
      }
      case SetValue set -> {
        for (Value x : set.sorted()) {
          out.add(new Value[] {matchTerm(x, position), x});
        }
      }
      case ObjectValue o -> {
        for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
          out.add(new Value[] {matchTerm(e.getValue(), position), e.getKey()});
        }
      }
      default -> {}
    }
    return out;
  }

  private static Value matchTerm(Value v, int position) throws BuiltinException {
    if (v instanceof StringValue) {
      return v;
    }
    if (v instanceof ArrayValue arr && !arr.isEmpty()) {
      return arr.get(0);
    }
    throw BuiltinException.error(
        "operand " + position + ": element must be string or non-empty array");
  }

  private static Value containsMatches(BuiltinContext c, List<Value> a) throws BuiltinException {
    List<Value[]> cidrs = matchEntries(a.get(0), 1);
    List<Value[]> addrs = matchEntries(a.get(1), 2);
    c.charge((long) cidrs.size() * addrs.size());
    SetValue.Builder out = SetValue.builder();
    for (Value[] x : cidrs) {
      for (Value[] y : addrs) {
        if (contains(x[0], y[0])) {
          out.add(ArrayValue.of(x[1], y[1]));
        }
      }
    }
    return out.build();
  }
}
