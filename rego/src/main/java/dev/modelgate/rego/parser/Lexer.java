package dev.modelgate.rego.parser;

import dev.modelgate.rego.ast.Location;
import java.util.ArrayList;
import java.util.List;

/** Splits Rego source into tokens; comments are dropped except METADATA blocks (kept aside). */
final class Lexer {
  /** Upper bound on tokens per module so a hostile source cannot exhaust memory. */
  static final int MAX_TOKENS = 2_000_000;

  private static final String[] PUNCT = {
    ":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "=", "<", ">",
    "+", "-", "*", "/", "%", "&", "|"
  };

  private final String src;
  private final String file;
  private int pos;
  private int line = 1;
  private int col = 1;
  private boolean newline;
  final List<Token> tokens = new ArrayList<>();

  /** Comment lines: line number → text after '#'. */
  final java.util.TreeMap<Integer, String> comments = new java.util.TreeMap<>();

  Lexer(String src, String file) {
    this.src = src;
    this.file = file;
  }

  List<Token> run() {
    while (true) {
      skipSpace();
      if (pos >= src.length()) {
        tokens.add(new Token(Token.Kind.EOF, "", line, col, true));
        return tokens;
      }
      if (tokens.size() > MAX_TOKENS) {
        throw error(line, col, "module too large");
      }
      int l = line;
      int c = col;
      char ch = src.charAt(pos);
      boolean nl = newline;
      newline = false;
      if (Character.isLetter(ch) || ch == '_') {
        int start = pos;
        while (pos < src.length()
            && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
          advance();
        }
        tokens.add(new Token(Token.Kind.IDENT, src.substring(start, pos), l, c, nl));
      } else if (Character.isDigit(ch)) {
        tokens.add(new Token(Token.Kind.NUMBER, number(), l, c, nl));
      } else if (ch == '$'
          && pos + 1 < src.length()
          && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '`')) {
        boolean raw = src.charAt(pos + 1) == '`';
        advance();
        int start = pos + 1;
        int end = templateEnd(pos, l, c);
        String content = src.substring(start, end);
        while (pos <= end) {
          advance();
        }
        tokens.add(
            new Token(raw ? Token.Kind.RAW_TEMPLATE : Token.Kind.TEMPLATE, content, l, c, nl));
      } else if (ch == '"') {
        tokens.add(new Token(Token.Kind.STRING, string(l, c), l, c, nl));
      } else if (ch == '`') {
        advance();
        int start = pos;
        while (pos < src.length() && src.charAt(pos) != '`') {
          advance();
        }
        if (pos >= src.length()) {
          throw error(l, c, "non-terminated raw string");
        }
        String s = src.substring(start, pos);
        advance();
        tokens.add(new Token(Token.Kind.RAW_STRING, s, l, c, nl));
      } else {
        String p = null;
        for (String cand : PUNCT) {
          if (src.startsWith(cand, pos)) {
            p = cand;
            break;
          }
        }
        if (p == null) {
          throw error(l, c, "illegal token '" + ch + "'");
        }
        for (int i = 0; i < p.length(); i++) {
          advance();
        }
        tokens.add(new Token(Token.Kind.PUNCT, p, l, c, nl));
      }
    }
  }

  private void advance() {
    if (src.charAt(pos) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < src.length()) {
      char ch = src.charAt(pos);
      if (ch == '\n') {
        newline = true;
        advance();
      } else if (ch == ' ' || ch == '\t' || ch == '\r') {
        advance();
      } else if (ch == '#') {
        int l = line;
        int start = pos + 1;
        while (pos < src.length() && src.charAt(pos) != '\n') {
          advance();
        }
        comments.put(l, src.substring(start, pos));
      } else {
        return;
      }
    }
  }

  /** Index of the closing quote of a template string whose opening quote is at {@code open}. */
  private int templateEnd(int open, int l, int c) {
    char quote = src.charAt(open);
    int i = open + 1;
    while (i < src.length()) {
      char ch = src.charAt(i);
      if (ch == quote) {
        return i;
      }
      if (ch == '\\'
          && (quote == '"'
              || (i + 1 < src.length()
                  && (src.charAt(i + 1) == '{' || src.charAt(i + 1) == '}')))) {
        i += 2;
        continue;
      }
      if (ch == '\n' && quote == '"') {
        break;
      }
      if (ch == '{') {
        i = skipExpression(i + 1, l, c);
        continue;
      }
      i++;
    }
    throw error(l, c, "non-terminated template string");
  }

  /** Skips a template expression up to its closing brace (nested strings and braces). */
  private int skipExpression(int i, int l, int c) {
    int depth = 0;
    while (i < src.length()) {
      char ch = src.charAt(i);
      if (ch == '"') {
        i++;
        while (i < src.length() && src.charAt(i) != '"') {
          i += src.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (ch == '`') {
        i = src.indexOf('`', i + 1);
        if (i < 0) {
          break;
        }
        i++;
      } else if (ch == '$'
          && i + 1 < src.length()
          && (src.charAt(i + 1) == '"' || src.charAt(i + 1) == '`')) {
        i = templateEnd(i + 1, l, c) + 1;
      } else if (ch == '{') {
        depth++;
        i++;
      } else if (ch == '}') {
        if (depth == 0) {
          return i + 1;
        }
        depth--;
        i++;
      } else {
        i++;
      }
    }
    throw error(l, c, "non-terminated template expression");
  }

  private String number() {
    int start = pos;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      advance();
    }
    if (pos + 1 < src.length()
        && src.charAt(pos) == '.'
        && Character.isDigit(src.charAt(pos + 1))) {
      advance();
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        advance();
      }
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      int save = pos;
      int saveCol = col;
      advance();
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        advance();
      }
      if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          advance();
        }
      } else {
        pos = save;
        col = saveCol;
      }
    }
    return src.substring(start, pos);
  }

  private String string(int l, int c) {
    advance();
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(l, c, "non-terminated string");
      }
      char ch = src.charAt(pos);
      if (ch == '"') {
        advance();
        return b.toString();
      }
      if (ch == '\\') {
        advance();
        if (pos >= src.length()) {
          throw error(l, c, "non-terminated string");
        }
        char e = src.charAt(pos);
        advance();
        switch (e) {
          case '"' -> b.append('"');
          case '\\' -> b.append('\\');
          case '/' -> b.append('/');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (pos + 4 > src.length()) {
              throw error(line, col, "invalid unicode escape");
            }
            try {
              b.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error(line, col, "invalid unicode escape");
            }
            for (int i = 0; i < 4; i++) {
              advance();
            }
          }
          default -> throw error(line, col, "illegal escape sequence \\" + e);
        }
      } else {
        b.append(ch);
        advance();
      }
    }
  }

  private RegoParseException error(int l, int c, String msg) {
    return new RegoParseException(new Location(file, l, c), msg);
  }
}
