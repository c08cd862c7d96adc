package dev.modelgate.scanner.check;

/** Shortens untrusted text for messages: printable, single line, bounded length. */
public final class Snippets {
  private Snippets() {}

  /** At most {@code max} characters of {@code text}, control characters escaped, "…" if cut. */
  public static String quote(String text, int max) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    String s = b.length() > max ? b.substring(0, max) : b.toString();
    return "'" + s + (s.length() < text.length() && b.length() >= max ? "…" : "") + "'";
  }
}
