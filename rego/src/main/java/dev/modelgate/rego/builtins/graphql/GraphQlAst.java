package dev.modelgate.rego.builtins.graphql;

import java.util.List;

/**
 * The GraphQL syntax tree, shaped like gqlparser's (OPA's library) so that the Rego objects the
 * graphql.parse* builtins return have the same fields. Nodes are immutable; what validation learns
 * about them (which definition a field resolves to, and so on) lives in the validator. Strings are
 * never null ("" where gqlparser has an empty string); positions are null for nodes that came from
 * Rego objects.
 */
final class GraphQlAst {
  private GraphQlAst() {}

  /** 1-based line and column of a node's first token. */
  record Position(int line, int column) {}

  /*
   * Comments: gqlparser keeps the "#" comments that precede a node as a comment group; here a
   * group is the list of the comments' texts ("#" included), or null where there was none.
   */

  /**
   * The comment groups of a type-system definition: before and after its description, and before
   * its closing brace.
   */
  record Comments(
      List<String> beforeDescription, List<String> afterDescription, List<String> endOfDefinition) {
    static final Comments NONE = new Comments(null, null, null);
  }

  // ------------------------------------------------------------------ shared

  /** gqlparser's value kinds, in its numbering (the number is the "Kind" of a Value object). */
  enum ValueKind {
    VARIABLE,
    INT,
    FLOAT,
    STRING,
    BLOCK,
    BOOLEAN,
    NULL,
    ENUM,
    LIST,
    OBJECT;

    static final List<ValueKind> BY_NUMBER = List.of(values());
  }

  /**
   * A literal or variable. {@code kind} is null when a Rego object gave a number gqlparser has no
   * kind for (validation then fails where the kind matters).
   */
  record Value(
      String raw,
      List<ChildValue> children,
      ValueKind kind,
      long kindNumber,
      Position pos,
      List<String> comment) {
    Value(
        String raw, List<ChildValue> children, ValueKind kind, Position pos, List<String> comment) {
      this(raw, children, kind, kind.ordinal(), pos, comment);
    }

    /** The value as GraphQL source, as gqlparser prints it in messages. */
    @Override
    public String toString() {
      if (kind == null) {
        return raw;
      }
      return switch (kind) {
        case VARIABLE -> "$" + raw;
        case STRING, BLOCK -> '"' + raw.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        case LIST -> {
          StringBuilder b = new StringBuilder("[");
          for (int i = 0; i < children.size(); i++) {
            b.append(i > 0 ? "," : "").append(children.get(i).value());
          }
          yield b.append(']').toString();
        }
        case OBJECT -> {
          StringBuilder b = new StringBuilder("{");
          for (int i = 0; i < children.size(); i++) {
            ChildValue c = children.get(i);
            b.append(i > 0 ? "," : "").append(c.name()).append(':').append(c.value());
          }
          yield b.append('}').toString();
        }
        default -> raw;
      };
    }
  }

  /** An element of a list value (name "") or a field of an object value. */
  record ChildValue(String name, Value value, Position pos, List<String> comment) {}

  record Argument(String name, Value value, Position pos, List<String> comment) {}

  record Directive(String name, List<Argument> arguments, Position pos) {}

  /** A type reference: a named type, or a list of {@code elem}; either may be non-null. */
  record Type(String namedType, Type elem, boolean nonNull, Position pos) {
    /** The named type inside any list wrappers ("" when a Rego object gave neither). */
    String name() {
      Type t = this;
      while (t.namedType.isEmpty() && t.elem != null) {
        t = t.elem;
      }
      return t.namedType;
    }

    @Override
    public String toString() {
      String inner = namedType.isEmpty() && elem != null ? "[" + elem + "]" : namedType;
      return nonNull ? inner + "!" : inner;
    }
  }

  // ------------------------------------------------------------------ queries

  sealed interface Selection permits Field, FragmentSpread, InlineFragment {
    Position pos();
  }

  record Field(
      String alias,
      String name,
      List<Argument> arguments,
      List<Directive> directives,
      List<Selection> selectionSet,
      Position pos,
      List<String> comment)
      implements Selection {
    /** The key this field has in a response: its alias, or its name when it has none. */
    String responseName() {
      return alias.isEmpty() ? name : alias;
    }
  }

  record FragmentSpread(String name, List<Directive> directives, Position pos, List<String> comment)
      implements Selection {}

  record InlineFragment(
      String typeCondition,
      List<Directive> directives,
      List<Selection> selectionSet,
      Position pos,
      List<String> comment)
      implements Selection {}

  /** {@code used} is only ever true when a Rego object said so (gqlparser honours it). */
  record VariableDefinition(
      String variable,
      Type type,
      Value defaultValue,
      List<Directive> directives,
      boolean used,
      Position pos,
      List<String> comment) {}

  record OperationDefinition(
      String operation,
      String name,
      List<VariableDefinition> variableDefinitions,
      List<Directive> directives,
      List<Selection> selectionSet,
      Position pos,
      List<String> comment) {}

  record FragmentDefinition(
      String name,
      List<VariableDefinition> variableDefinition,
      String typeCondition,
      List<Directive> directives,
      List<Selection> selectionSet,
      Position pos,
      List<String> comment) {}

  record QueryDocument(
      List<OperationDefinition> operations,
      List<FragmentDefinition> fragments,
      List<String> comment) {}

  // ------------------------------------------------------------------ schemas

  record OperationTypeDefinition(
      String operation, String type, Position pos, List<String> comment) {}

  record SchemaDefinition(
      String description,
      List<Directive> directives,
      List<OperationTypeDefinition> operationTypes,
      Position pos,
      Comments comments) {}

  record ArgumentDefinition(
      String description,
      String name,
      Value defaultValue,
      Type type,
      List<Directive> directives,
      Position pos,
      Comments comments) {}

  /** A field of an object or interface (with arguments) or of an input object (with a default). */
  record FieldDefinition(
      String description,
      String name,
      List<ArgumentDefinition> arguments,
      Value defaultValue,
      Type type,
      List<Directive> directives,
      Position pos,
      Comments comments) {}

  record EnumValueDefinition(
      String description,
      String name,
      List<Directive> directives,
      Position pos,
      Comments comments) {}

  /**
   * A type definition or extension; kind is SCALAR, OBJECT, INTERFACE, UNION, ENUM or INPUT_OBJECT.
   */
  record Definition(
      String kind,
      String description,
      String name,
      List<Directive> directives,
      List<String> interfaces,
      List<FieldDefinition> fields,
      List<String> types,
      List<EnumValueDefinition> enumValues,
      Position pos,
      boolean builtIn,
      Comments comments) {}

  record DirectiveDefinition(
      String description,
      String name,
      List<ArgumentDefinition> arguments,
      List<String> locations,
      boolean isRepeatable,
      Position pos,
      Comments comments) {}

  record SchemaDocument(
      List<SchemaDefinition> schema,
      List<SchemaDefinition> schemaExtension,
      List<DirectiveDefinition> directives,
      List<Definition> definitions,
      List<Definition> extensions,
      List<String> comment) {}
}
