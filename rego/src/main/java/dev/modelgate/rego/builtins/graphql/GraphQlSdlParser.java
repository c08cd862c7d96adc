package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.ArgumentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Comments;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Definition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Directive;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.DirectiveDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.EnumValueDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FieldDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.OperationTypeDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Value;
import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Kind;
import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a type-system document (SDL), as graphql.parse_schema: type definitions and extensions,
 * schema definitions and extensions, directive definitions. Only the grammar is checked here;
 * {@link GraphQlSchemaBuilder} checks the types.
 */
final class GraphQlSdlParser extends GraphQlParser {
  static final Set<String> DIRECTIVE_LOCATIONS =
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

  private final boolean builtIn;
  private final List<SchemaDefinition> schema = new ArrayList<>();
  private final List<SchemaDefinition> schemaExtension = new ArrayList<>();
  private final List<DirectiveDefinition> directiveDefs = new ArrayList<>();
  private final List<Definition> definitions = new ArrayList<>();
  private final List<Definition> extensions = new ArrayList<>();

  /** A description and the comments before it (both empty when there is none). */
  private record Description(String text, List<String> comment) {
    static final Description NONE = new Description("", null);
  }

  private GraphQlSdlParser(String source, boolean builtIn) throws GraphQlException {
    super(source);
    this.builtIn = builtIn;
  }

  static SchemaDocument parse(String source) throws GraphQlException {
    return parse(source, false);
  }

  /** {@code builtIn} marks the definitions as the prelude's (exempt from the "__" name rule). */
  static SchemaDocument parse(String source, boolean builtIn) throws GraphQlException {
    GraphQlSdlParser p = new GraphQlSdlParser(source, builtIn);
    p.document();
    return new SchemaDocument(
        List.copyOf(p.schema),
        List.copyOf(p.schemaExtension),
        List.copyOf(p.directiveDefs),
        List.copyOf(p.definitions),
        List.copyOf(p.extensions),
        p.comment); // comments at the end of the document
  }

  private void document() throws GraphQlException {
    while (!peekIs(Kind.EOF)) {
      Token descriptionToken = peek();
      Description description = description();
      Token t = peek();
      if (t.kind() != Kind.NAME) {
        throw unexpected(t);
      }
      switch (t.value()) {
        case "scalar", "type", "interface", "union", "enum", "input" ->
            definitions.add(typeDefinition(description));
        case "schema" -> schema.add(schemaDefinition(description));
        case "directive" -> directiveDefs.add(directiveDefinition(description));
        case "extend" -> {
          if (!description.text().isEmpty()) {
            throw unexpected(descriptionToken);
          }
          extension();
        }
        default -> throw unexpected(t);
      }
    }
  }

  private Description description() throws GraphQlException {
    if (!peekIs(Kind.STRING) && !peekIs(Kind.BLOCK_STRING)) {
      return Description.NONE;
    }
    List<String> before = comment;
    return new Description(next().value(), before);
  }

  /** Expects a keyword; returns the comments before it. */
  private List<String> keyword(String keyword) throws GraphQlException {
    peek();
    List<String> before = comment;
    expectKeyword(keyword);
    return before;
  }

  /** The description of a field, argument or enum value, and its comments. */
  private record Member(String description, Comments comments) {}

  /**
   * Reads a member's description; its comments are those before the description (kept only when
   * there is one) and those before the name.
   */
  private Member member() throws GraphQlException {
    Description d = description();
    peek();
    return new Member(
        d.text(), new Comments(d.text().isEmpty() ? null : d.comment(), comment, null));
  }

  private SchemaDefinition schemaDefinition(Description description) throws GraphQlException {
    List<String> after = keyword("schema");
    Position pos = peek().pos();
    List<Directive> directives = directives(true);
    List<OperationTypeDefinition> ops = new ArrayList<>();
    List<String> end = operationTypes(ops);
    return new SchemaDefinition(
        description.text(),
        directives,
        List.copyOf(ops),
        pos,
        new Comments(description.comment(), after, end));
  }

