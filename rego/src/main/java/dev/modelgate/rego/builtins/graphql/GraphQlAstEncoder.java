package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Argument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ArgumentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ChildValue;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Definition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Directive;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.DirectiveDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.EnumValueDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Field;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FieldDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentSpread;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.InlineFragment;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.OperationDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.OperationTypeDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.QueryDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Selection;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a syntax tree into the Rego object OPA returns for it: gqlparser's structs as JSON (field
 * names as the Go fields, value kinds as numbers), with what OPA prunes left out: positions, nulls,
 * empty lists and empty objects. Empty strings and false stay.
 */
final class GraphQlAstEncoder {
  private GraphQlAstEncoder() {}

  /** Builds an object, skipping the entries OPA prunes. */
  private static final class Obj {
    private final ObjectValue.Builder b = ObjectValue.builder();

    Obj put(String key, Value v) {
      boolean empty =
          v == null
              || v instanceof ArrayValue a && a.isEmpty()
              || v instanceof ObjectValue o && o.isEmpty();
      if (!empty) {
        b.put(key, v);
      }
      return this;
    }

    Obj put(String key, String s) {
      return put(key, StringValue.of(s));
    }

    Obj put(String key, boolean v) {
      return put(key, BooleanValue.of(v));
    }

    ObjectValue build() {
      return b.build();
    }
  }

  private static <T> ArrayValue list(List<T> items, Function<T, Value> encode) {
    List<Value> out = new ArrayList<>(items.size());
    for (T item : items) {
      Value v = encode.apply(item);
      if (v != null && !(v instanceof ObjectValue o && o.isEmpty())) {
        out.add(v);
      }
    }
    return ArrayValue.of(out);
  }

  private static ArrayValue strings(List<String> items) {
    return list(items, StringValue::of);
  }

  /** A comment group: {"List": [{"Value": "# text"}, ...]}, or null for none. */
  private static Value comment(List<String> group) {
    if (group == null) {
      return null;
    }
    return new Obj().put("List", list(group, c -> new Obj().put("Value", c).build())).build();
  }

  // ---------------------------------------------------------------- queries

  static ObjectValue query(QueryDocument doc) {
    return new Obj()
        .put("Operations", list(doc.operations(), GraphQlAstEncoder::operation))
        .put("Fragments", list(doc.fragments(), GraphQlAstEncoder::fragment))
        .put("Comment", comment(doc.comment()))
        .build();
  }

  private static Value operation(OperationDefinition op) {
    return new Obj()
        .put("Operation", op.operation())
        .put("Name", op.name())
        .put("VariableDefinitions", list(op.variableDefinitions(), GraphQlAstEncoder::variable))
        .put("Directives", directives(op.directives()))
        .put("SelectionSet", selections(op.selectionSet()))
        .put("Comment", comment(op.comment()))
        .build();
  }

  private static Value variable(GraphQlAst.VariableDefinition v) {
    return new Obj()
        .put("Variable", v.variable())
        .put("Type", type(v.type()))
        .put("DefaultValue", value(v.defaultValue()))
        .put("Directives", directives(v.directives()))
        .put("Used", v.used())
        .put("Comment", comment(v.comment()))
        .build();
  }

  private static Value fragment(FragmentDefinition f) {
    return new Obj()
        .put("Name", f.name())
        .put("VariableDefinition", list(f.variableDefinition(), GraphQlAstEncoder::variable))
        .put("TypeCondition", f.typeCondition())
        .put("Directives", directives(f.directives()))
        .put("SelectionSet", selections(f.selectionSet()))
        .put("Comment", comment(f.comment()))
        .build();
  }

  private static ArrayValue selections(List<Selection> selections) {
    return list(selections, GraphQlAstEncoder::selection);
  }

  private static Value selection(Selection s) {
    return switch (s) {
      case Field f ->
          new Obj()
              .put("Alias", f.alias())
              .put("Name", f.name())
              .put("Arguments", list(f.arguments(), GraphQlAstEncoder::argument))
              .put("Directives", directives(f.directives()))
              .put("SelectionSet", selections(f.selectionSet()))
              .put("Comment", comment(f.comment()))
              .build();
      case FragmentSpread f ->
          new Obj()
              .put("Name", f.name())
              .put("Directives", directives(f.directives()))
              .put("Comment", comment(f.comment()))
              .build();
      case InlineFragment f ->
          new Obj()
              .put("TypeCondition", f.typeCondition())
              .put("Directives", directives(f.directives()))
              .put("SelectionSet", selections(f.selectionSet()))
              .put("Comment", comment(f.comment()))
              .build();
    };
  }

  private static Value argument(Argument a) {
    return new Obj()
        .put("Name", a.name())
        .put("Value", value(a.value()))
        .put("Comment", comment(a.comment()))
        .build();
  }

  private static ArrayValue directives(List<Directive> directives) {
    return list(
        directives,
        d ->
            new Obj()
                .put("Name", d.name())
                .put("Arguments", list(d.arguments(), GraphQlAstEncoder::argument))
                // gqlparser's Location is a string field filled in by validation: "" here.
                .put("Location", "")
                .build());
  }

