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

  /** The start of a field, argument or enum value: where it is, its description, name, comments. */
  private record Member(Position pos, String description, String name, Comments comments) {}

  /**
   * Reads a member's description and name; its comments are those before the description (kept only
   * when there is one) and those before the name.
   */
  private Member member() throws GraphQlException {
    Position pos = peek().pos();
    Description d = description();
    peek();
    Comments comments = new Comments(d.text().isEmpty() ? null : d.comment(), comment, null);
    return new Member(pos, d.text(), name(), comments);
  }

  private SchemaDefinition schemaDefinition(Description description) throws GraphQlException {
    List<String> after = keyword("schema");
    return schemaBody(description, after);
  }

  /** What follows "schema" in a definition or an extension: directives and operation types. */
  private SchemaDefinition schemaBody(Description description, List<String> after)
      throws GraphQlException {
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
    return typeRest(kind, false, description, after);
  }

  /** What follows a type's keyword in a definition or an extension: its name and body. */
  private Definition typeRest(
      String kind, boolean extension, Description description, List<String> after)
      throws GraphQlException {
    Position pos = peek().pos();
    String name = name();
    TypeBody body = new TypeBody();
    body.parse(kind, extension);
    if (extension && body.isEmpty()) {
      throw unexpected(peek());
    }
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
      SchemaDefinition extension = schemaBody(Description.NONE, after);
      if (extension.directives().isEmpty() && extension.operationTypes().isEmpty()) {
        throw unexpected(peek());
      }
      schemaExtension.add(extension);
      return;
    }
    if (!Set.of("scalar", "type", "interface", "union", "enum", "input").contains(t.value())) {
      throw unexpected(t);
    }
    String kind = kindOf(t.value());
    expectKeyword(t.value());
    extensions.add(typeRest(kind, true, Description.NONE, after));
  }

  private List<String> implementsInterfaces() throws GraphQlException {
    if (!peek().value().equals("implements")) {
      return List.of();
    }
    next();
    return separated(Kind.AMP, this::name);
  }

  private List<String> unionMembers() throws GraphQlException {
    return skip(Kind.EQUALS) ? separated(Kind.PIPE, this::name) : List.of();
  }

  /** {@code sep? element (sep element)*}, as after "implements", "=" of a union, or "on". */
  private List<String> separated(Kind separator, Element<String> element) throws GraphQlException {
    List<String> out = new ArrayList<>();
    skip(separator);
    out.add(element.parse());
    while (skip(separator)) {
      out.add(element.parse());
    }
    return List.copyOf(out);
  }

  private List<String> fieldsDefinition(List<FieldDefinition> fields) throws GraphQlException {
    return some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Member m = member();
          List<ArgumentDefinition> args = argumentDefinitions();
          expect(Kind.COLON);
          Type type = typeReference();
          fields.add(
              new FieldDefinition(
                  m.description(),
                  m.name(),
                  args,
                  null,
                  type,
                  directives(true),
                  m.pos(),
                  m.comments()));
        });
  }

  private List<String> inputFields(List<FieldDefinition> fields) throws GraphQlException {
    return some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Member m = member();
          expect(Kind.COLON);
          Type type = typeReference();
          Value defaultValue = defaultValue();
          fields.add(
              new FieldDefinition(
                  m.description(),
                  m.name(),
                  List.of(),
                  defaultValue,
                  type,
                  directives(true),
                  m.pos(),
                  m.comments()));
        });
  }

  private List<ArgumentDefinition> argumentDefinitions() throws GraphQlException {
    return parenthesized(
        () -> {
          Member m = member();
          expect(Kind.COLON);
          Type type = typeReference();
          Value defaultValue = defaultValue();
          return new ArgumentDefinition(
              m.description(),
              m.name(),
              defaultValue,
              type,
              directives(true),
              m.pos(),
              m.comments());
        });
  }

  private List<String> enumValues(List<EnumValueDefinition> values) throws GraphQlException {
    return some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Member m = member();
          values.add(
              new EnumValueDefinition(
                  m.description(), m.name(), directives(true), m.pos(), m.comments()));
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
    List<String> locations = separated(Kind.PIPE, this::directiveLocation);
    return new DirectiveDefinition(
        description.text(),
        name,
        args,
        locations,
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
