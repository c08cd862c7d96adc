package dev.modelgate.rego.builtins.strings;

/** Go's strconv.Quote / QuoteToASCII / QuoteRune, as {@code %q} prints. */
public final class GoQuote {

  private GoQuote() {}

  /** Go's strconv.Quote (or QuoteToASCII when {@code ascii}). */
  public static String quote(String s, boolean ascii) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      appendEscaped(b, c, '"', ascii);
    }
    return b.append('"').toString();
  }

  /** Go's strconv.QuoteRune (or QuoteRuneToASCII). */
  static String quoteRune(int r, boolean ascii) {
    StringBuilder b = new StringBuilder().append('\'');
    appendEscaped(b, r, '\'', ascii);
    return b.append('\'').toString();
  }

  private static void appendEscaped(StringBuilder b, int c, char quote, boolean ascii) {
    if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
      c = 0xFFFD; // a lone surrogate is invalid UTF-8; Go would print \x escapes of the bytes
    }
    if (c == quote || c == '\\') {
      b.append('\\').appendCodePoint(c);
      return;
    }
    if (ascii ? c < 0x80 && isPrint(c) : isPrint(c)) {
      b.appendCodePoint(c);
      return;
    }
    switch (c) {
      case 7 -> b.append("\\a");
      case '\b' -> b.append("\\b");
      case '\f' -> b.append("\\f");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case 11 -> b.append("\\v");
      default -> {
        if (c < ' ' || c == 0x7f) {
          b.append("\\x").append(hex(c, 2));
        } else if (c < 0x10000) {
          b.append("\\u").append(hex(c, 4));
        } else {
          b.append("\\U").append(hex(c, 8));
        }
      }
    }
  }

  private static String hex(int c, int width) {
    String h = Integer.toHexString(c);
    return "0".repeat(Math.max(0, width - h.length())) + h;
  }

  /** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  static boolean isPrint(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
