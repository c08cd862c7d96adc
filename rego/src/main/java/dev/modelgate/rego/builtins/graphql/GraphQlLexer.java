package dev.modelgate.rego.builtins.graphql;

/**
 * Reads GraphQL tokens one at a time, with gqlparser's rules: ASCII names, strict number syntax,
 * string escapes, block strings with their indentation removed; whitespace, commas, byte-order
 * marks and comments are skipped. Lines and columns count code points, 1-based. The token count is
 * bounded so a huge document cannot keep a parser busy.
 */
final class GraphQlLexer {
  /** The most tokens one document may have. */
  static final int MAX_TOKENS = 250_000;

  /** Token kinds; {@link #text} is what gqlparser prints for the kind in messages. */
  enum Kind {
    EOF("<EOF>"),
    BANG("!"),
    DOLLAR("$"),
    AMP("&"),
    PAREN_L("("),
    PAREN_R(")"),
    SPREAD("..."),
    COLON(":"),
    EQUALS("="),
    AT("@"),
    BRACKET_L("["),
    BRACKET_R("]"),
    BRACE_L("{"),
    BRACE_R("}"),
    PIPE("|"),
    NAME("Name"),
    INT("Int"),
    FLOAT("Float"),
    STRING("String"),
    BLOCK_STRING("BlockString"),
    COMMENT("Comment"),
    /** A lexical error; the parser reports {@link Token#error} if it consumes the token. */
    INVALID("<Invalid>");

    final String text;

    Kind(String text) {
      this.text = text;
    }
  }

  /**
   * A token; value is "" for punctuators and EOF, the decoded text for strings, the whole line for
   * comments ("#" included); error is the lexer's message for INVALID tokens, else null.
   */
  record Token(Kind kind, String value, int line, int column, String error) {
    Token(Kind kind, String value, int line, int column) {
      this(kind, value, line, column, null);
    }

    GraphQlAst.Position pos() {
      return new GraphQlAst.Position(line, column);
    }

    @Override
    public String toString() {
      return value.isEmpty() ? kind.text : kind.text + " " + quote(value);
    }
  }

  /** A string in double quotes with quotes and backslashes escaped, as Go's strconv.Quote. */
  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  private final String src;
  private int i;
  private int line = 1;
  private int lineStart; // char index where the current line starts
  // Columns count code points; remembering the last one keeps counting linear on long lines.
  private int columnIndex;
  private int columnAtIndex = 1;
  private int tokens;

  GraphQlLexer(String src) {
    this.src = src;
  }

  Token next() throws GraphQlException {
    if (++tokens > MAX_TOKENS) {
      throw error("document has more than " + MAX_TOKENS + " tokens");
    }
    try {
      return read();
    } catch (GraphQlException e) {
      return new Token(Kind.INVALID, "", e.line(), e.column(), e.getMessage());
    }
  }

  private Token read() throws GraphQlException {
    skipIgnored();
    int start = i;
    int column = column(start);
    if (i >= src.length()) {
      return new Token(Kind.EOF, "", line, column);
    }
    char c = src.charAt(i);
    Kind punct = punctuator(c);
    if (punct != null) {
      i++;
      return new Token(punct, "", line, column);
    }
    if (c == '.') {
      if (src.startsWith("...", i)) {
        i += 3;
        return new Token(Kind.SPREAD, "", line, column);
      }
    } else if (c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
      while (i < src.length() && isNameChar(src.charAt(i))) {
        i++;
      }
      return new Token(Kind.NAME, src.substring(start, i), line, column);
    } else if (c == '-' || c >= '0' && c <= '9') {
      return number(start, column);
    } else if (c == '"') {
      // gqlparser places string tokens after their opening quote(s) (see blockString).
      return src.startsWith("\"\"\"", i) ? blockString() : string(column + 1);
    } else if (c == '#') {
      // A comment runs to the end of the line (any control character but tab ends it).
      while (i < src.length() && (src.charAt(i) > 0x1f || src.charAt(i) == '\t')) {
        i++;
      }
      return new Token(Kind.COMMENT, src.substring(start, i), line, column);
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      throw error(String.format("Cannot contain the invalid character \"\\u%04d\"", (int) c));
    }
    if (c == '\'') {
      throw error(
          "Unexpected single quote character ('), did you mean to use a double quote (\")?");
    }
    throw error(
        "Cannot parse the unexpected character \""
            + new String(Character.toChars(src.codePointAt(i)))
            + "\".");
  }

  private static Kind punctuator(char c) {
    return switch (c) {
      case '!' -> Kind.BANG;
      case '$' -> Kind.DOLLAR;
      case '&' -> Kind.AMP;
      case '(' -> Kind.PAREN_L;
      case ')' -> Kind.PAREN_R;
      case ':' -> Kind.COLON;
      case '=' -> Kind.EQUALS;
      case '@' -> Kind.AT;
      case '[' -> Kind.BRACKET_L;
      case ']' -> Kind.BRACKET_R;
      case '{' -> Kind.BRACE_L;
      case '}' -> Kind.BRACE_R;
      case '|' -> Kind.PIPE;
      default -> null;
    };
  }