  private static Value value(GraphQlAst.Value v) {
    if (v == null) {
      return null;
    }
    return new Obj()
        .put("Raw", v.raw())
        .put("Children", list(v.children(), GraphQlAstEncoder::child))
        .put("Kind", NumberValue.of(v.kindNumber()))
        .put("Comment", comment(v.comment()))
        // Filled in by validation, which has not run when OPA encodes the tree.
        .put("ExpectedTypeHasDefault", false)
        .build();
  }

  private static Value child(ChildValue c) {
    return new Obj()
        .put("Name", c.name())
        .put("Value", value(c.value()))
        .put("Comment", comment(c.comment()))
        .build();
  }

  private static Value type(Type t) {
    if (t == null) {
      return null;
    }
    return new Obj()
        .put("NamedType", t.namedType())
        .put("Elem", type(t.elem()))
        .put("NonNull", t.nonNull())
        .build();
  }

  // ---------------------------------------------------------------- schemas

  static ObjectValue schema(SchemaDocument doc) {
    return new Obj()
        .put("Schema", list(doc.schema(), GraphQlAstEncoder::schemaDefinition))
        .put("SchemaExtension", list(doc.schemaExtension(), GraphQlAstEncoder::schemaDefinition))
        .put("Directives", list(doc.directives(), GraphQlAstEncoder::directiveDefinition))
        .put("Definitions", list(doc.definitions(), GraphQlAstEncoder::definition))
        .put("Extensions", list(doc.extensions(), GraphQlAstEncoder::definition))
        .put("Comment", comment(doc.comment()))
        .build();
  }

  private static Value schemaDefinition(SchemaDefinition s) {
    return new Obj()
        .put("Description", s.description())
        .put("Directives", directives(s.directives()))
        .put("OperationTypes", list(s.operationTypes(), GraphQlAstEncoder::operationTypeDefinition))
        .put("BeforeDescriptionComment", comment(s.comments().beforeDescription()))
        .put("AfterDescriptionComment", comment(s.comments().afterDescription()))
        .put("EndOfDefinitionComment", comment(s.comments().endOfDefinition()))
        .build();
  }

  private static Value operationTypeDefinition(OperationTypeDefinition o) {
    return new Obj()
        .put("Operation", o.operation())
        .put("Type", o.type())
        .put("Comment", comment(o.comment()))
        .build();
  }

  private static Value directiveDefinition(DirectiveDefinition d) {
    return new Obj()
        .put("Description", d.description())
        .put("Name", d.name())
        .put("Arguments", list(d.arguments(), GraphQlAstEncoder::argumentDefinition))
        .put("Locations", strings(d.locations()))
        .put("IsRepeatable", d.isRepeatable())
        .put("BeforeDescriptionComment", comment(d.comments().beforeDescription()))
        .put("AfterDescriptionComment", comment(d.comments().afterDescription()))
        .build();
  }

  private static Value definition(Definition d) {
    return new Obj()
        .put("Kind", d.kind())
        .put("Description", d.description())
        .put("Name", d.name())
        .put("Directives", directives(d.directives()))
        .put("Interfaces", strings(d.interfaces()))
        .put("Fields", list(d.fields(), GraphQlAstEncoder::fieldDefinition))
        .put("Types", strings(d.types()))
        .put("EnumValues", list(d.enumValues(), GraphQlAstEncoder::enumValue))
        .put("BuiltIn", d.builtIn())
        .put("BeforeDescriptionComment", comment(d.comments().beforeDescription()))
        .put("AfterDescriptionComment", comment(d.comments().afterDescription()))
        .put("EndOfDefinitionComment", comment(d.comments().endOfDefinition()))
        .build();
  }

  private static Value fieldDefinition(FieldDefinition f) {
    return new Obj()
        .put("Description", f.description())
        .put("Name", f.name())
        .put("Arguments", list(f.arguments(), GraphQlAstEncoder::argumentDefinition))
        .put("DefaultValue", value(f.defaultValue()))
        .put("Type", type(f.type()))
        .put("Directives", directives(f.directives()))
        .put("BeforeDescriptionComment", comment(f.comments().beforeDescription()))
        .put("AfterDescriptionComment", comment(f.comments().afterDescription()))
        .build();
  }

  private static Value argumentDefinition(ArgumentDefinition a) {
    return new Obj()
        .put("Description", a.description())
        .put("Name", a.name())
        .put("DefaultValue", value(a.defaultValue()))
        .put("Type", type(a.type()))
        .put("Directives", directives(a.directives()))
        .put("BeforeDescriptionComment", comment(a.comments().beforeDescription()))
        .put("AfterDescriptionComment", comment(a.comments().afterDescription()))
        .build();
  }

  private static Value enumValue(EnumValueDefinition e) {
    return new Obj()
        .put("Description", e.description())
        .put("Name", e.name())
        .put("Directives", directives(e.directives()))
        .put("BeforeDescriptionComment", comment(e.comments().beforeDescription()))
        .put("AfterDescriptionComment", comment(e.comments().afterDescription()))
        .build();
  }
}
