package dev.modelgate.rego.builtins.glob;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * Glob patterns with the semantics of gobwas/glob, which OPA's {@code glob.match} uses: {@code *}
 * matches any run of non-delimiter characters, {@code **} any run at all, {@code ?} one
 * non-delimiter character, {@code [abc]}, {@code [a-z]}, {@code [!...]} one character of (or not
 * of) a class, {@code {a,b}} alternatives (nestable), and {@code \} escapes the next character.
 *
 * <p>A pattern compiles to an RE2 expression (re2j), so matching is linear in the input whatever
 * the pattern: a hostile glob such as {@code *a*a*a*a*b} cannot make it backtrack.
 */
public final class Glob {

  /** Characters glob.quote_meta escapes (gobwas' special characters). */
  private static final String SPECIAL = "*?\\[]{}";

  /** Bounds the compiled expression: policies have no need for megabyte-sized globs. */
  private static final int MAX_PATTERN_LENGTH = 64 * 1024;

  private final Pattern regex;

  private Glob(Pattern regex) {
    this.regex = regex;
  }

  /**
   * Compiles a glob.
   *
   * @param delimiters the characters (code points) that {@code *} and {@code ?} do not cross
   * @throws IllegalArgumentException with OPA's message when the pattern is malformed
   */
  public static Glob compile(String pattern, List<Integer> delimiters) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException("pattern too long");
    }
    StringBuilder notDelim = new StringBuilder();
    if (delimiters.isEmpty()) {
      notDelim.append("(?s:.)");
    } else {
      notDelim.append("[^");
      for (int d : delimiters) {
        classChar(notDelim, d);
      }
      notDelim.append(']');
    }
    Translator t = new Translator(pattern, notDelim.toString());
    String re = t.translate();
    return new Glob(Pattern.compile("^(?s:" + re + ")$"));
  }

  /** True when the whole string matches. */
  public boolean matches(String s) {
    return regex.matcher(s).matches();
  }

  /** The RE2 expression this glob compiled to (for tests and debugging). */
  String regex() {
    return regex.pattern();
  }

  /** glob.quote_meta: escapes the characters with a meaning in glob patterns. */
  public static String quoteMeta(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  static void classChar(StringBuilder b, int c) {
    b.append("\\x{").append(Integer.toHexString(c)).append('}');
  }

  /** Translates gobwas/glob syntax (its lexer's rules) into RE2 syntax. */
  private static final class Translator {
    private final String p;
    private final String single;
    private int pos;
    private int termsDepth;

    Translator(String p, String single) {
      this.p = p;
      this.single = single;
    }

    private static IllegalArgumentException syntax() {
      return new IllegalArgumentException("syntax error in pattern");
    }

    String translate() {
      StringBuilder out = new StringBuilder();
      while (pos < p.length()) {
        int c = p.codePointAt(pos);
        pos += Character.charCount(c);
        switch (c) {
          case '{' -> {
            termsDepth++;
            out.append("(?:");
          }
          case ',' -> {
            if (termsDepth > 0) {
              out.append('|');
            } else {
              literal(out, c);
            }
          }
          case '}' -> {
            if (termsDepth > 0) {
              termsDepth--;
              out.append(')');
            } else {
              literal(out, c);
            }
          }
          case '[' -> charClass(out);
          case '?' -> out.append(single);
          case '*' -> {
            if (pos < p.length() && p.charAt(pos) == '*') {
              pos++;
              out.append("(?s:.)*");
            } else {
              out.append(single).append('*');
            }
          }
          case '\\' -> {
            if (pos >= p.length()) {
              throw syntax(); // a trailing escape escapes nothing
            }
            int e = p.codePointAt(pos);
            pos += Character.charCount(e);
            literal(out, e);
          }
          default -> literal(out, c);
        }
      }
      if (termsDepth > 0) {
        throw syntax();
      }
      return out.toString();
    }

    private static void literal(StringBuilder out, int c) {
      out.append(Pattern.quote(new String(Character.toChars(c))));
    }

    /** gobwas fetchRange: {@code [!]?} then either {@code lo-hi} or a list of characters. */
    private void charClass(StringBuilder out) {
      boolean not = false;
      if (pos < p.length() && p.charAt(pos) == '!') {
        not = true;
        pos++;
      }
      if (pos >= p.length()) {
        throw syntax();
      }
      int first = p.codePointAt(pos);
      int afterFirst = pos + Character.charCount(first);
      StringBuilder cls = new StringBuilder(not ? "[^" : "[");
      if (first != '\\' && afterFirst < p.length() && p.charAt(afterFirst) == '-') {
        int hiPos = afterFirst + 1;
        if (hiPos >= p.length()) {
          throw syntax();
        }
        int hi = p.codePointAt(hiPos);
        int close = hiPos + Character.charCount(hi);
        if (close >= p.length() || p.charAt(close) != ']' || hi < first) {
          throw syntax();
        }
        classChar(cls, first);
        cls.append('-');
        classChar(cls, hi);
        pos = close + 1;
      } else {
        boolean any = false;
        boolean escaped = false;
        while (true) {
          if (pos >= p.length()) {
            throw syntax();
          }
          int c = p.codePointAt(pos);
          pos += Character.charCount(c);
          if (!escaped && c == '\\') {
            escaped = true;
            continue;
          }
          if (!escaped && c == ']') {
            break;
          }
          escaped = false;
          classChar(cls, c);
          any = true;
        }
        if (!any) {
          throw syntax(); // "[]" and "[!]" are empty classes
        }
      }
      out.append(cls).append(']');
    }
  }
}