  /** Parses {@code { operation: Type ... }} into ops; returns the comments before "}". */
  private List<String> operationTypes(List<OperationTypeDefinition> ops) throws GraphQlException {
    return some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          List<String> before = comment;
          String operation = operationType();
          expect(Kind.COLON);
          ops.add(new OperationTypeDefinition(operation, name(), pos, before));
        });
  }

  private static String kindOf(String keyword) {
    return switch (keyword) {
      case "scalar" -> "SCALAR";
      case "type" -> "OBJECT";
      case "interface" -> "INTERFACE";
      case "union" -> "UNION";
      case "enum" -> "ENUM";
      default -> "INPUT_OBJECT";
    };
  }

  /**
   * The parts after a type's name; which ones a kind has differs, as does what extensions allow.
   */
  private final class TypeBody {
    List<String> interfaces = List.of();
    List<Directive> directives = List.of();
    List<FieldDefinition> fields = List.of();
    List<String> types = List.of();
    List<EnumValueDefinition> enumValues = List.of();
    List<String> end;

    boolean isEmpty() {
      return interfaces.isEmpty()
          && directives.isEmpty()
          && fields.isEmpty()
          && types.isEmpty()
          && enumValues.isEmpty();
    }

    void parse(String kind, boolean extension) throws GraphQlException {
      List<FieldDefinition> parsed = new ArrayList<>();
      switch (kind) {
        case "OBJECT" -> {
          interfaces = implementsInterfaces();
          directives = directives(true);
          end = fieldsDefinition(parsed);
        }
        case "INTERFACE" -> {
          if (!extension) {
            interfaces = implementsInterfaces();
          }
          directives = directives(true);
          end = fieldsDefinition(parsed);
        }
        case "UNION" -> {
          directives = directives(true);
          types = unionMembers();
        }
        case "ENUM" -> {
          directives = directives(true);
          List<EnumValueDefinition> values = new ArrayList<>();
          end = enumValues(values);
          enumValues = List.copyOf(values);
        }
        case "INPUT_OBJECT" -> {
          // gqlparser allows variables in the directives of input extensions only.
          directives = directives(!extension);
          end = inputFields(parsed);
        }
        default -> directives = directives(true);
      }
      fields = List.copyOf(parsed);
    }
  }

  private Definition typeDefinition(Description description) throws GraphQlException {
    String kind = kindOf(peek().value());
    List<String> after = keyword(peek().value());
    Position pos = peek().pos();
    String name = name();
    TypeBody body = new TypeBody();
    body.parse(kind, false);
    return new Definition(
        kind,
        description.text(),
        name,
        body.directives,
        body.interfaces,
        body.fields,
        body.types,
        body.enumValues,
        pos,
        builtIn,
        new Comments(description.comment(), after, body.end));
  }

  private void extension() throws GraphQlException {
    List<String> after = keyword("extend");
    Token t = peek();
    if (t.value().equals("schema")) {
      expectKeyword("schema");
      Position pos = peek().pos();
      List<Directive> directives = directives(true);
      List<OperationTypeDefinition> ops = new ArrayList<>();
      List<String> end = operationTypes(ops);
      if (directives.isEmpty() && ops.isEmpty()) {
        throw unexpected(peek());
      }
      schemaExtension.add(
          new SchemaDefinition(
              "", directives, List.copyOf(ops), pos, new Comments(null, after, end)));
      return;
    }
    if (!Set.of("scalar", "type", "interface", "union", "enum", "input").contains(t.value())) {
      throw unexpected(t);
    }
    String kind = kindOf(t.value());
    expectKeyword(t.value());
    Position pos = peek().pos();
    String name = name();
    TypeBody body = new TypeBody();
    body.parse(kind, true);
    if (body.isEmpty()) {
      throw unexpected(peek());
    }
    extensions.add(
        new Definition(
            kind,
            "",
            name,
            body.directives,
            body.interfaces,
            body.fields,
            body.types,
            body.enumValues,
            pos,
            builtIn,
            new Comments(null, after, body.end)));
  }

  private List<String> implementsInterfaces() throws GraphQlException {
    List<String> names = new ArrayList<>();
    if (peek().value().equals("implements")) {
      next();
      skip(Kind.AMP);
      names.add(name());
      while (skip(Kind.AMP)) {
        names.add(name());
      }
    }
    return List.copyOf(names);
  }

  private List<String> unionMembers() throws GraphQlException {
    List<String> names = new ArrayList<>();
    if (skip(Kind.EQUALS)) {
      skip(Kind.PIPE);
      names.add(name());
      while (skip(Kind.PIPE)) {
        names.add(name());
      }
    }
    return List.copyOf(names);
  }

  private List<String> fieldsDefinition(List<FieldDefinition> fields) throws GraphQlException {
    return some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          Member m = member();
          String name = name();
          List<ArgumentDefinition> args = argumentDefinitions();
          expect(Kind.COLON);
          Type type = typeReference();
          fields.add(
              new FieldDefinition(
                  m.description(), name, args, null, type, directives(true), pos, m.comments()));
        });
  }

  private List<String> inputFields(List<FieldDefinition> fields) throws GraphQlException {
    return some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          Member m = member();
          String name = name();
          expect(Kind.COLON);
          Type type = typeReference();
          Value defaultValue = skip(Kind.EQUALS) ? value(true) : null;
          fields.add(
              new FieldDefinition(
                  m.description(),
                  name,
                  List.of(),
                  defaultValue,
                  type,
                  directives(true),
                  pos,
                  m.comments()));
        });
  }

  private List<ArgumentDefinition> argumentDefinitions() throws GraphQlException {
    List<ArgumentDefinition> args = new ArrayList<>();
    some(
        Kind.PAREN_L,
        Kind.PAREN_R,
        () -> {
          Position pos = peek().pos();
          Member m = member();
          String name = name();
          expect(Kind.COLON);
          Type type = typeReference();
          Value defaultValue = skip(Kind.EQUALS) ? value(true) : null;
          args.add(
              new ArgumentDefinition(
                  m.description(), name, defaultValue, type, directives(true), pos, m.comments()));
        });
    return List.copyOf(args);
  }

  private List<String> enumValues(List<EnumValueDefinition> values) throws GraphQlException {
    return some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          Member m = member();
          String name = name();
          values.add(
              new EnumValueDefinition(m.description(), name, directives(true), pos, m.comments()));
        });
  }

  private DirectiveDefinition directiveDefinition(Description description) throws GraphQlException {
    List<String> after = keyword("directive");
    expect(Kind.AT);
    Position pos = peek().pos();
    String name = name();
    List<ArgumentDefinition> args = argumentDefinitions();
    boolean repeatable = false;
    if (peekIs(Kind.NAME) && peek().value().equals("repeatable")) {
      next();
      repeatable = true;
    }
    expectKeyword("on");
    List<String> locations = new ArrayList<>();
    skip(Kind.PIPE);
    locations.add(directiveLocation());
    while (skip(Kind.PIPE)) {
      locations.add(directiveLocation());
    }
    return new DirectiveDefinition(
        description.text(),
        name,
        args,
        List.copyOf(locations),
        repeatable,
        pos,
        new Comments(description.comment(), after, null));
  }

  private String directiveLocation() throws GraphQlException {
    Token t = expect(Kind.NAME);
    if (!DIRECTIVE_LOCATIONS.contains(t.value())) {
      throw unexpected(t);
    }
    return t.value();
  }
}
