package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Argument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Field;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FieldDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentSpread;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.InlineFragment;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Selection;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlSchema.TypeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * gqlparser's OverlappingFieldsCanBeMerged rule (graphql-js's algorithm): fields that answer under
 * the same response name, directly or through fragments, must be the same field with the same
 * arguments and compatible types, recursively. Its bookkeeping (which fragment pairs were compared,
 * which fragments one selection set already compared) is kept as gqlparser keeps it, since it
 * decides which comparisons happen. Every comparison spends the walker's work budget.
 */
final class GraphQlFieldMerging {
  private static final int COMPARISON_COST = 8;

  private final GraphQlQueryWalker walker;
  private final Map<String, Map<String, Boolean>> comparedPairs = new HashMap<>();
  private Set<String> comparedFragments = new HashSet<>();

  GraphQlFieldMerging(GraphQlQueryWalker walker) {
    this.walker = walker;
  }

  /** A conflict: a leaf message, or the sub-field conflicts that make two fields conflict. */
  private record Conflict(String responseName, String message, List<Conflict> sub, Position pos) {
    String reason() {
      if (sub.isEmpty()) {
        return message;
      }
      List<String> parts = new ArrayList<>();
      for (Conflict c : sub) {
        parts.add("subfields \"" + c.responseName + "\" conflict because " + c.reason());
      }
      return String.join(" and ", parts);
    }
  }

  /** The fields of a selection set by response name (through inline fragments), and its spreads. */
  private record Collected(Map<String, List<Field>> fields, List<FragmentSpread> spreads) {
    boolean sameAs(Collected other) {
      return new ArrayList<>(fields.keySet()).equals(new ArrayList<>(other.fields.keySet()))
          && fields.equals(other.fields);
    }
  }

  /** Reports every conflict within this selection set. */
  void checkSelectionSet(List<Selection> selections) throws GraphQlException {
    if (selections.isEmpty()) {
      return;
    }
    Collected c = collect(selections);
    List<Conflict> conflicts = new ArrayList<>();
    collectWithin(conflicts, c.fields);
    comparedFragments = new HashSet<>();
    for (int a = 0; a < c.spreads.size(); a++) {
      betweenFieldsAndFragment(conflicts, false, c.fields, c.spreads.get(a));
      for (int b = a + 1; b < c.spreads.size(); b++) {
        betweenFragments(conflicts, false, c.spreads.get(a), c.spreads.get(b));
      }
    }
    for (Conflict conflict : conflicts) {
      walker.report(
          "Fields \""
              + conflict.responseName
              + "\" conflict because "
              + conflict.reason()
              + ". Use different aliases on the fields to fetch both if this was intentional.",
          conflict.pos);
    }
  }

  private Collected collect(List<Selection> selections) throws GraphQlException {
    Map<String, List<Field>> fields = new LinkedHashMap<>();
    List<FragmentSpread> spreads = new ArrayList<>();
    collectInto(selections, fields, spreads);
    return new Collected(fields, spreads);
  }

  private void collectInto(
      List<Selection> selections, Map<String, List<Field>> fields, List<FragmentSpread> spreads)
      throws GraphQlException {
    walker.enter();
    for (Selection s : selections) {
      walker.work();
      switch (s) {
        case Field f -> fields.computeIfAbsent(f.responseName(), k -> new ArrayList<>()).add(f);
        case InlineFragment f -> collectInto(f.selectionSet(), fields, spreads);
        case FragmentSpread f -> spreads.add(f);
      }
    }
    walker.leave();
  }

  private void betweenFieldsAndFragment(
      List<Conflict> conflicts,
      boolean mutuallyExclusive,
      Map<String, List<Field>> fields,
      FragmentSpread spread)
      throws GraphQlException {
    if (!comparedFragments.add(spread.name())) {
      return;
    }
    FragmentDefinition def = walker.spreadDefinition.get(spread);
    if (def == null) {
      return;
    }
    walker.enter();
    Collected b = collect(def.selectionSet());
    // Do not compare a fragment's fields to themselves.
    if (!new Collected(fields, List.of()).sameAs(b)) {
      collectBetween(conflicts, mutuallyExclusive, fields, b.fields);
      for (FragmentSpread nested : b.spreads) {
        if (!nested.name().equals(spread.name())) {
          betweenFieldsAndFragment(conflicts, mutuallyExclusive, fields, nested);
        }
      }
    }
    walker.leave();
  }

  private void betweenFragments(
      List<Conflict> conflicts, boolean mutuallyExclusive, FragmentSpread a, FragmentSpread b)
      throws GraphQlException {
    if (a.name().equals(b.name()) || comparedPair(a.name(), b.name(), mutuallyExclusive)) {
      return;
    }
    comparedPairs.computeIfAbsent(a.name(), k -> new HashMap<>()).put(b.name(), mutuallyExclusive);
    comparedPairs.computeIfAbsent(b.name(), k -> new HashMap<>()).put(a.name(), mutuallyExclusive);
    FragmentDefinition defA = walker.spreadDefinition.get(a);
    FragmentDefinition defB = walker.spreadDefinition.get(b);
    if (defA == null || defB == null) {
      return;
    }
    walker.enter();
    Collected ca = collect(defA.selectionSet());
    Collected cb = collect(defB.selectionSet());
    collectBetween(conflicts, mutuallyExclusive, ca.fields, cb.fields);
    for (FragmentSpread s : cb.spreads) {
      betweenFragments(conflicts, mutuallyExclusive, a, s);
    }
    for (FragmentSpread s : ca.spreads) {
      betweenFragments(conflicts, mutuallyExclusive, s, b);
    }
    walker.leave();
  }

