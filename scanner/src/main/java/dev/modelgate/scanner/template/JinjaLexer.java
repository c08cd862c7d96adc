package dev.modelgate.scanner.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Jinja template into its code blocks ({@code {{ … }}} and {@code {% … %}}) and tokenizes
 * them the way Jinja's own lexer does: string literals with Python escapes decoded, brackets
 * balanced so that {@code }}} inside a dict literal or a string does not end a block, comments and
 * {@code raw} blocks skipped (they are output as text, never run). Nothing is rendered.
 */
final class JinjaLexer {

  /** Token kinds; operators keep their text. */
  enum Kind {
    NAME,
    STRING,
    NUMBER,
    OP
  }

  /**
   * One token.
   *
   * @param kind kind
   * @param text the decoded value for strings, the source text otherwise
   * @param escaped for strings: the source used escapes that changed the text
   * @param offset character offset in the template
   */
  record Token(Kind kind, String text, boolean escaped, int offset) {
    boolean is(String op) {
      return kind == Kind.OP && text.equals(op);
    }
  }

  /**
   * A code block.
   *
   * @param statement true for {@code {% … %}}, false for {@code {{ … }}}
   * @param tokens its tokens
   * @param offset character offset of the opening delimiter
   */
  record Block(boolean statement, List<Token> tokens, int offset) {}

