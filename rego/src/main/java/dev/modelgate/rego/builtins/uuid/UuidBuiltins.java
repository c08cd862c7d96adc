package dev.modelgate.rego.builtins.uuid;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * uuid.rfc4122 (random version 4, the same for the same key within one evaluation, as OPA) and
 * uuid.parse (the fields google/uuid exposes; undefined for malformed input).
 */
public final class UuidBuiltins {
  /** 100-ns intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
  private static final long GREGORIAN_TO_UNIX_100NS = 122192928000000000L;

  private UuidBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("uuid.rfc4122", 1, UuidBuiltins::rfc4122);
    r.function("uuid.parse", 1, UuidBuiltins::parse);
  }

  private record Key(String s) {}

  private static Value rfc4122(BuiltinContext c, List<Value> a) throws BuiltinException {
    Key key = new Key(Args.string(a, 0));
    Object cached = c.cache().get(key);
    if (cached instanceof Value v) {
      return v;
    }
    Value v = StringValue.of(UUID.randomUUID().toString());
    c.cache().put(key, v);
    return v;
  }

  /** google/uuid's Parse: plain, {braced}, urn:uuid: and 32-hex-digit forms. */
  static byte[] bytes(String s) {
    String hex;
    switch (s.length()) {
      case 36 -> hex = dashed(s);
      case 38 ->
          hex = s.charAt(0) == '{' && s.charAt(37) == '}' ? dashed(s.substring(1, 37)) : null;
      case 45 -> hex = s.regionMatches(true, 0, "urn:uuid:", 0, 9) ? dashed(s.substring(9)) : null;
      case 32 -> hex = s;
      default -> hex = null;
    }
    if (hex == null) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String dashed(String s) {
    if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
      return null;
    }
    return s.replace("-", "").length() == 32 ? s.replace("-", "") : null;
  }

  private static Value parse(BuiltinContext c, List<Value> a) throws BuiltinException {
    if (!(a.get(0) instanceof StringValue sv)) {
      return null;
    }
    byte[] u = bytes(sv.value());
    if (u == null) {
      return null;
    }
    int version = (u[6] & 0xff) >> 4;
    int b8 = u[8] & 0xff;
    String variant =
        (b8 & 0xc0) == 0x80
            ? "RFC4122"
            : (b8 & 0xe0) == 0xc0 ? "Microsoft" : (b8 & 0xe0) == 0xe0 ? "Future" : "Reserved";
    ObjectValue.Builder b = ObjectValue.builder();
    b.put("version", NumberValue.of(version));
    b.put("variant", StringValue.of(variant));
    if (version == 6 || version == 7) {
      long t100ns =
          version == 6
              ? (u32(u, 0) << 28) | (u16(u, 4) << 12) | (u16(u, 6) & 0xfff)
              : ((u32(u, 0) << 16) | u16(u, 4)) * 10_000L + GREGORIAN_TO_UNIX_100NS;
      b.put(
          "time",
          NumberValue.of(
              BigInteger.valueOf(t100ns - GREGORIAN_TO_UNIX_100NS)
                  .multiply(BigInteger.valueOf(100))));
    }
    if (version == 1 || version == 2) {
      long time = u32(u, 0) | (u16(u, 4) << 32) | ((u16(u, 6) & 0xfff) << 48);
      BigInteger unixNanos =
          BigInteger.valueOf(time - GREGORIAN_TO_UNIX_100NS).multiply(BigInteger.valueOf(100));
      b.put("time", NumberValue.of(unixNanos));
      b.put("clocksequence", NumberValue.of(u16(u, 8) & 0x3fff));
      StringBuilder node = new StringBuilder();
      for (int i = 10; i < 16; i++) {
        if (i > 10) {
          node.append('-');
        }
        node.append(String.format("%02x", u[i] & 0xff));
      }
      b.put("nodeid", StringValue.of(node.toString()));
      String mac =
          ((u[10] & 0x02) != 0 ? "local" : "global")
              + ":"
              + ((u[10] & 0x01) != 0 ? "multicast" : "unicast");
      b.put("macvariables", StringValue.of(mac));
      if (version == 2) {
        b.put("id", NumberValue.of(u32(u, 0)));
        int domain = u[9] & 0xff;
        String name =
            switch (domain) {
              case 0 -> "Person";
              case 1 -> "Group";
              case 2 -> "Org";
              default -> "Domain" + domain;
            };
        b.put("domain", StringValue.of(name));
      }
    }
    return b.build();
  }

  private static long u32(byte[] b, int i) {
    return ((long) (b[i] & 0xff) << 24)
        | ((b[i + 1] & 0xff) << 16)
        | ((b[i + 2] & 0xff) << 8)
        | (b[i + 3] & 0xff);
  }

  private static long u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }
}