  /** Whether the pair was compared; a comparison not mutually exclusive covers both kinds. */
  private boolean comparedPair(String a, String b, boolean mutuallyExclusive) {
    Map<String, Boolean> m = comparedPairs.get(a);
    if (m == null || !m.containsKey(b)) {
      return false;
    }
    return mutuallyExclusive || !m.get(b);
  }

  private List<Conflict> betweenSubSelections(
      boolean mutuallyExclusive, List<Selection> a, List<Selection> b) throws GraphQlException {
    if (a.isEmpty() && b.isEmpty()) {
      return List.of(); // leaf fields: nothing below them can conflict
    }
    List<Conflict> conflicts = new ArrayList<>();
    Collected ca = collect(a);
    Collected cb = collect(b);
    collectBetween(conflicts, mutuallyExclusive, ca.fields, cb.fields);
    for (FragmentSpread s : cb.spreads) {
      comparedFragments = new HashSet<>();
      betweenFieldsAndFragment(conflicts, mutuallyExclusive, ca.fields, s);
    }
    for (FragmentSpread s : ca.spreads) {
      comparedFragments = new HashSet<>();
      betweenFieldsAndFragment(conflicts, mutuallyExclusive, cb.fields, s);
    }
    for (FragmentSpread sa : ca.spreads) {
      for (FragmentSpread sb : cb.spreads) {
        betweenFragments(conflicts, mutuallyExclusive, sa, sb);
      }
    }
    return conflicts;
  }

  private void collectWithin(List<Conflict> conflicts, Map<String, List<Field>> fields)
      throws GraphQlException {
    for (List<Field> same : fields.values()) {
      for (int a = 0; a < same.size(); a++) {
        for (int b = a + 1; b < same.size(); b++) {
          Conflict c = findConflict(false, same.get(a), same.get(b));
          if (c != null) {
            conflicts.add(c);
          }
        }
      }
    }
  }

  private void collectBetween(
      List<Conflict> conflicts,
      boolean mutuallyExclusive,
      Map<String, List<Field>> fieldsA,
      Map<String, List<Field>> fieldsB)
      throws GraphQlException {
    for (Map.Entry<String, List<Field>> e : fieldsA.entrySet()) {
      List<Field> others = fieldsB.get(e.getKey());
      if (others == null) {
        continue;
      }
      for (Field a : e.getValue()) {
        for (Field b : others) {
          Conflict c = findConflict(mutuallyExclusive, a, b);
          if (c != null) {
            conflicts.add(c);
          }
        }
      }
    }
  }

  private Conflict findConflict(boolean parentsMutuallyExclusive, Field a, Field b)
      throws GraphQlException {
    // A comparison costs several lookups: it weighs more than visiting a selection.
    walker.work(COMPARISON_COST);
    TypeDef parentA = walker.objectDefinition.get(a);
    TypeDef parentB = walker.objectDefinition.get(b);
    if (parentA == null || parentB == null) {
      return null;
    }
    FieldDefinition defA = walker.fieldDefinition.get(a);
    FieldDefinition defB = walker.fieldDefinition.get(b);
    boolean mutuallyExclusive =
        parentsMutuallyExclusive
            || !parentA.name.equals(parentB.name)
                && parentA.kind.equals("OBJECT")
                && parentB.kind.equals("OBJECT")
                && defA != null
                && defB != null;
    String responseName = a.responseName();
    if (!mutuallyExclusive) {
      if (!a.name().equals(b.name())) {
        return new Conflict(
            responseName,
            "\"" + a.name() + "\" and \"" + b.name() + "\" are different fields",
            List.of(),
            b.pos());
      }
      if (!sameArguments(a.arguments(), b.arguments())) {
        return new Conflict(responseName, "they have differing arguments", List.of(), b.pos());
      }
    }
    if (defA != null && defB != null && typesConflict(defA.type(), defB.type())) {
      return new Conflict(
          responseName,
          "they return conflicting types \"" + defA.type() + "\" and \"" + defB.type() + "\"",
          List.of(),
          b.pos());
    }
    walker.enter();
    List<Conflict> sub =
        betweenSubSelections(mutuallyExclusive, a.selectionSet(), b.selectionSet());
    walker.leave();
    return sub.isEmpty() ? null : new Conflict(responseName, "", sub, b.pos());
  }

  /** gqlparser compares arguments by name, value kind and raw text (not list/object contents). */
  private boolean sameArguments(List<Argument> a, List<Argument> b) throws GraphQlException {
    if (a.size() != b.size()) {
      return false;
    }
    walker.work((long) a.size() * b.size());
    for (Argument x : a) {
      boolean matched = false;
      for (Argument y : b) {
        if (x.name().equals(y.name())
            && x.value().kindNumber() == y.value().kindNumber()
            && x.value().raw().equals(y.value().raw())) {
          matched = true;
          break;
        }
      }
      if (!matched) {
        return false;
      }
    }
    return true;
  }

  private boolean typesConflict(Type t1, Type t2) {
    while (t1.elem() != null || t2.elem() != null) {
      if (t1.elem() == null || t2.elem() == null) {
        return true;
      }
      t1 = t1.elem();
      t2 = t2.elem();
    }
    if (t1.nonNull() != t2.nonNull()) {
      return true;
    }
    TypeDef d1 = walker.schema.type(t1.namedType());
    TypeDef d2 = walker.schema.type(t2.namedType());
    if (d1 == null || d2 == null) {
      return false;
    }
    if (d1.isLeaf() && d2.isLeaf()) {
      return !d1.name.equals(d2.name);
    }
    return false;
  }
}
