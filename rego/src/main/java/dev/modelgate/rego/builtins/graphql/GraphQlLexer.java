package dev.modelgate.rego.builtins.graphql;

import java.util.ArrayList;
import java.util.List;

/** Splits GraphQL source into names, punctuators, numbers and strings; commas are insignificant. */
final class GraphQlLexer {
  /** Token kinds; PUNCT text is the punctuator itself. */
  enum Kind {
    NAME,
    PUNCT,
    NUMBER,
    STRING,
    EOF
  }

  record Token(Kind kind, String text) {
    boolean is(String s) {
      return (kind == Kind.PUNCT || kind == Kind.NAME) && text.equals(s);
    }
  }

  private GraphQlLexer() {}

  static List<Token> lex(String s) throws GraphQlException {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\uFEFF') {
        i++;
      } else if (c == '#') {
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
          i++;
        }
      } else if (s.startsWith("...", i)) {
        out.add(new Token(Kind.PUNCT, "..."));
        i += 3;
      } else if ("!$&():=@[]{}|".indexOf(c) >= 0) {
        out.add(new Token(Kind.PUNCT, String.valueOf(c)));
        i++;
      } else if (c == '_' || Character.isLetter(c) && c < 128) {
        int start = i;
        while (i < n
            && (s.charAt(i) == '_'
                || s.charAt(i) < 128 && Character.isLetterOrDigit(s.charAt(i)))) {
          i++;
        }
        out.add(new Token(Kind.NAME, s.substring(start, i)));
      } else if (c == '-' || c >= '0' && c <= '9') {
        int start = i++;
        while (i < n && ("0123456789.eE+-".indexOf(s.charAt(i)) >= 0)) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, i)));
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        while (end > 0 && s.charAt(end - 1) == '\\') {
          end = s.indexOf("\"\"\"", end + 3);
        }
        if (end < 0) {
          throw new GraphQlException("unterminated block string");
        }
        out.add(new Token(Kind.STRING, s.substring(i + 3, end)));
        i = end + 3;
      } else if (c == '"') {
        int j = i + 1;
        while (j < n && s.charAt(j) != '"') {
          if (s.charAt(j) == '\n' || s.charAt(j) == '\r') {
            throw new GraphQlException("unterminated string");
          }
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        if (j >= n) {
          throw new GraphQlException("unterminated string");
        }
        out.add(new Token(Kind.STRING, s.substring(i + 1, j)));
        i = j + 1;
      } else {
        throw new GraphQlException("unexpected character " + c);
      }
    }
    out.add(new Token(Kind.EOF, ""));
    return out;
  }
}