  /** The template could not be tokenized (Jinja would refuse it too). */
  static final class LexException extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    LexException(String message, int offset) {
      super(message + " at character " + offset);
      this.offset = offset;
    }
  }

  private static final String[] OPERATORS = {
    "//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}",
    ">", "<", "=", ".", ":", "|", ",", ";"
  };

  private final String src;
  private int pos;

  private JinjaLexer(String src) {
    this.src = src;
  }

  /** The code blocks of {@code template}, in order. */
  static List<Block> blocks(String template) throws LexException {
    return new JinjaLexer(template).run();
  }

  private List<Block> run() throws LexException {
    List<Block> out = new ArrayList<>();
    while (true) {
      int open = src.indexOf('{', pos);
      if (open < 0 || open + 1 >= src.length()) {
        return out;
      }
      char c = src.charAt(open + 1);
      if (c == '#') {
        int end = src.indexOf("#}", open + 2);
        if (end < 0) {
          throw new LexException("unterminated comment", open);
        }
        pos = end + 2;
      } else if (c == '{' || c == '%') {
        pos = open + 2;
        if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
          pos++;
        }
        boolean statement = c == '%';
        List<Token> tokens = tokensUntil(statement ? "%}" : "}}", open);
        if (statement && isRaw(tokens)) {
          skipRaw(open);
        } else {
          out.add(new Block(statement, tokens, open));
        }
      } else {
        pos = open + 1;
      }
    }
  }

  private static boolean isRaw(List<Token> tokens) {
    return tokens.size() == 1
        && tokens.get(0).kind() == Kind.NAME
        && tokens.get(0).text().equals("raw");
  }

  /** Skips to the end of {@code {% endraw %}}. */
  private void skipRaw(int open) throws LexException {
    int from = pos;
    while (true) {
      int i = src.indexOf("{%", from);
      if (i < 0) {
        throw new LexException("unterminated raw block", open);
      }
      int j = i + 2;
      while (j < src.length()
          && (src.charAt(j) == '-' || src.charAt(j) == '+' || isSpace(src.charAt(j)))) {
        j++;
      }
      if (src.startsWith("endraw", j)) {
        int end = src.indexOf("%}", j);
        if (end < 0) {
          throw new LexException("unterminated endraw", i);
        }
        pos = end + 2;
        return;
      }
      from = i + 2;
    }
  }

  private List<Token> tokensUntil(String close, int open) throws LexException {
    List<Token> tokens = new ArrayList<>();
    int depth = 0;
    while (true) {
      while (pos < src.length() && isSpace(src.charAt(pos))) {
        pos++;
      }
      if (pos >= src.length()) {
        throw new LexException("unterminated block", open);
      }
      if (depth == 0) {
        int p = pos;
        if (src.charAt(p) == '-' || src.charAt(p) == '+') {
          p++;
        }
        if (src.startsWith(close, p)) {
          pos = p + 2;
          return tokens;
        }
      }
      char c = src.charAt(pos);
      int start = pos;
      if (c == '\'' || c == '"') {
        tokens.add(string(c));
      } else if (Character.isDigit(c)) {
        while (pos < src.length()
            && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
          pos++;
        }
        if (pos + 1 < src.length()
            && src.charAt(pos) == '.'
            && Character.isDigit(src.charAt(pos + 1))) {
          pos++;
          while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
          }
        }
        tokens.add(new Token(Kind.NUMBER, src.substring(start, pos), false, start));
      } else if (c == '_' || Character.isLetter(c)) {
        while (pos < src.length()
            && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
          pos++;
        }
        tokens.add(new Token(Kind.NAME, src.substring(start, pos), false, start));
      } else {
        String op = null;
        for (String o : OPERATORS) {
          if (src.startsWith(o, pos)) {
            op = o;
            break;
          }
        }
        if (op == null) {
          throw new LexException("unexpected character '" + c + "'", pos);
        }
        if (op.equals("(") || op.equals("[") || op.equals("{")) {
          depth++;
        } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
          depth = Math.max(0, depth - 1);
        }
        pos += op.length();
        tokens.add(new Token(Kind.OP, op, false, start));
      }
    }
  }

  /** A Python-style string literal; escapes decoded as Python does. */
  private Token string(char quote) throws LexException {
    int start = pos;
    pos++;
    StringBuilder b = new StringBuilder();
    boolean escaped = false;
    while (true) {
      if (pos >= src.length()) {
        throw new LexException("unterminated string", start);
      }
      char c = src.charAt(pos++);
      if (c == quote) {
        return new Token(Kind.STRING, b.toString(), escaped, start);
      }
      if (c != '\\' || pos >= src.length()) {
        b.append(c);
        continue;
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int v = e - '0';
          for (int k = 0; k < 2 && pos < src.length() && isOctal(src.charAt(pos)); k++) {
            v = v * 8 + (src.charAt(pos++) - '0');
          }
          b.append((char) v);
          escaped = true;
        }
        case 'x' -> {
          b.appendCodePoint(hex(2, start));
          escaped = true;
        }
        case 'u' -> {
          b.appendCodePoint(hex(4, start));
          escaped = true;
        }
        case 'U' -> {
          int cp = hex(8, start);
          if (!Character.isValidCodePoint(cp)) {
            throw new LexException("bad \\U escape", start);
          }
          b.appendCodePoint(cp);
          escaped = true;
        }
        case 'N' -> {
          int close = src.indexOf('}', pos);
          if (pos >= src.length() || src.charAt(pos) != '{' || close < 0) {
            throw new LexException("bad \\N escape", start);
          }
          String name = src.substring(pos + 1, close);
          pos = close + 1;
          int cp = namedCodePoint(name);
          b.appendCodePoint(cp < 0 ? '?' : cp);
          escaped = true;
        }
        case '\n' -> {
          // line continuation
        }
        case '\\', '\'', '"' -> b.append(e);
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'v' -> b.append('\u000b');
        default -> b.append('\\').append(e);
      }
    }
  }

  private static int namedCodePoint(String name) {
    try {
      return Character.codePointOf(name);
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private int hex(int digits, int start) throws LexException {
    if (pos + digits > src.length()) {
      throw new LexException("bad hex escape", start);
    }
    int v = 0;
    for (int i = 0; i < digits; i++) {
      int d = Character.digit(src.charAt(pos++), 16);
      if (d < 0) {
        throw new LexException("bad hex escape", start);
      }
      v = v * 16 + d;
    }
    return v;
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
  }
}
