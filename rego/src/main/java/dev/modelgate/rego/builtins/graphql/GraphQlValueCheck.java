package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.ChildValue;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FieldDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Value;
import dev.modelgate.rego.builtins.graphql.GraphQlSchema.TypeDef;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * gqlparser's ValuesOfCorrectType rule for one value whose expected type is known: literals must
 * suit the built-in scalar, enum or input object they stand for (custom scalars take anything), and
 * must convert (an Int must fit in 64 bits, a Float must be finite).
 */
final class GraphQlValueCheck {
  private static final Set<String> BUILTIN_SCALARS =
      Set.of("Int", "Float", "String", "Boolean", "ID");
  private static final Set<String> GO_BOOLEANS =
      Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");

  private GraphQlValueCheck() {}

  /**
   * Checks one value, reporting each problem to the walker as gqlparser does (several per value are
   * possible); the walker also knows which definitions variable values resolved to (needed for
   *
   * @oneOf input objects).
   */
  static void check(GraphQlQueryWalker w, Value value, Type expected, TypeDef def)
      throws GraphQlException {
    if (def == null || expected == null) {
      return;
    }
    if (value.kind() == GraphQlAst.ValueKind.NULL && expected.nonNull()) {
      w.report("Expected value of type \"" + expected + "\", found " + value + ".", value.pos());
    }
    if (def.kind.equals("SCALAR") && !BUILTIN_SCALARS.contains(def.name)) {
      return; // custom scalars validate themselves
    }
    if (value.kind() == null || !converts(value, 0)) {
      unexpectedType(w, value, expected, def);
    }
    if (value.kind() == null) {
      return; // gqlparser panics on a kind it does not know: the error above stands for it
    }
    switch (value.kind()) {
      case NULL, VARIABLE -> {}
      case LIST -> {
        if (expected.elem() == null) {
          unexpectedType(w, value, expected, def);
        }
      }
      case INT -> {
        if (!Set.of("Int", "Float", "ID").contains(def.name)) {
          unexpectedType(w, value, expected, def);
        }
      }
      case FLOAT -> {
        if (!def.name.equals("Float")) {
          unexpectedType(w, value, expected, def);
        }
      }
      case STRING, BLOCK -> {
        if (def.kind.equals("ENUM")) {
          w.report(
              "Enum \""
                  + expected
                  + "\" cannot represent non-enum value: "
                  + value
                  + "."
                  + hint(w, "Did you mean the enum value", value.raw(), enumNames(def)),
              value.pos());
        } else if (!Set.of("String", "ID").contains(def.name)) {
          unexpectedType(w, value, expected, def);
        }
      }
      case ENUM -> {
        if (!def.kind.equals("ENUM")) {
          unexpectedType(w, value, expected, def);
        } else if (!def.hasEnumValue(value.raw())) {
          w.report(
              "Value \""
                  + value
                  + "\" does not exist in \""
                  + expected
                  + "\" enum."
                  + hint(w, "Did you mean the enum value", value.raw(), enumNames(def)),
              value.pos());
        }
      }
      case BOOLEAN -> {
        if (!def.name.equals("Boolean")) {
          unexpectedType(w, value, expected, def);
        }
      }
      case OBJECT -> {
        Set<String> given = new java.util.HashSet<>();
        for (ChildValue c : value.children()) {
          given.add(c.name());
        }
        for (FieldDefinition f : def.fields) {
          if (f.type().nonNull() && !given.contains(f.name()) && f.defaultValue() == null) {
            w.report(
                "Field \""
                    + def.name
                    + "."
                    + f.name()
                    + "\" of required type \""
                    + f.type()
                    + "\" was not provided.",
                value.pos());
          }
        }
        for (GraphQlAst.Directive d : def.directives) {
          if (d.name().equals("oneOf")) {
            checkOneOf(w, value, def);
          }
        }
        for (ChildValue c : value.children()) {
          if (def.field(c.name()) == null) {
            List<String> names = new java.util.ArrayList<>();
            for (FieldDefinition f : def.fields) {
              names.add(f.name());
            }
            w.report(
                "Field \""
                    + c.name()
                    + "\" is not defined by type \""
                    + def.name
                    + "\"."
                    + hint(w, "Did you mean", c.name(), names),
                c.pos());
          }
        }
      }
    }
  }

