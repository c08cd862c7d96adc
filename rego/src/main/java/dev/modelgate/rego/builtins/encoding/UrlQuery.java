package dev.modelgate.rego.builtins.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's net/url QueryEscape, QueryUnescape, Values.Encode and ParseQuery. */
public final class UrlQuery {
  private static final String HEX = "0123456789ABCDEF";

  private UrlQuery() {}

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }

  /** url.QueryEscape: spaces become '+', everything but unreserved bytes is %XX. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (unreserved(c)) {
        b.append((char) c);
      } else if (c == ' ') {
        b.append('+');
      } else {
        b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
      }
    }
    return b.toString();
  }

  private static int unhex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * url.QueryUnescape.
   *
   * @throws IllegalArgumentException with Go's message ({@code invalid URL escape "%zz"})
   */
  public static String unescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c == '%') {
        if (i + 2 >= bytes.length
            || unhex((char) bytes[i + 1]) < 0
            || unhex((char) bytes[i + 2]) < 0) {
          String bad = new String(bytes, i, Math.min(3, bytes.length - i), StandardCharsets.UTF_8);
          throw new IllegalArgumentException("invalid URL escape \"" + bad + "\"");
        }
        out.write(unhex((char) bytes[i + 1]) * 16 + unhex((char) bytes[i + 2]));
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** url.Values.Encode: keys sorted, values in their order. */
  public static String encode(Map<String, List<String>> values) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(values).entrySet()) {
      String k = escape(e.getKey());
      for (String v : e.getValue()) {
        if (!b.isEmpty()) {
          b.append('&');
        }
        b.append(k).append('=').append(escape(v));
      }
    }
    return b.toString();
  }

  /**
   * url.ParseQuery: {@code a=1&a=2&b} into {a: [1, 2], b: [""]}.
   *
   * @throws IllegalArgumentException on a bad escape or a ';' separator, as Go
   */
  public static Map<String, List<String>> parse(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String part : query.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.contains(";")) {
        throw new IllegalArgumentException("invalid semicolon separator in query");
      }
      int eq = part.indexOf('=');
      String k = eq >= 0 ? part.substring(0, eq) : part;
      String v = eq >= 0 ? part.substring(eq + 1) : "";
      out.computeIfAbsent(unescape(k), x -> new ArrayList<>()).add(unescape(v));
    }
    return out;
  }
}
