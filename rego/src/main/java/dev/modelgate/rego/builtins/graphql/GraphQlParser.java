package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Argument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ChildValue;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Directive;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Value;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ValueKind;
import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Kind;
import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar both kinds of GraphQL document share (values, directives, arguments, type references)
 * over a one-token lookahead, following gqlparser's parser including its leniencies (keywords such
 * as {@code on} are recognised by their text whatever the token kind). The first error ends
 * parsing. Source size and nesting depth are bounded.
 */
abstract class GraphQlParser {
  /** The most characters a document may have. */
  static final int MAX_SOURCE_CHARS = 2 << 20;

  /** The deepest selection sets, values and list types may nest. */
  static final int MAX_DEPTH = 128;

  private final GraphQlLexer lexer;
  private Token peeked;
  private int depth;

  /**
   * The comments just before the peeked token, or null: gqlparser's "current comment group", which
   * nodes take as their comment when their first token is peeked. Consuming a token clears it.
   */
  List<String> comment;

  GraphQlParser(String source) throws GraphQlException {
    if (source.length() > MAX_SOURCE_CHARS) {
      throw new GraphQlException("document larger than " + MAX_SOURCE_CHARS + " characters", 1, 1);
    }
    this.lexer = new GraphQlLexer(source);
  }

  // ---------------------------------------------------------------- token cursor

  final Token peek() throws GraphQlException {
    if (peeked == null) {
      Token t = lexer.next();
      if (t.kind() == Kind.COMMENT) {
        List<String> group = new ArrayList<>();
        while (t.kind() == Kind.COMMENT) {
          group.add(t.value());
          t = lexer.next();
        }
        comment = List.copyOf(group);
      }
      peeked = t;
    }
    return peeked;
  }

  /** Consumes the peeked token; consuming a lexical error reports it. */
  final Token next() throws GraphQlException {
    Token t = peek();
    if (t.kind() == Kind.INVALID) {
      throw new GraphQlException(t.error(), t.line(), t.column());
    }
    peeked = null;
    comment = null;
    return t;
  }

  final boolean peekIs(Kind kind) throws GraphQlException {
    return peek().kind() == kind;
  }

  final boolean skip(Kind kind) throws GraphQlException {
    if (peek().kind() == kind) {
      next();
      return true;
    }
    return false;
  }

  final Token expect(Kind kind) throws GraphQlException {
    Token t = peek();
    if (t.kind() != kind) {
      throw at(t, "Expected " + kind.text + ", found " + t.kind().text);
    }
    return next();
  }

  final void expectKeyword(String keyword) throws GraphQlException {
    Token t = peek();
    if (t.kind() != Kind.NAME || !t.value().equals(keyword)) {
      throw at(t, "Expected " + GraphQlLexer.quote(keyword) + ", found " + t);
    }
    next();
  }

  final GraphQlException unexpected(Token t) {
    return at(t, "Unexpected " + t);
  }

  static GraphQlException at(Token t, String message) {
    return new GraphQlException(message, t.line(), t.column());
  }