  /** A @oneOf input object takes exactly one field, and it must not be null. */
  private static void checkOneOf(GraphQlQueryWalker w, Value value, TypeDef def) {
    if (value.children().size() != 1) {
      w.report(
          "OneOf Input Object \"" + def.name + "\" must specify exactly one key.", value.pos());
      return;
    }
    Value field = value.children().get(0).value();
    if (field.kind() == GraphQlAst.ValueKind.NULL) {
      String first = def.fields.isEmpty() ? "" : def.fields.get(0).name();
      w.report("Field \"" + def.name + "." + first + "\" must be non-null.", field.pos());
      return;
    }
    if (field.kind() == GraphQlAst.ValueKind.VARIABLE) {
      GraphQlAst.VariableDefinition v = w.valueVariable.get(field);
      if (v == null || !v.type().nonNull()) {
        w.report(
            "Variable \""
                + (v == null ? field.raw() : v.variable())
                + "\" must be non-nullable to be used for OneOf Input Object \""
                + def.name
                + "\".",
            field.pos());
      }
    }
  }

  /** A "Did you mean" hint when the error will be kept (hints cost a scan of the options). */
  private static String hint(
      GraphQlQueryWalker w, String prefix, String typed, List<String> options)
      throws GraphQlException {
    if (!w.reporting()) {
      return "";
    }
    w.work(options.size());
    return GraphQlSuggestions.quoted(prefix, typed, options);
  }

  private static List<String> enumNames(TypeDef def) {
    List<String> names = new java.util.ArrayList<>();
    for (GraphQlAst.EnumValueDefinition v : def.enumValues) {
      names.add(v.name());
    }
    return names;
  }

  /** Whether gqlparser's Value.Value(nil) would convert this value without an error. */
  private static boolean converts(Value v, int depth) {
    if (v.kind() == null || depth > GraphQlParser.MAX_DEPTH * 4) {
      return false;
    }
    switch (v.kind()) {
      case INT -> {
        try {
          new BigInteger(v.raw()).longValueExact();
          return true;
        } catch (ArithmeticException | NumberFormatException e) {
          return false;
        }
      }
      case FLOAT -> {
        try {
          return Double.isFinite(Double.parseDouble(v.raw()));
        } catch (NumberFormatException e) {
          return false;
        }
      }
      case BOOLEAN -> {
        return GO_BOOLEANS.contains(v.raw());
      }
      case LIST, OBJECT -> {
        for (ChildValue c : v.children()) {
          if (!converts(c.value(), depth + 1)) {
            return false;
          }
        }
        return true;
      }
      default -> {
        return true;
      }
    }
  }

  private static void unexpectedType(GraphQlQueryWalker w, Value v, Type expected, TypeDef def) {
    String message =
        switch (expected.toString()) {
          case "Int", "Int!" -> "Int cannot represent non-integer value: " + v;
          case "String", "String!", "[String]" ->
              "String cannot represent a non string value: " + v;
          case "Boolean", "Boolean!" -> "Boolean cannot represent a non boolean value: " + v;
          case "Float", "Float!" -> "Float cannot represent non numeric value: " + v;
          case "ID", "ID!" -> "ID cannot represent a non-string and non-integer value: " + v;
          default ->
              def.kind.equals("ENUM")
                  ? "Enum \"" + expected + "\" cannot represent non-enum value: " + v + "."
                  : "Expected value of type \"" + expected + "\", found " + v + ".";
        };
    w.report(message, v.pos());
  }
}