  private static boolean isNameChar(char c) {
    return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private void skipIgnored() {
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == ' ' || c == '\t' || c == ',' || c == '\uFEFF') {
        i++;
      } else if (c == '\n' || c == '\r') {
        i++;
        if (c == '\r' && i < src.length() && src.charAt(i) == '\n') {
          i++;
        }
        newLine();
      } else {
        return;
      }
    }
  }

  private void newLine() {
    lineStart = i;
    columnIndex = i;
    columnAtIndex = 1;
    line++;
  }

  private int column(int at) {
    if (at < columnIndex) {
      return src.codePointCount(lineStart, at) + 1;
    }
    columnAtIndex += src.codePointCount(columnIndex, at);
    columnIndex = at;
    return columnAtIndex;
  }

  private Token number(int start, int column) throws GraphQlException {
    boolean isFloat = false;
    accept('-');
    if (accept('0')) {
      if (digits() != 0) {
        throw error("Invalid number, unexpected digit after 0: " + describeNext() + ".");
      }
    } else if (digits() == 0) {
      throw error("Invalid number, expected digit but got: " + describeNext() + ".");
    }
    if (accept('.')) {
      isFloat = true;
      if (digits() == 0) {
        throw error("Invalid number, expected digit but got: " + describeNext() + ".");
      }
    }
    if (accept('e') || accept('E')) {
      isFloat = true;
      if (!accept('-')) {
        accept('+');
      }
      if (digits() == 0) {
        throw error("Invalid number, expected digit but got: " + describeNext() + ".");
      }
    }
    return new Token(isFloat ? Kind.FLOAT : Kind.INT, src.substring(start, i), line, column);
  }

  private boolean accept(char c) {
    if (i < src.length() && src.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private int digits() {
    int n = 0;
    while (i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
      i++;
      n++;
    }
    return n;
  }

  private String describeNext() {
    return i < src.length() ? "\"" + src.charAt(i) + "\"" : "<EOF>";
  }

  private Token string(int column) throws GraphQlException {
    StringBuilder b = new StringBuilder();
    i++;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\n' || c == '\r') {
        break;
      }
      if (c < 0x20 && c != '\t') {
        throw error(String.format("Invalid character within String: \"\\u%04d\".", (int) c));
      }
      if (c == '"') {
        i++;
        return new Token(Kind.STRING, b.toString(), line, column);
      }
      if (c != '\\') {
        b.append(c);
        i++;
        continue;
      }
      if (i + 1 >= src.length()) {
        throw error("Invalid character escape sequence.");
      }
      char escape = src.charAt(i + 1);
      if (escape == 'u') {
        if (i + 6 > src.length()) {
          throw error("Invalid character escape sequence: \\" + src.substring(i + 1) + ".");
        }
        int cp = unhex(src.substring(i + 2, i + 6));
        if (cp < 0) {
          throw error("Invalid character escape sequence: \\" + src.substring(i + 1, i + 6) + ".");
        }
        b.append((char) cp);
        i += 6;
        continue;
      }
      switch (escape) {
        case '"', '/', '\\' -> b.append(escape);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        default -> throw error("Invalid character escape sequence: \\" + escape + ".");
      }
      i += 2;
    }
    throw error("Unterminated string.");
  }

  private static int unhex(String s) {
    int v = 0;
    for (int k = 0; k < s.length(); k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  /**
   * A block string. Its position is gqlparser's: the line it ends on, and the column of its first
   * character after the quotes counted from the start of that line (zero or negative when the
   * string spans lines).
   */
  private Token blockString() throws GraphQlException {
    int contentStart = i + 3;
    StringBuilder raw = new StringBuilder();
    i += 3;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '"') {
        // Three or more quotes close the string; quotes before the last three belong to it.
        int quotes = 1;
        while (i + quotes < src.length() && src.charAt(i + quotes) == '"') {
          quotes++;
        }
        if (quotes >= 3) {
          raw.append("\"".repeat(quotes - 3));
          i += quotes;
          int column =
              contentStart >= lineStart
                  ? column(contentStart)
                  : 1 - src.codePointCount(contentStart, lineStart);
          return new Token(Kind.BLOCK_STRING, blockStringValue(raw.toString()), line, column);
        }
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        throw error(String.format("Invalid character within String: \"\\u%04d\".", (int) c));
      }
      if (src.startsWith("\\\"\"\"", i)) {
        raw.append("\"\"\"");
        i += 4;
      } else if (c == '\n' || c == '\r') {
        i++;
        if (c == '\r' && i < src.length() && src.charAt(i) == '\n') {
          i++;
        }
        raw.append('\n');
        newLine();
      } else {
        raw.append(c);
        i++;
      }
    }
    throw error("Unterminated string.");
  }

  /**
   * The spec's BlockStringValue as gqlparser computes it: the common indentation is measured over
   * every line, the first included, but removed from the lines after the first only; then leading
   * and trailing blank lines go.
   */
  static String blockStringValue(String raw) {
    String[] lines = raw.split("\n", -1);
    int common = Integer.MAX_VALUE;
    for (String l : lines) {
      int indent = leadingWhitespace(l);
      if (indent < l.length() && indent < common) {
        common = indent;
        if (common == 0) {
          break;
        }
      }
    }
    if (common != Integer.MAX_VALUE) {
      for (int k = 1; k < lines.length; k++) {
        lines[k] = lines[k].length() < common ? "" : lines[k].substring(common);
      }
    }
    int start = 0;
    int end = lines.length;
    while (start < end && leadingWhitespace(lines[start]) == Integer.MAX_VALUE) {
      start++;
    }
    while (start < end && leadingWhitespace(lines[end - 1]) == Integer.MAX_VALUE) {
      end--;
    }
    return String.join("\n", java.util.Arrays.asList(lines).subList(start, end));
  }

  private static int leadingWhitespace(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) != ' ' && s.charAt(k) != '\t') {
        return k;
      }
    }
    return Integer.MAX_VALUE;
  }

  private GraphQlException error(String message) {
    return new GraphQlException(message, line, column(Math.min(i, src.length())));
  }
}
