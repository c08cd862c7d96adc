package dev.modelgate.rego.builtins.net;

import java.math.BigInteger;

/**
 * An IP network (address masked to its prefix) with Go net package parsing and printing: strict
 * dotted-quad IPv4 (no leading zeros), IPv6 with {@code ::} and embedded IPv4, no zones, and RFC
 * 5952 output. Parsing never touches DNS.
 */
public record IpNet(boolean v6, BigInteger address, int prefix) {

  /** The number of address bits (32 or 128). */
  public int bits() {
    return v6 ? 128 : 32;
  }

  /** The first address (the network address). */
  public BigInteger first() {
    return address;
  }

  /** The last address (the broadcast address for IPv4). */
  public BigInteger last() {
    return address.or(BigInteger.ONE.shiftLeft(bits() - prefix).subtract(BigInteger.ONE));
  }

  /** True when this network contains the address (an IPv4 address against IPv4 nets only). */
  public boolean contains(Ip ip) {
    Ip a = ip.v6() && !v6 ? ip.toV4() : ip;
    if (a == null || a.v6() != v6) {
      return false;
    }
    return a.value().compareTo(first()) >= 0 && a.value().compareTo(last()) <= 0;
  }

  @Override
  public String toString() {
    return new Ip(v6, address).toString() + "/" + prefix;
  }

  /** A single address. An IPv4-mapped IPv6 address keeps {@code v6} but prints as IPv4 (Go). */
  public record Ip(boolean v6, BigInteger value) {
    private static final BigInteger V4_MAPPED_PREFIX = BigInteger.valueOf(0xffff).shiftLeft(32);
    private static final BigInteger V4_MASK = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

    /** The IPv4 form of an IPv4 or IPv4-mapped address, else null (Go's To4). */
    public Ip toV4() {
      if (!v6) {
        return this;
      }
      if (value.shiftRight(32).equals(BigInteger.valueOf(0xffff))) {
        return new Ip(false, value.and(V4_MASK));
      }
      return null;
    }

    @Override
    public String toString() {
      Ip v4 = toV4();
      if (v4 != null) {
        long x = v4.value.longValue();
        return ((x >> 24) & 255)
            + "."
            + ((x >> 16) & 255)
            + "."
            + ((x >> 8) & 255)
            + "."
            + (x & 255);
      }
      int[] g = new int[8];
      for (int i = 0; i < 8; i++) {
        g[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
      }
      // The longest run of two or more zero groups becomes "::" (the first such run on ties).
      int bestStart = -1;
      int bestLen = 1;
      for (int i = 0; i < 8; ) {
        if (g[i] != 0) {
          i++;
          continue;
        }
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        if (i == bestStart) {
          b.append("::");
          i += bestLen - 1;
          continue;
        }
        if (!b.isEmpty() && b.charAt(b.length() - 1) != ':') {
          b.append(':');
        }
        b.append(Integer.toHexString(g[i]));
      }
      return b.toString();
    }

    /** Go's net.ParseIP, or null. */
    public static Ip parse(String s) {
      if (s.indexOf(':') >= 0) {
        BigInteger v = parseV6(s);
        return v == null ? null : new Ip(true, v);
      }
      Long v4 = parseV4(s);
      return v4 == null ? null : new Ip(false, BigInteger.valueOf(v4));
    }

    static Long parseV4(String s) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        return null;
      }
      long v = 0;
      for (String p : parts) {
        if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
          return null;
        }
        int n = 0;
        for (int i = 0; i < p.length(); i++) {
          char ch = p.charAt(i);
          if (ch < '0' || ch > '9') {
            return null;
          }
          n = n * 10 + (ch - '0');
        }
        if (n > 255) {
          return null;
        }
        v = (v << 8) | n;
      }
      return v;
    }

    static BigInteger parseV6(String s) {
      if (s.isEmpty() || s.length() > 64) {
        return null;
      }
      int[] groups = new int[8];
      int n = 0;
      int ellipsis = -1;
      int i = 0;
      if (s.startsWith("::")) {
        ellipsis = 0;
        i = 2;
        if (i == s.length()) {
          return BigInteger.ZERO;
        }
      }
      while (i < s.length()) {
        int j = i;
        while (j < s.length() && Character.digit(s.charAt(j), 16) >= 0 && j - i < 5) {
          j++;
        }
        if (j == i || j - i > 4) {
          // maybe an embedded IPv4 address
          return null;
        }
        if (j < s.length() && s.charAt(j) == '.') {
          if (ellipsis < 0 && n != 6) {
            return null;
          }
          if (n + 2 > 8) {
            return null;
          }
          Long v4 = parseV4(s.substring(i));
          if (v4 == null) {
            return null;
          }
          groups[n++] = (int) (v4 >> 16);
          groups[n++] = (int) (v4 & 0xffff);
          i = s.length();
          break;
        }
        if (n == 8) {
          return null;
        }
        groups[n++] = Integer.parseInt(s.substring(i, j), 16);
        i = j;
        if (i == s.length()) {
          break;
        }
        if (s.charAt(i) != ':' || i + 1 == s.length()) {
          return null;
        }
        i++;
        if (s.charAt(i) == ':') {
          if (ellipsis >= 0) {
            return null;
          }
          ellipsis = n;
          i++;
          if (i == s.length()) {
            break;
          }
        }
      }
      if (ellipsis < 0 && n != 8) {
        return null;
      }
      if (ellipsis >= 0) {
        if (n == 8) {
          return null;
        }
        int move = n - ellipsis;
        int[] out = new int[8];
        System.arraycopy(groups, 0, out, 0, ellipsis);
        System.arraycopy(groups, ellipsis, out, 8 - move, move);
        groups = out;
      }
      BigInteger v = BigInteger.ZERO;
      for (int g : groups) {
        v = v.shiftLeft(16).or(BigInteger.valueOf(g));
      }
      return v;
    }
  }

  /** Go's net.ParseCIDR: the network with the address masked. */
  public static IpNet parseCidr(String s) {
    int slash = s.indexOf('/');
    IllegalArgumentException err = new IllegalArgumentException("invalid CIDR address: " + s);
    if (slash < 0) {
      throw err;
    }
    Ip ip = Ip.parse(s.substring(0, slash));
    String mask = s.substring(slash + 1);
    if (ip == null || mask.isEmpty() || mask.length() > 3) {
      throw err;
    }
    int n = 0;
    for (int i = 0; i < mask.length(); i++) {
      char ch = mask.charAt(i);
      if (ch < '0' || ch > '9') {
        throw err;
      }
      n = n * 10 + (ch - '0');
    }
    int bits = ip.v6() ? 128 : 32;
    if (n > bits) {
      throw err;
    }
    return of(ip.v6(), ip.value(), n);
  }

  /** The network of the given address and prefix (host bits cleared). */
  public static IpNet of(boolean v6, BigInteger address, int prefix) {
    int bits = v6 ? 128 : 32;
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    return new IpNet(v6, address.andNot(hostMask), prefix);
  }
}
