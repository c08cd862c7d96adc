package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Argument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ArgumentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Comments;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Definition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Directive;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.DirectiveDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FieldDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.OperationTypeDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlSchema.TypeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a schema document into a {@link GraphQlSchema}, with gqlparser's checks (its
 * ValidateSchemaDocument, as OPA's graphql.schema_is_valid and the query builtins use it): the
 * prelude is merged in first; types and directives are declared once; extending a type that does
 * not exist defines it; references resolve to types of the right kinds; objects and interfaces
 * implement their interfaces (fields, covariant types, arguments, transitive interfaces); names
 * don't start with "__"; directives are known and used where they are allowed.
 */
final class GraphQlSchemaBuilder {
  private static final Set<String> BUILTIN_DIRECTIVES =
      Set.of("include", "skip", "deprecated", "specifiedBy", "defer", "oneOf");

  private static final Set<String> OUTPUT_KINDS =
      Set.of("SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM");

  private final GraphQlSchema schema = new GraphQlSchema();
  private final GraphQlLookup lookup = new GraphQlLookup();

  private GraphQlSchemaBuilder() {}

  /** The prelude plus {@code doc}, validated. */
  static GraphQlSchema build(SchemaDocument doc) throws GraphQlException {
    GraphQlSchemaBuilder b = new GraphQlSchemaBuilder();
    SchemaDocument prelude = GraphQlPrelude.document();
    return b.build(
        concat(prelude.schema(), doc.schema()),
        concat(prelude.schemaExtension(), doc.schemaExtension()),
        concat(prelude.directives(), doc.directives()),
        concat(prelude.definitions(), doc.definitions()),
        concat(prelude.extensions(), doc.extensions()));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private GraphQlSchema build(
      List<SchemaDefinition> schemaDefs,
      List<SchemaDefinition> schemaExtensions,
      List<DirectiveDefinition> directiveDefs,
      List<Definition> definitions,
      List<Definition> extensions)
      throws GraphQlException {
    List<TypeDef> defs = new ArrayList<>();
    for (Definition d : definitions) {
      if (schema.types.containsKey(d.name())) {
        throw new GraphQlException("Cannot redeclare type " + d.name() + ".", d.pos());
      }
      TypeDef t = new TypeDef(d.kind(), d.name(), d.pos(), d.builtIn());
      merge(t, d);
      schema.types.put(d.name(), t);
      defs.add(t);
    }
    for (Definition ext : extensions) {
      TypeDef t = schema.types.get(ext.name());
      if (t == null) {
        // As gqlparser: extending a type nobody defined defines it.
        t = new TypeDef(ext.kind(), ext.name(), ext.pos(), false);
        schema.types.put(ext.name(), t);
        defs.add(t);
      }
      if (!t.kind.equals(ext.kind())) {
        throw new GraphQlException(
            "Cannot extend type "
                + ext.name()
                + " because the base type is a "
                + t.kind
                + ", not "
                + ext.kind()
                + ".",
            ext.pos());
      }
      merge(t, ext);
    }
    for (TypeDef t : defs) {
      switch (t.kind) {
        case "UNION" -> {
          for (String member : t.types) {
            schema.addPossibleType(t.name, schema.type(member));
          }
        }
        case "INPUT_OBJECT", "OBJECT" -> {
          for (String i : t.interfaces) {
            schema.addPossibleType(i, t);
          }
          schema.addPossibleType(t.name, t);
        }
        case "INTERFACE" -> {
          for (String i : t.interfaces) {
            schema.addPossibleType(i, t);
          }
        }
        default -> {}
      }
    }
    for (DirectiveDefinition d : directiveDefs) {
      if (schema.directives.containsKey(d.name())) {
        if (!BUILTIN_DIRECTIVES.contains(d.name())) {
          throw new GraphQlException("Cannot redeclare directive " + d.name() + ".", d.pos());
        }
        continue; // a schema may restate a built-in directive; the first one counts
      }
      schema.directives.put(d.name(), d);
    }
    if (schemaDefs.size() > 1) {
      throw new GraphQlException(
          "Cannot have multiple schema entry points, consider schema extensions instead.",
          schemaDefs.get(1).pos());
    }
    for (SchemaDefinition s : schemaDefs) {
      setRoots(s);
      validateDirectives(s.directives(), "SCHEMA", null);
    }
    for (SchemaDefinition s : schemaExtensions) {
      setRoots(s);
      validateDirectives(s.directives(), "SCHEMA", null);
    }
    for (TypeDef t : schema.types.values()) {
      validateType(t);
    }
    for (DirectiveDefinition d : schema.directives.values()) {
      validateName(d.name(), d.pos());
      validateArguments(d.arguments(), d);
    }
    if (schemaDefs.isEmpty()) {
      if (schema.query == null) {
        schema.query = schema.type("Query");
      }
      if (schema.mutation == null) {
        schema.mutation = schema.type("Mutation");
      }
      if (schema.subscription == null) {
        schema.subscription = schema.type("Subscription");
      }
    }
    if (schema.query != null) {
      // The introspection entry points every query root has.
      schema.query.fields.add(
          new FieldDefinition(
              "",
              "__schema",
              List.of(),
              null,
              new Type("__Schema", null, true, null),
              List.of(),
              null,
              Comments.NONE));
      schema.query.fields.add(
          new FieldDefinition(
              "",
              "__type",
              List.of(
                  new ArgumentDefinition(
                      "",
                      "name",
                      null,
                      new Type("String", null, true, null),
                      List.of(),
                      null,
                      Comments.NONE)),
              null,
              new Type("__Type", null, false, null),
              List.of(),
              null,
              Comments.NONE));
    }
    return schema;
  }

  private static void merge(TypeDef t, Definition d) {
    t.directives.addAll(d.directives());
    t.interfaces.addAll(d.interfaces());
    t.fields.addAll(d.fields());
    t.types.addAll(d.types());
    t.enumValues.addAll(d.enumValues());
  }

  private void setRoots(SchemaDefinition s) throws GraphQlException {
    for (OperationTypeDefinition op : s.operationTypes()) {
      TypeDef t = schema.type(op.type());
      if (t == null) {
        throw new GraphQlException(
            "Schema root "
                + op.operation()
                + " refers to a type "
                + op.type()
                + " that does not exist.",
            op.pos());
      }
      switch (op.operation()) {
        case "query" -> schema.query = t;
        case "mutation" -> schema.mutation = t;
        case "subscription" -> schema.subscription = t;
        default -> {}
      }
    }
  }

  private void validateType(TypeDef def) throws GraphQlException {
    for (FieldDefinition f : def.fields) {
      validateName(f.name(), f.pos());
      requireTypeRef(f.type());
      validateArguments(f.arguments(), null);
      String location =
          def.kind.equals("INPUT_OBJECT") ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION";
      validateDirectives(f.directives(), location, null);
    }
    for (String member : def.types) {
      TypeDef m = schema.type(member);
      if (m == null) {
        throw new GraphQlException("Undefined type " + GraphQlLexer.quote(member) + ".", def.pos);
      }
      if (!m.kind.equals("OBJECT")) {
        throw new GraphQlException(
            def.kind + " type " + GraphQlLexer.quote(member) + " must be OBJECT.", def.pos);
      }
    }
    // Checking an interface again would find the same thing: each is checked once.
    for (String i : new java.util.LinkedHashSet<>(def.interfaces)) {
      validateImplements(def, i);
    }
    switch (def.kind) {
      case "OBJECT", "INTERFACE" -> {
        if (def.fields.isEmpty()) {
          throw new GraphQlException(
              def.kind + " " + def.name + ": must define one or more fields.", def.pos);
        }
        for (FieldDefinition f : def.fields) {
          TypeDef t = schema.type(f.type().name());
          if (t != null && !OUTPUT_KINDS.contains(t.kind)) {
            throw new GraphQlException(
                def.kind
                    + " "
                    + def.name
                    + ": field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.",
                f.pos());
          }
        }
      }
      case "ENUM" -> {
        if (def.enumValues.isEmpty()) {
          throw new GraphQlException(
              def.kind + " " + def.name + ": must define one or more unique enum values.", def.pos);
        }
        for (var v : def.enumValues) {
          if (Set.of("true", "false", "null").contains(v.name())) {
            throw new GraphQlException(
                def.kind + " " + def.name + ": non-enum value " + v.name() + ".", def.pos);
          }
          validateDirectives(v.directives(), "ENUM_VALUE", null);
        }
      }
      case "INPUT_OBJECT" -> {
        if (def.fields.isEmpty()) {
          throw new GraphQlException(
              def.kind + " " + def.name + ": must define one or more input fields.", def.pos);
        }
        for (FieldDefinition f : def.fields) {
          TypeDef t = schema.type(f.type().name());
          if (t != null && !t.isInput()) {
            throw new GraphQlException(
                t.kind + " " + f.name() + ": field must be one of SCALAR, ENUM, INPUT_OBJECT.",
                f.pos());
          }
        }
      }
      default -> {}
    }
    FieldDefinition repeated = firstRepeatedField(def.fields);
    if (repeated != null) {
      throw new GraphQlException(
          "Field " + def.name + "." + repeated.name() + " can only be defined once.",
          repeated.pos());
    }
    if (!def.builtIn) {
      validateName(def.name, def.pos);
    }
    validateDirectives(def.directives, def.kind, null);
  }

  private void requireTypeRef(Type type) throws GraphQlException {
    if (schema.type(type.name()) == null) {
      throw new GraphQlException("Undefined type " + type.name() + ".", type.pos());
    }
  }

  private void validateArguments(List<ArgumentDefinition> args, DirectiveDefinition current)
      throws GraphQlException {
    for (ArgumentDefinition arg : args) {
      validateName(arg.name(), arg.pos());
      requireTypeRef(arg.type());
      TypeDef t = schema.type(arg.type().name());
      if (!t.isInput()) {
        throw new GraphQlException(
            "cannot use "
                + arg.type()
                + " as argument "
                + arg.name()
                + " because "
                + t.kind
                + " is not a valid input type",
            arg.pos());
      }
      validateDirectives(arg.directives(), "ARGUMENT_DEFINITION", current);
    }
  }

  private void validateDirectives(
      List<Directive> directives, String location, DirectiveDefinition current)
      throws GraphQlException {
    for (Directive d : directives) {
      validateName(d.name(), d.pos());
      if (current != null && d.name().equals(current.name())) {
        throw new GraphQlException(
            "Directive " + current.name() + " cannot refer to itself.", d.pos());
      }
      DirectiveDefinition def = schema.directives.get(d.name());
      if (def == null) {
        throw new GraphQlException("Undefined directive " + d.name() + ".", d.pos());
      }
      if (!lookup.allows(def, location)) {
        throw new GraphQlException(
            "Directive " + d.name() + " is not applicable on " + location + ".", d.pos());
      }
      for (Argument arg : d.arguments()) {
        if (lookup.argument(def.arguments(), arg.name()) == null) {
          throw new GraphQlException(
              "Undefined argument " + arg.name() + " for directive " + d.name() + ".", arg.pos());
        }
      }
      for (ArgumentDefinition required : def.arguments()) {
        if (required.type().nonNull() && required.defaultValue() == null) {
          Argument given = null;
          for (Argument arg : d.arguments()) {
            if (arg.name().equals(required.name())) {
              given = arg;
              break;
            }
          }
          if (given == null || given.value().kind() == GraphQlAst.ValueKind.NULL) {
            throw new GraphQlException(
                "Argument " + required.name() + " for directive " + d.name() + " cannot be null.",
                d.pos());
          }
        }
      }
    }
  }

  private void validateImplements(TypeDef def, String interfaceName) throws GraphQlException {
    TypeDef intf = schema.type(interfaceName);
    if (intf == null) {
      throw new GraphQlException(
          "Undefined type " + GraphQlLexer.quote(interfaceName) + ".", def.pos);
    }
    if (!intf.kind.equals("INTERFACE")) {
      throw new GraphQlException(
          GraphQlLexer.quote(interfaceName) + " is a non interface type " + intf.kind + ".",
          def.pos);
    }
    String prefix = "For " + def.name + " to implement " + intf.name;
    for (FieldDefinition required : intf.fields) {
      FieldDefinition found = def.field(required.name());
      if (found == null) {
        throw new GraphQlException(
            prefix + " it must have a field called " + required.name() + ".", def.pos);
      }
      if (!isCovariant(required.type(), found.type())) {
        throw new GraphQlException(
            prefix + " the field " + required.name() + " must have type " + required.type() + ".",
            found.pos());
      }
      for (ArgumentDefinition requiredArg : required.arguments()) {
        ArgumentDefinition foundArg = lookup.argument(found.arguments(), requiredArg.name());
        if (foundArg == null) {
          throw new GraphQlException(
              prefix
                  + " the field "
                  + required.name()
                  + " must have the same arguments but it is missing "
                  + requiredArg.name()
                  + ".",
              found.pos());
        }
        if (!GraphQlTypes.isCompatible(requiredArg.type(), foundArg.type())) {
          throw new GraphQlException(
              prefix
                  + " the field "
                  + required.name()
                  + " must have the same arguments but "
                  + requiredArg.name()
                  + " has the wrong type.",
              foundArg.pos());
        }
      }
      for (ArgumentDefinition extra : found.arguments()) {
        if (lookup.argument(required.arguments(), extra.name()) == null
            && extra.type().nonNull()
            && extra.defaultValue() == null) {
          throw new GraphQlException(
              prefix
                  + " any additional arguments on "
                  + found.name()
                  + " must be optional or have a default value but "
                  + extra.name()
                  + " is required.",
              extra.pos());
        }
      }
    }
    Set<String> implemented = new HashSet<>(def.interfaces);
    for (String transitive : intf.interfaces) {
      if (!implemented.contains(transitive)) {
        if (transitive.equals(def.name)) {
          throw new GraphQlException(
              "Type "
                  + def.name
                  + " cannot implement "
                  + interfaceName
                  + " because it would create a circular reference.",
              def.pos);
        }
        throw new GraphQlException(
            "Type "
                + def.name
                + " must implement "
                + transitive
                + " because it is implemented by "
                + interfaceName
                + ".",
            def.pos);
      }
    }
  }

  /**
   * The field gqlparser reports as defined twice: it compares every field with the later ones, so
   * it reports the second field named like the earliest field whose name repeats.
   */
  private static FieldDefinition firstRepeatedField(List<FieldDefinition> fields) {
    Map<String, Integer> first = new HashMap<>();
    FieldDefinition best = null;
    int bestFirst = Integer.MAX_VALUE;
    for (int i = 0; i < fields.size(); i++) {
      Integer earlier = first.putIfAbsent(fields.get(i).name(), i);
      if (earlier != null && earlier < bestFirst) {
        bestFirst = earlier;
        best = fields.get(i);
      }
    }
    return best;
  }

  /** Whether a field of type {@code actual} may stand in for one of type {@code required}. */
  private boolean isCovariant(Type required, Type actual) {
    // Iterative: list types from Rego objects may nest deeply.
    while (true) {
      if (required.nonNull() && !actual.nonNull()) {
        return false;
      }
      if (!required.namedType().isEmpty()) {
        if (required.namedType().equals(actual.namedType())) {
          return true;
        }
        return schema.possibleTypeNames(required.namedType()).contains(actual.namedType());
      }
      if (required.elem() == null || actual.elem() == null) {
        // gqlparser dereferences a missing element type here: treat it as a mismatch.
        return false;
      }
      required = required.elem();
      actual = actual.elem();
    }
  }

  private static void validateName(String name, Position pos) throws GraphQlException {
    if (name.startsWith("__")) {
      throw new GraphQlException(
          "Name \""
              + name
              + "\" must not begin with \"__\", which is reserved by GraphQL introspection.",
          pos);
    }
  }
}