  final void enter() throws GraphQlException {
    if (++depth > MAX_DEPTH) {
      Token t = peek();
      throw at(t, "document nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  final void leave() {
    depth--;
  }

  /** The callback of {@link #many} and {@link #some}: parses one item. */
  interface Item {
    void parse() throws GraphQlException;
  }

  /** Parses one element of a list and returns it. */
  interface Element<T> {
    T parse() throws GraphQlException;
  }

  /** {@code start item* end} when the next token is {@code start}; nothing otherwise. */
  final void many(Kind start, Kind end, Item item) throws GraphQlException {
    if (!skip(start)) {
      return;
    }
    while (peek().kind() != end) {
      item.parse();
    }
    next();
  }

  /**
   * {@code start item+ end} when the next token is {@code start}; nothing otherwise. Returns the
   * comments before {@code end} (null if none or if there was no {@code start}).
   */
  final List<String> some(Kind start, Kind end, Item item) throws GraphQlException {
    if (!skip(start)) {
      return null;
    }
    if (peek().kind() == end) {
      throw at(peek(), "expected at least one definition, found " + peek().kind().text);
    }
    while (peek().kind() != end) {
      item.parse();
    }
    List<String> before = comment;
    next();
    return before;
  }

  /** {@code ( element+ )} when the next token is "("; an empty list otherwise. */
  final <T> List<T> parenthesized(Element<T> element) throws GraphQlException {
    List<T> out = new ArrayList<>();
    some(Kind.PAREN_L, Kind.PAREN_R, () -> out.add(element.parse()));
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- shared grammar

  final String name() throws GraphQlException {
    return expect(Kind.NAME).value();
  }

  final String variable() throws GraphQlException {
    expect(Kind.DOLLAR);
    return name();
  }

  /** "query", "mutation" or "subscription", read from the next token whatever its kind. */
  final String operationType() throws GraphQlException {
    Token t = next();
    return switch (t.value()) {
      case "query", "mutation", "subscription" -> t.value();
      default -> throw unexpected(t);
    };
  }

  final Value value(boolean isConst) throws GraphQlException {
    Token t = peek();
    ValueKind kind;
    switch (t.kind()) {
      case BRACKET_L -> {
        return list(isConst);
      }
      case BRACE_L -> {
        return object(isConst);
      }
      case DOLLAR -> {
        if (isConst) {
          throw unexpected(t);
        }
        List<String> before = comment;
        return new Value(variable(), List.of(), ValueKind.VARIABLE, t.pos(), before);
      }
      case INT -> kind = ValueKind.INT;
      case FLOAT -> kind = ValueKind.FLOAT;
      case STRING -> kind = ValueKind.STRING;
      case BLOCK_STRING -> kind = ValueKind.BLOCK;
      case NAME ->
          kind =
              switch (t.value()) {
                case "true", "false" -> ValueKind.BOOLEAN;
                case "null" -> ValueKind.NULL;
                default -> ValueKind.ENUM;
              };
      default -> throw unexpected(t);
    }
    next();
    // gqlparser reads the comment after consuming the literal: always none.
    return new Value(t.value(), List.of(), kind, t.pos(), null);
  }

  private Value list(boolean isConst) throws GraphQlException {
    Position pos = peek().pos();
    List<String> before = comment;
    List<ChildValue> items = new ArrayList<>();
    enter();
    many(
        Kind.BRACKET_L,
        Kind.BRACKET_R,
        () -> items.add(new ChildValue("", value(isConst), null, null)));
    leave();
    return new Value("", List.copyOf(items), ValueKind.LIST, pos, before);
  }

  private Value object(boolean isConst) throws GraphQlException {
    Position pos = peek().pos();
    List<String> before = comment;
    List<ChildValue> fields = new ArrayList<>();
    enter();
    many(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position fieldPos = peek().pos();
          List<String> fieldComment = comment;
          String name = name();
          expect(Kind.COLON);
          fields.add(new ChildValue(name, value(isConst), fieldPos, fieldComment));
        });
    leave();
    return new Value("", List.copyOf(fields), ValueKind.OBJECT, pos, before);
  }

  final List<Argument> arguments(boolean isConst) throws GraphQlException {
    return parenthesized(
        () -> {
          Position pos = peek().pos();
          List<String> before = comment;
          String name = name();
          expect(Kind.COLON);
          return new Argument(name, value(isConst), pos, before);
        });
  }

  /** {@code = value} (a constant) when the next token is "="; null otherwise. */
  final Value defaultValue() throws GraphQlException {
    return skip(Kind.EQUALS) ? value(true) : null;
  }

  final List<Directive> directives(boolean isConst) throws GraphQlException {
    List<Directive> out = new ArrayList<>();
    while (peekIs(Kind.AT)) {
      next();
      Position pos = peek().pos();
      String name = name();
      out.add(new Directive(name, arguments(isConst), pos));
    }
    return List.copyOf(out);
  }

  final Type typeReference() throws GraphQlException {
    Type t;
    if (skip(Kind.BRACKET_L)) {
      Position pos = peek().pos();
      enter();
      Type elem = typeReference();
      leave();
      expect(Kind.BRACKET_R);
      t = new Type("", elem, false, pos);
    } else {
      Position pos = peek().pos();
      t = new Type(name(), null, false, pos);
    }
    if (skip(Kind.BANG)) {
      t = new Type(t.namedType(), t.elem(), true, t.pos());
    }
    return t;
  }
}
