package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.ArgumentDefinition;
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
        List.copyOf(p.extensions));
  }

  private void document() throws GraphQlException {
    while (!peekIs(Kind.EOF)) {
      Token descriptionToken = null;
      String description = "";
      if (peekIs(Kind.STRING) || peekIs(Kind.BLOCK_STRING)) {
        descriptionToken = next();
        description = descriptionToken.value();
      }
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
          if (!description.isEmpty()) {
            throw unexpected(descriptionToken);
          }
          extension();
        }
        default -> throw unexpected(t);
      }
    }
  }

  private String description() throws GraphQlException {
    return peekIs(Kind.STRING) || peekIs(Kind.BLOCK_STRING) ? next().value() : "";
  }

  private SchemaDefinition schemaDefinition(String description) throws GraphQlException {
    expectKeyword("schema");
    Position pos = peek().pos();
    List<Directive> directives = directives(true);
    List<OperationTypeDefinition> ops = operationTypes();
    return new SchemaDefinition(description, directives, ops, pos);
  }

  private List<OperationTypeDefinition> operationTypes() throws GraphQlException {
    List<OperationTypeDefinition> ops = new ArrayList<>();
    some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          String operation = operationType();
          expect(Kind.COLON);
          ops.add(new OperationTypeDefinition(operation, name(), pos));
        });
    return List.copyOf(ops);
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

  private Definition typeDefinition(String description) throws GraphQlException {
    String keyword = next().value();
    String kind = kindOf(keyword);
    Position pos = peek().pos();
    String name = name();
    List<String> interfaces = List.of();
    List<FieldDefinition> fields = List.of();
    List<String> types = List.of();
    List<EnumValueDefinition> enumValues = List.of();
    List<Directive> directives;
    switch (kind) {
      case "OBJECT", "INTERFACE" -> {
        interfaces = implementsInterfaces();
        directives = directives(true);
        fields = fieldsDefinition();
      }
      case "UNION" -> {
        directives = directives(true);
        types = unionMembers();
      }
      case "ENUM" -> {
        directives = directives(true);
        enumValues = enumValues();
      }
      case "INPUT_OBJECT" -> {
        directives = directives(true);
        fields = inputFields();
      }
      default -> directives = directives(true);
    }
    return new Definition(
        kind, description, name, directives, interfaces, fields, types, enumValues, pos, builtIn);
  }

  private void extension() throws GraphQlException {
    expectKeyword("extend");
    Token t = peek();
    if (t.value().equals("schema")) {
      next();
      Position pos = peek().pos();
      List<Directive> directives = directives(true);
      List<OperationTypeDefinition> ops = operationTypes();
      if (directives.isEmpty() && ops.isEmpty()) {
        throw unexpected(peek());
      }
      schemaExtension.add(new SchemaDefinition("", directives, ops, pos));
      return;
    }
    if (!Set.of("scalar", "type", "interface", "union", "enum", "input").contains(t.value())) {
      throw unexpected(t);
    }
    next();
    String kind = kindOf(t.value());
    Position pos = peek().pos();
    String name = name();
    List<String> interfaces = List.of();
    List<FieldDefinition> fields = List.of();
    List<String> types = List.of();
    List<EnumValueDefinition> enumValues = List.of();
    List<Directive> directives;
    switch (kind) {
      case "OBJECT" -> {
        interfaces = implementsInterfaces();
        directives = directives(true);
        fields = fieldsDefinition();
      }
      case "INTERFACE" -> {
        directives = directives(true);
        fields = fieldsDefinition();
      }
      case "UNION" -> {
        directives = directives(true);
        types = unionMembers();
      }
      case "ENUM" -> {
        directives = directives(true);
        enumValues = enumValues();
      }
      case "INPUT_OBJECT" -> {
        directives = directives(false);
        fields = inputFields();
      }
      default -> directives = directives(true);
    }
    if (interfaces.isEmpty()
        && directives.isEmpty()
        && fields.isEmpty()
        && types.isEmpty()
        && enumValues.isEmpty()) {
      throw unexpected(peek());
    }
    extensions.add(
        new Definition(
            kind, "", name, directives, interfaces, fields, types, enumValues, pos, builtIn));
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

  private List<FieldDefinition> fieldsDefinition() throws GraphQlException {
    List<FieldDefinition> fields = new ArrayList<>();
    some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          String description = description();
          String name = name();
          List<ArgumentDefinition> args = argumentDefinitions();
          expect(Kind.COLON);
          Type type = typeReference();
          fields.add(
              new FieldDefinition(description, name, args, null, type, directives(true), pos));
        });
    return List.copyOf(fields);
  }

  private List<FieldDefinition> inputFields() throws GraphQlException {
    List<FieldDefinition> fields = new ArrayList<>();
    some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          String description = description();
          String name = name();
          expect(Kind.COLON);
          Type type = typeReference();
          Value defaultValue = skip(Kind.EQUALS) ? value(true) : null;
          fields.add(
              new FieldDefinition(
                  description, name, List.of(), defaultValue, type, directives(true), pos));
        });
    return List.copyOf(fields);
  }

  private List<ArgumentDefinition> argumentDefinitions() throws GraphQlException {
    List<ArgumentDefinition> args = new ArrayList<>();
    some(
        Kind.PAREN_L,
        Kind.PAREN_R,
        () -> {
          Position pos = peek().pos();
          String description = description();
          String name = name();
          expect(Kind.COLON);
          Type type = typeReference();
          Value defaultValue = skip(Kind.EQUALS) ? value(true) : null;
          args.add(
              new ArgumentDefinition(description, name, defaultValue, type, directives(true), pos));
        });
    return List.copyOf(args);
  }

  private List<EnumValueDefinition> enumValues() throws GraphQlException {
    List<EnumValueDefinition> values = new ArrayList<>();
    some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Position pos = peek().pos();
          String description = description();
          String name = name();
          values.add(new EnumValueDefinition(description, name, directives(true), pos));
        });
    return List.copyOf(values);
  }

  private DirectiveDefinition directiveDefinition(String description) throws GraphQlException {
    expectKeyword("directive");
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
        description, name, args, List.copyOf(locations), repeatable, pos);
  }

  private String directiveLocation() throws GraphQlException {
    Token t = expect(Kind.NAME);
    if (!DIRECTIVE_LOCATIONS.contains(t.value())) {
      throw unexpected(t);
    }
    return t.value();
  }
}
