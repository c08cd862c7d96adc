package dev.modelgate.rego.parser;

/**
 * A lexical token. {@code newlineBefore} tells whether a line break separates it from the previous
 * token (Rego ends body expressions at line breaks).
 */
record Token(Kind kind, String text, int line, int col, boolean newlineBefore) {
  enum Kind {
    IDENT,
    STRING,
    RAW_STRING,
    /** {@code $"..."}: raw content between the quotes (parts split by the parser). */
    TEMPLATE,
    /** {@code $`...`}. */
    RAW_TEMPLATE,
    NUMBER,
    PUNCT,
    EOF
  }

  boolean is(String punct) {
    return kind == Kind.PUNCT && text.equals(punct);
  }

  boolean isIdent(String word) {
    return kind == Kind.IDENT && text.equals(word);
  }
}
