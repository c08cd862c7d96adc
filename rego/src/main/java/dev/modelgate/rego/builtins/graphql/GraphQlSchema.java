package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Directive;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.DirectiveDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.EnumValueDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FieldDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validated schema, as queries are checked against: every type by name (the prelude's built-ins
 * included, extensions merged in), the directives, which object types each abstract type may be,
 * and the root operation types. Built by {@link GraphQlSchemaBuilder}.
 */
final class GraphQlSchema {

  /** A type with its extensions merged in. */
  static final class TypeDef {
    final String kind;
    final String name;
    final List<Directive> directives = new ArrayList<>();
    final List<String> interfaces = new ArrayList<>();
    final List<FieldDefinition> fields = new ArrayList<>();
    final List<String> types = new ArrayList<>();
    final List<EnumValueDefinition> enumValues = new ArrayList<>();
    final Position pos;
    final boolean builtIn;

    TypeDef(String kind, String name, Position pos, boolean builtIn) {
      this.kind = kind;
      this.name = name;
      this.pos = pos;
      this.builtIn = builtIn;
    }

    // Indexes by name, rebuilt when the lists grew (they only grow, while the schema is built).
    private Map<String, FieldDefinition> fieldIndex = Map.of();
    private Set<String> enumValueIndex = Set.of();
    private int indexedFields;
    private int indexedEnumValues;

    /** The first field with this name, or null. */
    FieldDefinition field(String fieldName) {
      if (indexedFields != fields.size()) {
        Map<String, FieldDefinition> byName = new HashMap<>();
        for (FieldDefinition f : fields) {
          byName.putIfAbsent(f.name(), f);
        }
        fieldIndex = byName;
        indexedFields = fields.size();
      }
      return fieldIndex.get(fieldName);
    }

    boolean hasEnumValue(String value) {
      if (indexedEnumValues != enumValues.size()) {
        Set<String> names = new java.util.HashSet<>();
        for (EnumValueDefinition v : enumValues) {
          names.add(v.name());
        }
        enumValueIndex = names;
        indexedEnumValues = enumValues.size();
      }
      return enumValueIndex.contains(value);
    }

    boolean isLeaf() {
      return kind.equals("ENUM") || kind.equals("SCALAR");
    }

    boolean isAbstract() {
      return kind.equals("INTERFACE") || kind.equals("UNION");
    }

    boolean isComposite() {
      return kind.equals("OBJECT") || kind.equals("INTERFACE") || kind.equals("UNION");
    }

    boolean isInput() {
      return kind.equals("SCALAR") || kind.equals("ENUM") || kind.equals("INPUT_OBJECT");
    }
  }

  /** Sorted by name: schema checks visit types in this order, as gqlparser does. */
  final Map<String, TypeDef> types = new TreeMap<>();

  final Map<String, DirectiveDefinition> directives = new TreeMap<>();
  final Map<String, List<TypeDef>> possibleTypes = new HashMap<>();
  TypeDef query;
  TypeDef mutation;
  TypeDef subscription;

  TypeDef type(String name) {
    return types.get(name);
  }

  /** The object (and interface) types a value of this type may have; empty if none. */
  List<TypeDef> possibleTypes(TypeDef t) {
    return possibleTypes.getOrDefault(t.name, List.of());
  }

  private final Map<String, Set<String>> possibleTypeNames = new HashMap<>();

  /** The names of {@link #possibleTypes}, for membership tests (computed once per name). */
  Set<String> possibleTypeNames(String name) {
    return possibleTypeNames.computeIfAbsent(
        name,
        n -> {
          Set<String> names = new java.util.HashSet<>();
          for (TypeDef t : possibleTypes.getOrDefault(n, List.of())) {
            names.add(t.name);
          }
          return names;
        });
  }

  void addPossibleType(String name, TypeDef t) {
    if (t != null) {
      possibleTypes.computeIfAbsent(name, n -> new ArrayList<>()).add(t);
    }
  }

  /** The root type of "query", "mutation" or "subscription" (null when the schema has none). */
  TypeDef root(String operation) {
    return switch (operation) {
      case "query", "" -> query;
      case "mutation" -> mutation;
      case "subscription" -> subscription;
      default -> null;
    };
  }
}
