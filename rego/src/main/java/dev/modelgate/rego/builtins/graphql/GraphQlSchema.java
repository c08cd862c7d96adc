package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Kind;
import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates a GraphQL schema (SDL), as graphql.schema_is_valid needs: the grammar of
 * type-system definitions and extensions, then the checks gqlparser (OPA's library) makes on types:
 * references resolve to the right kinds, interfaces are implemented transitively, enums have unique
 * values, directive locations exist. Input size and nesting are bounded.
 */
final class GraphQlSchema {
  static final int MAX_SOURCE_CHARS = 1 << 20;
  private static final int MAX_DEPTH = 64;

  private static final Set<String> BUILTIN_SCALARS =
      Set.of("String", "Int", "Float", "Boolean", "ID");
  private static final Set<String> INPUT_KINDS = Set.of("SCALAR", "ENUM", "INPUT_OBJECT");
  private static final Set<String> OUTPUT_KINDS =
      Set.of("SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM");
  private static final Set<String> DIRECTIVE_LOCATIONS =
      Set.of(
          "QUERY",
          "MUTATION",
          "SUBSCRIPTION",
          "FIELD",
          "FRAGMENT_DEFINITION",
          "FRAGMENT_SPREAD",
          "INLINE_FRAGMENT",
          "VARIABLE_DEFINITION",
          "SCHEMA",
          "SCALAR",
          "OBJECT",
          "FIELD_DEFINITION",
          "ARGUMENT_DEFINITION",
          "INTERFACE",
          "UNION",
          "ENUM",
          "ENUM_VALUE",
          "INPUT_OBJECT",
          "INPUT_FIELD_DEFINITION");
  private static final Map<String, String> KINDS =
      Map.of(
          "scalar", "SCALAR",
          "type", "OBJECT",
          "interface", "INTERFACE",
          "union", "UNION",
          "enum", "ENUM",
          "input", "INPUT_OBJECT");

  /** A field or argument: its name, the named type at the core of its type, and arguments. */
  private record Field(String name, String type, List<Field> args) {}

  private static final class TypeDef {
    final String kind;
    final List<Field> fields = new ArrayList<>();
    final Set<String> interfaces = new LinkedHashSet<>();
    final List<String> members = new ArrayList<>();
    final List<String> values = new ArrayList<>();

    TypeDef(String kind) {
      this.kind = kind;
    }
  }

  private record Extension(String name, TypeDef def) {}

  private final List<Token> tokens;
  private int p;
  private int depth;
  private final Map<String, TypeDef> types = new LinkedHashMap<>();
  private final List<Extension> extensions = new ArrayList<>();
  private final List<String> operationTypes = new ArrayList<>();
  private final List<Field> directiveArgs = new ArrayList<>();

  private GraphQlSchema(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Throws when the schema does not parse or does not validate. */
  static void check(String source) throws GraphQlException {
    if (source.length() > MAX_SOURCE_CHARS) {
      throw new GraphQlException("schema too large");
    }
    GraphQlSchema s = new GraphQlSchema(GraphQlLexer.lex(source));
    s.document();
    s.validate();
  }

  // ---------------------------------------------------------------- grammar

  private Token peek() {
    return tokens.get(p);
  }

  private Token next() throws GraphQlException {
    Token t = tokens.get(p);
    if (t.kind() == Kind.EOF) {
      throw new GraphQlException("unexpected end of schema");
    }
    p++;
    return t;
  }

  private boolean accept(String s) {
    if (peek().is(s)) {
      p++;
      return true;
    }
    return false;
  }

  private void expect(String s) throws GraphQlException {
    if (!accept(s)) {
      throw new GraphQlException("expected " + s + ", found " + peek().text());
    }
  }

  private String name() throws GraphQlException {
    Token t = next();
    if (t.kind() != Kind.NAME) {
      throw new GraphQlException("expected a name, found " + t.text());
    }
    return t.text();
  }

  private void skipDescription() {
    if (peek().kind() == Kind.STRING) {
      p++;
    }
  }

  private void document() throws GraphQlException {
    while (peek().kind() != Kind.EOF) {
      if (accept("extend")) {
        extension();
      } else {
        skipDescription();
        definition();
      }
    }
  }

  private void definition() throws GraphQlException {
    String keyword = name();
    switch (keyword) {
      case "schema" -> {
        directives();
        operationTypes(true);
      }
      case "directive" -> directiveDefinition();
      default -> {
        String kind = KINDS.get(keyword);
        if (kind == null) {
          throw new GraphQlException("unexpected " + keyword);
        }
        String name = name();
        TypeDef def = new TypeDef(kind);
        typeBody(def);
        if (BUILTIN_SCALARS.contains(name) || types.putIfAbsent(name, def) != null) {
          throw new GraphQlException("type " + name + " defined more than once");
        }
      }
    }
  }

  private void extension() throws GraphQlException {
    String keyword = name();
    if (keyword.equals("schema")) {
      boolean hasDirectives = directives();
      if (!operationTypes(false) && !hasDirectives) {
        throw new GraphQlException("schema extension must have directives or operation types");
      }
      return;
    }
    String kind = KINDS.get(keyword);
    if (kind == null) {
      throw new GraphQlException("unexpected extend " + keyword);
    }
    String name = name();
    TypeDef def = new TypeDef(kind);
    if (!typeBody(def)) {
      throw new GraphQlException("extension of " + name + " adds nothing");
    }
    extensions.add(new Extension(name, def));
  }

  /** Parses what follows a type's name; returns whether anything was there. */
  private boolean typeBody(TypeDef def) throws GraphQlException {
    boolean any = false;
    if ((def.kind.equals("OBJECT") || def.kind.equals("INTERFACE")) && accept("implements")) {
      accept("&");
      do {
        def.interfaces.add(name());
      } while (accept("&"));
      any = true;
    }
    any |= directives();
    switch (def.kind) {
      case "OBJECT", "INTERFACE", "INPUT_OBJECT" -> {
        if (accept("{")) {
          boolean withArgs = !def.kind.equals("INPUT_OBJECT");
          do {
            def.fields.add(field(withArgs));
          } while (!accept("}"));
          any = true;
        }
      }
      case "ENUM" -> {
        if (accept("{")) {
          do {
            skipDescription();
            def.values.add(name());
            directives();
          } while (!accept("}"));
          any = true;
        }
      }
      case "UNION" -> {
        if (accept("=")) {
          accept("|");
          do {
            def.members.add(name());
          } while (accept("|"));
          any = true;
        }
      }
      default -> {}
    }
    return any;
  }

  /** A field definition (with arguments) or an input value (with a default). */
  private Field field(boolean withArgs) throws GraphQlException {
    skipDescription();
    String name = name();
    List<Field> args = new ArrayList<>();
    if (withArgs && accept("(")) {
      do {
        args.add(field(false));
      } while (!accept(")"));
    }
    expect(":");
    String type = type();
    if (!withArgs && accept("=")) {
      value();
    }
    directives();
    return new Field(name, type, List.copyOf(args));
  }

  /** A type reference; returns the named type inside any list and non-null wrappers. */
  private String type() throws GraphQlException {
    String named;
    if (accept("[")) {
      enter();
      named = type();
      expect("]");
      depth--;
    } else {
      named = name();
    }
    accept("!");
    return named;
  }

  private void value() throws GraphQlException {
    Token t = next();
    if (t.kind() != Kind.PUNCT) {
      return;
    }
    enter();
    if (t.is("[")) {
      while (!accept("]")) {
        value();
      }
    } else if (t.is("{")) {
      while (!accept("}")) {
        name();
        expect(":");
        value();
      }
    } else {
      throw new GraphQlException("unexpected " + t.text() + " in a value");
    }
    depth--;
  }

  private void enter() throws GraphQlException {
    if (++depth > MAX_DEPTH) {
      throw new GraphQlException("schema nested too deeply");
    }
  }

  private boolean directives() throws GraphQlException {
    boolean any = false;
    while (accept("@")) {
      name();
      if (accept("(")) {
        do {
          name();
          expect(":");
          value();
        } while (!accept(")"));
      }
      any = true;
    }
    return any;
  }

  private boolean operationTypes(boolean required) throws GraphQlException {
    if (!accept("{")) {
      if (required) {
        throw new GraphQlException("schema definition must list operation types");
      }
      return false;
    }
    do {
      String op = name();
      if (!Set.of("query", "mutation", "subscription").contains(op)) {
        throw new GraphQlException("unknown operation type " + op);
      }
      expect(":");
      operationTypes.add(name());
    } while (!accept("}"));
    return true;
  }

  private void directiveDefinition() throws GraphQlException {
    expect("@");
    name();
    if (accept("(")) {
      do {
        directiveArgs.add(field(false));
      } while (!accept(")"));
    }
    accept("repeatable");
    expect("on");
    accept("|");
    do {
      String location = name();
      if (!DIRECTIVE_LOCATIONS.contains(location)) {
        throw new GraphQlException("unknown directive location " + location);
      }
    } while (accept("|"));
  }

  // ---------------------------------------------------------------- validation

  private void validate() throws GraphQlException {
    for (Extension ext : extensions) {
      // As gqlparser: extending a type that is not defined defines it.
      TypeDef base = types.computeIfAbsent(ext.name(), n -> new TypeDef(ext.def().kind));
      if (!base.kind.equals(ext.def().kind)) {
        throw new GraphQlException("cannot extend " + ext.name() + ": it is a " + base.kind);
      }
      base.fields.addAll(ext.def().fields);
      base.interfaces.addAll(ext.def().interfaces);
      base.members.addAll(ext.def().members);
      base.values.addAll(ext.def().values);
    }
    for (Map.Entry<String, TypeDef> e : types.entrySet()) {
      TypeDef t = e.getValue();
      Set<String> fieldKinds = t.kind.equals("INPUT_OBJECT") ? INPUT_KINDS : OUTPUT_KINDS;
      for (Field f : t.fields) {
        requireType(f.type(), fieldKinds);
        for (Field a : f.args()) {
          requireType(a.type(), INPUT_KINDS);
        }
      }
      for (String i : t.interfaces) {
        for (String inherited : requireType(i, Set.of("INTERFACE")).interfaces) {
          if (!t.interfaces.contains(inherited)) {
            throw new GraphQlException(e.getKey() + " must also implement " + inherited);
          }
        }
      }
      for (String m : t.members) {
        requireType(m, Set.of("OBJECT"));
      }
      if (Set.copyOf(t.values).size() != t.values.size()) {
        throw new GraphQlException("enum " + e.getKey() + " repeats a value");
      }
    }
    for (String op : operationTypes) {
      requireType(op, Set.of("OBJECT"));
    }
    for (Field a : directiveArgs) {
      requireType(a.type(), INPUT_KINDS);
    }
  }

  private TypeDef requireType(String name, Set<String> kinds) throws GraphQlException {
    TypeDef t = BUILTIN_SCALARS.contains(name) ? new TypeDef("SCALAR") : types.get(name);
    if (t == null) {
      throw new GraphQlException("undefined type " + name);
    }
    if (!kinds.contains(t.kind)) {
      throw new GraphQlException(name + " is a " + t.kind + ", not one of " + kinds);
    }
    return t;
  }
}
