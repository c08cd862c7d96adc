package dev.modelgate.scanner.pickle;

/**
 * Python's string escape decoders as the protocol-0 opcodes use them: {@code escape_decode} for
 * STRING (C-style escapes, result as Latin-1 chars = bytes) and {@code raw_unicode_escape} for
 * UNICODE (only backslash-u and backslash-U escapes). An attacker can spell "os" as an escape, so
 * names are compared after decoding.
 */
final class PyEscapes {
  private PyEscapes() {}

  static String escapeDecode(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= n) {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case '\n' -> {}
        case '\\' -> b.append('\\');
        case '\'' -> b.append('\'');
        case '"' -> b.append('"');
        case 'a' -> b.append((char) 7);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append((char) 11);
        case 'x' -> {
          if (isHex(s, i + 1, 2)) {
            b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
            i += 2;
          } else {
            b.append('\\').append(e); // CPython raises; keeping it makes the name unmatchable
          }
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int k = 1;
            while (k < 3 && i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
              v = v * 8 + (s.charAt(++i) - '0');
              k++;
            }
            b.append((char) (v & 0xff));
          } else {
            b.append('\\').append(e);
          }
        }
      }
    }
    return b.toString();
  }

  static String rawUnicodeEscapeDecode(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
        // an odd number of backslashes before u/U starts an escape
        int backslashes = 0;
        for (int j = i; j >= 0 && s.charAt(j) == '\\'; j--) {
          backslashes++;
        }
        int digits = s.charAt(i + 1) == 'u' ? 4 : 8;
        if (backslashes % 2 == 1 && isHex(s, i + 2, digits)) {
          int cp = (int) Long.parseLong(s.substring(i + 2, i + 2 + digits), 16);
          if (Character.isValidCodePoint(cp)) {
            b.appendCodePoint(cp);
            i += 1 + digits;
            continue;
          }
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  private static boolean isHex(String s, int from, int count) {
    if (from + count > s.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
