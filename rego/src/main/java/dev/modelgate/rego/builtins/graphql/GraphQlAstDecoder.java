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
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.QueryDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Selection;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ValueKind;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.VariableDefinition;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a syntax tree back from a Rego object, as OPA does when the graphql builtins get objects
 * instead of strings (it encodes them as JSON and decodes that into gqlparser's structs). Go's
 * decoding rules are kept: unknown keys are ignored, keys match field names case-insensitively
 * (except in the four node types gqlparser decodes by hand, which match exactly), null leaves a
 * field empty, and a value of the wrong type is an error. A selection is decoded as a field if it
 * can be, else as a fragment spread, else as an inline fragment, else dropped, as gqlparser does.
 * Nodes gqlparser would dereference while empty (a missing type, argument value or list element)
 * are errors here. Nesting is bounded.
 */
final class GraphQlAstDecoder {
  private static final int MAX_DEPTH = 2 * GraphQlParser.MAX_DEPTH;

  private int depth;
  private boolean tooDeep; // set with the depth error, so selection fallbacks don't swallow it

  private GraphQlAstDecoder() {}

  static QueryDocument query(ObjectValue o) throws GraphQlException {
    GraphQlAstDecoder d = new GraphQlAstDecoder();
    Struct s = d.struct(o, false);
    return new QueryDocument(
        d.list(s.get("Operations"), d::operation),
        d.list(s.get("Fragments"), d::fragment),
        d.comment(s.get("Comment")));
  }

  static SchemaDocument schema(ObjectValue o) throws GraphQlException {
    GraphQlAstDecoder d = new GraphQlAstDecoder();
    Struct s = d.struct(o, false);
    return new SchemaDocument(
        d.list(s.get("Schema"), d::schemaDefinition),
        d.list(s.get("SchemaExtension"), d::schemaDefinition),
        d.list(s.get("Directives"), d::directiveDefinition),
        d.list(s.get("Definitions"), d::definition),
        d.list(s.get("Extensions"), d::definition),
        d.comment(s.get("Comment")));
  }

  private static GraphQlException invalid(String what) {
    return new GraphQlException("invalid GraphQL AST object: " + what);
  }

  // ---------------------------------------------------------------- Go's JSON decoding

  /** An object being decoded into a struct; {@link #get} finds a field's value or null. */
  private static final class Struct {
    private final ObjectValue object;
    private final Map<String, Value> foldedKeys;

    Struct(ObjectValue object, boolean exactKeys) {
      this.object = object;
      if (exactKeys) {
        foldedKeys = null;
      } else {
        // Go assigns every key matching a field, in key order (sorted, as JSON): the last wins.
        foldedKeys = new HashMap<>();
        for (Value k : object.sortedKeys()) {
          foldedKeys.put(((StringValue) k).value().toLowerCase(Locale.ROOT), object.get(k));
        }
      }
    }

    Value get(String field) {
      Value found =
          foldedKeys == null ? object.get(field) : foldedKeys.get(field.toLowerCase(Locale.ROOT));
      return found instanceof NullValue ? null : found;
    }
  }

  private Struct struct(Value v, boolean exactKeys) throws GraphQlException {
    if (!(v instanceof ObjectValue o)) {
      throw invalid("expected an object, got " + v.typeName());
    }
    for (Value k : o.keys()) {
      if (!(k instanceof StringValue)) {
        throw invalid("object key " + k + " is not a string");
      }
    }
    return new Struct(o, exactKeys);
  }

  private interface Decode<T> {
    T apply(Value v) throws GraphQlException;
  }

  /** A list of nodes; a null element is an error (gqlparser would dereference it). */
  private <T> List<T> list(Value v, Decode<T> decode) throws GraphQlException {
    if (v == null) {
      return List.of();
    }
    List<Value> items = items(v);
    enter();
    List<T> out = new ArrayList<>(items.size());
    for (Value item : items) {
      if (item instanceof NullValue) {
        throw invalid("null list element");
      }
      out.add(decode.apply(item));
    }
    depth--;
    return List.copyOf(out);
  }

  private static List<Value> items(Value v) throws GraphQlException {
    return switch (v) {
      case ArrayValue a -> a.items();
      case SetValue s -> s.sorted();
      default -> throw invalid("expected an array, got " + v.typeName());
    };
  }

  private List<String> strings(Value v) throws GraphQlException {
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Value item : items(v)) {
      out.add(item instanceof NullValue ? "" : string(item));
    }
    return List.copyOf(out);
  }

  private static String string(Value v) throws GraphQlException {
    if (v == null) {
      return "";
    }
    if (!(v instanceof StringValue s)) {
      throw invalid("expected a string, got " + v.typeName());
    }
    return s.value();
  }

  private static boolean bool(Value v) throws GraphQlException {
    if (v == null) {
      return false;
    }
    if (!(v instanceof BooleanValue b)) {
      throw invalid("expected a boolean, got " + v.typeName());
    }
    return b.value();
  }

  private static long integer(Value v) throws GraphQlException {
    if (v == null) {
      return 0;
    }
    if (v instanceof NumberValue n) {
      try {
        BigDecimal d = n.bigDecimal();
        return d.longValueExact();
      } catch (ArithmeticException e) {
        // not an integer, or too big: as Go's int
      }
    }
    throw invalid("expected an integer, got " + v);
  }

  private void enter() throws GraphQlException {
    if (++depth > MAX_DEPTH) {
      tooDeep = true;
      throw invalid("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  // ---------------------------------------------------------------- shared nodes

  /** A comment group ({"List": [{"Value": "# ..."}]}) as the list of its texts; null if absent. */
  private List<String> comment(Value v) throws GraphQlException {
    if (v == null) {
      return null;
    }
    Struct group = struct(v, false);
    List<String> out = new ArrayList<>();
    Value list = group.get("List");
    if (list != null) {
      for (Value item : items(list)) {
        if (item instanceof NullValue) {
          continue; // a nil *Comment: Go keeps it, but it carries no text
        }
        Struct c = struct(item, false);
        position(c.get("Position"));
        out.add(string(c.get("Value")));
      }
    }
    return List.copyOf(out);
  }

  private GraphQlAst.Comments comments(Struct s) throws GraphQlException {
    return new GraphQlAst.Comments(
        comment(s.get("BeforeDescriptionComment")),
        comment(s.get("AfterDescriptionComment")),
        comment(s.get("EndOfDefinitionComment")));
  }

  private Position position(Value v) throws GraphQlException {
    if (v == null) {
      return null;
    }
    Struct s = struct(v, false);
    integer(s.get("Start"));
    integer(s.get("End"));
    Value src = s.get("Src");
    if (src != null) {
      Struct source = struct(src, false);
      string(source.get("Name"));
      string(source.get("Input"));
      bool(source.get("BuiltIn"));
    }
    return new Position((int) integer(s.get("Line")), (int) integer(s.get("Column")));
  }

  private GraphQlAst.Value value(Value v) throws GraphQlException {
    if (v == null) {
      return null;
    }
    enter();
    Struct s = struct(v, false);
    long kindNumber = integer(s.get("Kind"));
    ValueKind kind =
        kindNumber >= 0 && kindNumber < ValueKind.BY_NUMBER.size()
            ? ValueKind.BY_NUMBER.get((int) kindNumber)
            : null;
    List<ChildValue> children = list(s.get("Children"), this::child);
    ignoredNodes(s, "Definition", "VariableDefinition", "ExpectedType");
    bool(s.get("ExpectedTypeHasDefault"));
    List<String> comment = comment(s.get("Comment"));
    depth--;
    return new GraphQlAst.Value(string(s.get("Raw")), children, kind, kindNumber, null, comment);
  }

  private GraphQlAst.Value requiredValue(Value v) throws GraphQlException {
    GraphQlAst.Value value = value(v);
    if (value == null) {
      throw invalid("missing Value");
    }
    return value;
  }

  private ChildValue child(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new ChildValue(
        string(s.get("Name")), requiredValue(s.get("Value")), null, comment(s.get("Comment")));
  }

  /**
   * Fields validation fills in (definitions a node resolved to): they must decode, but validation
   * recomputes them, so their content is not kept.
   */
  private void ignoredNodes(Struct s, String... keys) throws GraphQlException {
    for (String key : keys) {
      Value v = s.get(key);
      if (v != null) {
        struct(v, false);
      }
    }
  }

  private Argument argument(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new Argument(
        string(s.get("Name")), requiredValue(s.get("Value")), null, comment(s.get("Comment")));
  }

  private Directive directive(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    string(s.get("Location"));
    ignoredNodes(s, "ParentDefinition", "Definition");
    return new Directive(string(s.get("Name")), list(s.get("Arguments"), this::argument), null);
  }

  private List<Directive> directives(Value v) throws GraphQlException {
    return list(v, this::directive);
  }

  private Type type(Value v) throws GraphQlException {
    if (v == null) {
      return null;
    }
    enter();
    Struct s = struct(v, false);
    Type t =
        new Type(string(s.get("NamedType")), type(s.get("Elem")), bool(s.get("NonNull")), null);
    depth--;
    return t;
  }

  /** A type gqlparser will take the name of: it must bottom out in a named type. */
  private Type requiredType(Value v) throws GraphQlException {
    Type t = type(v);
    if (t == null || t.name().isEmpty()) {
      throw invalid("missing Type or named type");
    }
    return t;
  }

  // ---------------------------------------------------------------- queries

  private OperationDefinition operation(Value v) throws GraphQlException {
    Struct s = struct(v, true);
    Position pos = position(s.get("Position"));
    return new OperationDefinition(
        string(s.get("Operation")),
        string(s.get("Name")),
        list(s.get("VariableDefinitions"), this::variable),
        directives(s.get("Directives")),
        selections(s.get("SelectionSet")),
        pos,
        null); // gqlparser's own decoder for operations skips "Comment"
  }

  private VariableDefinition variable(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    ignoredNodes(s, "Definition");
    return new VariableDefinition(
        string(s.get("Variable")),
        requiredType(s.get("Type")),
        value(s.get("DefaultValue")),
        directives(s.get("Directives")),
        bool(s.get("Used")),
        null,
        comment(s.get("Comment")));
  }

  private FragmentDefinition fragment(Value v) throws GraphQlException {
    Struct s = struct(v, true);
    ignoredNodes(s, "Definition");
    Position pos = position(s.get("Position"));
    return new FragmentDefinition(
        string(s.get("Name")),
        list(s.get("VariableDefinition"), this::variable),
        string(s.get("TypeCondition")),
        directives(s.get("Directives")),
        selections(s.get("SelectionSet")),
        pos,
        null);
  }

  private List<Selection> selections(Value v) throws GraphQlException {
    if (v == null) {
      return List.of();
    }
    enter();
    List<Selection> out = new ArrayList<>();
    for (Value item : items(v)) {
      Selection s = selection(item);
      if (s != null) {
        out.add(s);
      }
    }
    depth--;
    return List.copyOf(out);
  }

  /** The first of field, fragment spread, inline fragment that decodes; null if none does. */
  private Selection selection(Value v) throws GraphQlException {
    if (v instanceof NullValue) {
      return new Field("", "", List.of(), List.of(), List.of(), null, null);
    }
    int saved = depth;
    try {
      return field(v);
    } catch (GraphQlException notAField) {
      retry(notAField, saved);
    }
    try {
      return spread(v);
    } catch (GraphQlException notASpread) {
      retry(notASpread, saved);
    }
    try {
      return inlineFragment(v);
    } catch (GraphQlException notAnInlineFragment) {
      retry(notAnInlineFragment, saved);
    }
    return null;
  }

  /** Rewinds for the next way of decoding a selection, unless the failure was the depth bound. */
  private void retry(GraphQlException e, int savedDepth) throws GraphQlException {
    if (tooDeep) {
      throw e;
    }
    depth = savedDepth;
  }

  private Field field(Value v) throws GraphQlException {
    Struct s = struct(v, true);
    ignoredNodes(s, "Definition", "ObjectDefinition");
    Position pos = position(s.get("Position"));
    return new Field(
        string(s.get("Alias")),
        string(s.get("Name")),
        list(s.get("Arguments"), this::argument),
        directives(s.get("Directives")),
        selections(s.get("SelectionSet")),
        pos,
        null);
  }

  private FragmentSpread spread(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    ignoredNodes(s, "ObjectDefinition", "Definition");
    return new FragmentSpread(
        string(s.get("Name")), directives(s.get("Directives")), null, comment(s.get("Comment")));
  }

  private InlineFragment inlineFragment(Value v) throws GraphQlException {
    Struct s = struct(v, true);
    ignoredNodes(s, "ObjectDefinition");
    Position pos = position(s.get("Position"));
    return new InlineFragment(
        string(s.get("TypeCondition")),
        directives(s.get("Directives")),
        selections(s.get("SelectionSet")),
        pos,
        null);
  }

  // ---------------------------------------------------------------- schemas

  private SchemaDefinition schemaDefinition(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new SchemaDefinition(
        string(s.get("Description")),
        directives(s.get("Directives")),
        list(s.get("OperationTypes"), this::operationType),
        null,
        comments(s));
  }

  private OperationTypeDefinition operationType(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new OperationTypeDefinition(
        string(s.get("Operation")), string(s.get("Type")), null, comment(s.get("Comment")));
  }

  private DirectiveDefinition directiveDefinition(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new DirectiveDefinition(
        string(s.get("Description")),
        string(s.get("Name")),
        list(s.get("Arguments"), this::argumentDefinition),
        strings(s.get("Locations")),
        bool(s.get("IsRepeatable")),
        null,
        comments(s));
  }

  private Definition definition(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new Definition(
        string(s.get("Kind")),
        string(s.get("Description")),
        string(s.get("Name")),
        directives(s.get("Directives")),
        strings(s.get("Interfaces")),
        list(s.get("Fields"), this::fieldDefinition),
        strings(s.get("Types")),
        list(s.get("EnumValues"), this::enumValue),
        null,
        bool(s.get("BuiltIn")),
        comments(s));
  }

  private FieldDefinition fieldDefinition(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new FieldDefinition(
        string(s.get("Description")),
        string(s.get("Name")),
        list(s.get("Arguments"), this::argumentDefinition),
        value(s.get("DefaultValue")),
        requiredType(s.get("Type")),
        directives(s.get("Directives")),
        null,
        comments(s));
  }

  private ArgumentDefinition argumentDefinition(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new ArgumentDefinition(
        string(s.get("Description")),
        string(s.get("Name")),
        value(s.get("DefaultValue")),
        requiredType(s.get("Type")),
        directives(s.get("Directives")),
        null,
        comments(s));
  }

  private EnumValueDefinition enumValue(Value v) throws GraphQlException {
    Struct s = struct(v, false);
    return new EnumValueDefinition(
        string(s.get("Description")),
        string(s.get("Name")),
        directives(s.get("Directives")),
        null,
        comments(s));
  }
}
