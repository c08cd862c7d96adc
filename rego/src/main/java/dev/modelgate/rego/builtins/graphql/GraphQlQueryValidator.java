package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Argument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ArgumentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ChildValue;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Directive;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.DirectiveDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Field;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FieldDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentSpread;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.InlineFragment;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.OperationDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.QueryDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Selection;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Value;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ValueKind;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.VariableDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlSchema.TypeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a query document against a schema with gqlparser's rules (the graphql-js rule set):
 * fields, arguments, directives, types and fragments must be known and fit where they are used;
 * required arguments are given; leaf fields have no selections and others do; names are unique;
 * variables are defined, used, of input types and in allowed positions; fragments are used and not
 * cyclic; values have the right types; same-named response fields can merge. Each hook runs its
 * rules in gqlparser's order, so the errors come in gqlparser's order.
 */
final class GraphQlQueryValidator extends GraphQlQueryWalker {
  private final GraphQlFieldMerging merging = new GraphQlFieldMerging(this);
  private final Set<String> cycleCheckedFragments = new HashSet<>();
  private final Set<String> spreadFragments = new HashSet<>();
  private final Set<String> seenFragments = new HashSet<>();
  private final Set<String> seenOperations = new HashSet<>();
  private final Set<String> misplacedDirectives = new HashSet<>();
  private boolean inFragmentDefinitions;

  private GraphQlQueryValidator(GraphQlSchema schema, QueryDocument document) {
    super(schema, document);
  }

  /**
   * The validation errors in gqlparser's order (empty when the query is valid).
   *
   * @throws GraphQlException when the query is too costly or too deep to validate
   */
  static List<GraphQlException> validate(GraphQlSchema schema, QueryDocument document)
      throws GraphQlException {
    GraphQlQueryValidator v = new GraphQlQueryValidator(schema, document);
    v.walk();
    return List.copyOf(v.errors);
  }

  // ---------------------------------------------------------------- operations

  @Override
  void onOperation(OperationDefinition op) throws GraphQlException {
    // KnownRootType
    if (schema.root(op.operation()) == null) {
      report("Schema does not support operation type \"" + op.operation() + "\"", op.pos());
    }
    // LoneAnonymousOperation
    if (op.name().isEmpty() && document.operations().size() > 1) {
      report("This anonymous operation must be the only defined operation.", op.pos());
    }
    // NoUnusedVariables
    for (VariableDefinition v : op.variableDefinitions()) {
      if (!usedVariables.contains(v)) {
        report(
            "Variable \"$"
                + v.variable()
                + "\" is never used"
                + (op.name().isEmpty() ? "." : " in operation \"" + op.name() + "\"."),
            v.pos());
      }
    }
    merging.checkSelectionSet(op.selectionSet());
    singleFieldSubscription(op);
    // UniqueOperationNames
    if (!seenOperations.add(op.name())) {
      report("There can be only one operation named \"" + op.name() + "\".", op.pos());
    }
    // UniqueVariableNames: reported once per name, at its second definition
    Map<String, Integer> names = new HashMap<>();
    for (VariableDefinition v : op.variableDefinitions()) {
      if (names.merge(v.variable(), 1, Integer::sum) == 2) {
        report("There can be only one variable named \"$" + v.variable() + "\".", v.pos());
      }
    }
    // VariablesAreInputTypes
    for (VariableDefinition v : op.variableDefinitions()) {
      TypeDef t = variableType.get(v);
      if (t != null && !t.isInput()) {
        report(
            "Variable \"$" + v.variable() + "\" cannot be non-input type \"" + v.type() + "\".",
            v.pos());
      }
    }
  }

  private void singleFieldSubscription(OperationDefinition op) throws GraphQlException {
    if (schema.subscription == null || !op.operation().equals("subscription")) {
      return;
    }
    Map<String, Position> fields = new java.util.LinkedHashMap<>();
    topFields(op.selectionSet(), fields, new HashSet<>());
    String name =
        op.name().isEmpty()
            ? "Anonymous Subscription"
            : "Subscription " + GraphQlLexer.quote(op.name());
    List<Map.Entry<String, Position>> list = new ArrayList<>(fields.entrySet());
    if (list.size() > 1) {
      report(name + " must select only one top level field.", list.get(1).getValue());
    }
    for (Map.Entry<String, Position> f : list) {
      if (f.getKey().startsWith("__")) {
        report(name + " must not select an introspection top level field.", f.getValue());
      }
    }
  }

  /**
   * The top-level field names of a selection set, through fragments. As gqlparser, an unknown
   * fragment ends the collection of the selection set it appears in (not of the enclosing ones).
   */
  private void topFields(List<Selection> selections, Map<String, Position> out, Set<String> visited)
      throws GraphQlException {
    enter();
    try {
      for (Selection s : selections) {
        work();
        switch (s) {
          case Field f -> out.putIfAbsent(f.name(), f.pos());
          case InlineFragment f -> topFields(f.selectionSet(), out, visited);
          case FragmentSpread f -> {
            FragmentDefinition def = spreadDefinition.get(f);
            if (def == null) {
              return;
            }
            if (visited.add(def.name())) {
              topFields(def.selectionSet(), out, visited);
            }
          }
        }
      }
    } finally {
      leave();
    }
  }

  // ---------------------------------------------------------------- fields

  @Override
  void onField(Field field) throws GraphQlException {
    FieldDefinition def = fieldDefinition.get(field);
    TypeDef parent = objectDefinition.get(field);
    // FieldsOnCorrectType
    if (parent != null && def == null) {
      report(
          "Cannot query field \""
              + field.name()
              + "\" on type \""
              + parent.name
              + "\"."
              + fieldSuggestion(parent, field.name()),
          field.pos());
    }
    // KnownArgumentNames
    if (def != null && parent != null) {
      for (Argument arg : field.arguments()) {
        if (lookup.argument(def.arguments(), arg.name()) == null) {
          report(
              "Unknown argument \""
                  + arg.name()
                  + "\" on field \""
                  + parent.name
                  + "."
                  + field.name()
                  + "\"."
                  + hint(arg.name(), argumentNames(def.arguments())),
              field.pos());
        }
      }
    }
    // MaxIntrospectionDepth
    if ((field.name().equals("__schema") || field.name().equals("__type"))
        && introspectionTooDeep(field, new HashSet<>(), 0)) {
      report("Maximum introspection depth exceeded", field.pos());
    }
    if (currentOperation != null) {
      merging.checkSelectionSet(field.selectionSet());
    }
    // ProvidedRequiredArguments
    if (def != null) {
      Set<String> given = argumentNamesGiven(field.arguments());
      for (ArgumentDefinition a : def.arguments()) {
        if (a.type().nonNull() && a.defaultValue() == null && !given.contains(a.name())) {
          report(
              "Field \""
                  + field.name()
                  + "\" argument \""
                  + a.name()
                  + "\" of type \""
                  + a.type()
                  + "\" is required, but it was not provided.",
              field.pos());
        }
      }
    }
    // ScalarLeafs
    if (def != null) {
      TypeDef t = schema.type(def.type().name());
      if (t != null && t.isLeaf() && !field.selectionSet().isEmpty()) {
        report(
            "Field \""
                + field.name()
                + "\" must not have a selection since type \""
                + t.name
                + "\" has no subfields.",
            field.pos());
      }
      if (t != null && !t.isLeaf() && field.selectionSet().isEmpty()) {
        report(
            "Field \""
                + field.name()
                + "\" of type \""
                + def.type()
                + "\" must have a selection of subfields. Did you mean \""
                + field.name()
                + " { ... }\"?",
            field.pos());
      }
    }
    uniqueArguments(field.arguments());
  }

  /**
   * MaxIntrospectionDepth: whether introspection nests list fields (fields, interfaces,
   * possibleTypes, inputFields) three deep, through fragments (a fragment may be visited again, but
   * not inside itself).
   */
  private boolean introspectionTooDeep(Field field, Set<String> visiting, int depth)
      throws GraphQlException {
    if (Set.of("fields", "interfaces", "possibleTypes", "inputFields").contains(field.name())
        && ++depth >= 3) {
      return true;
    }
    return introspectionTooDeep(field.selectionSet(), visiting, depth);
  }

  private boolean introspectionTooDeep(List<Selection> selections, Set<String> visiting, int depth)
      throws GraphQlException {
    enter();
    try {
      for (Selection s : selections) {
        work();
        boolean tooDeep =
            switch (s) {
              case Field f -> introspectionTooDeep(f, visiting, depth);
              case InlineFragment f -> introspectionTooDeep(f.selectionSet(), visiting, depth);
              case FragmentSpread f -> {
                FragmentDefinition def = spreadDefinition.get(f);
                if (def == null || !visiting.add(f.name())) {
                  yield false;
                }
                boolean deep = introspectionTooDeep(def.selectionSet(), visiting, depth);
                visiting.remove(f.name());
                yield deep;
              }
            };
        if (tooDeep) {
          return true;
        }
      }
      return false;
    } finally {
      leave();
    }
  }

  /** " Did you mean ...?" when an error will be kept; each option costs a unit of work. */
  private String hint(String typed, List<String> options) throws GraphQlException {
    if (!reporting()) {
      return "";
    }
    work(options.size());
    return GraphQlSuggestions.quoted("Did you mean", typed, options);
  }

  private static List<String> argumentNames(List<ArgumentDefinition> args) {
    List<String> names = new ArrayList<>();
    for (ArgumentDefinition a : args) {
      names.add(a.name());
    }
    return names;
  }

  /**
   * FieldsOnCorrectType's hint: on an abstract type, the types that have the field (interfaces used
   * most first, then by name); otherwise similar field names.
   */
  private String fieldSuggestion(TypeDef parent, String name) throws GraphQlException {
    if (!reporting()) {
      return "";
    }
    if (parent.isAbstract()) {
      List<String> interfaces = new ArrayList<>();
      List<String> objects = new ArrayList<>();
      Map<String, Integer> usage = new HashMap<>();
      for (TypeDef possible : schema.possibleTypes(parent)) {
        work(1 + possible.interfaces.size());
        if (possible.field(name) == null) {
          continue;
        }
        objects.add(possible.name);
        for (String i : possible.interfaces) {
          TypeDef intf = schema.type(i);
          if (intf != null && intf.field(name) != null) {
            if (usage.merge(i, 1, Integer::sum) == 1) {
              interfaces.add(i);
            }
          }
        }
      }
      List<String> types = new ArrayList<>(interfaces);
      types.addAll(objects);
      types.sort(
          java.util.Comparator.<String>comparingInt(t -> -usage.getOrDefault(t, 0))
              .thenComparing(java.util.Comparator.naturalOrder()));
      if (!types.isEmpty()) {
        return " Did you mean to use an inline fragment on "
            + GraphQlSuggestions.quotedOrList(types)
            + "?";
      }
    }
    if (!parent.kind.equals("OBJECT") && !parent.kind.equals("INTERFACE")) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (FieldDefinition f : parent.fields) {
      names.add(f.name());
    }
    work(names.size());
    return GraphQlSuggestions.quoted("Did you mean", name, names);
  }

  private static Set<String> argumentNamesGiven(List<Argument> args) {
    if (args.isEmpty()) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    for (Argument a : args) {
      names.add(a.name());
    }
    return names;
  }

  /** UniqueArgumentNames: reported once per name, at its second use. */
  private void uniqueArguments(List<Argument> args) {
    if (args.size() < 2) {
      return;
    }
    Map<String, Integer> names = new HashMap<>();
    for (Argument a : args) {
      if (names.merge(a.name(), 1, Integer::sum) == 2) {
        report("There can be only one argument named \"" + a.name() + "\".", a.pos());
      }
    }
  }

  // ---------------------------------------------------------------- fragments

  @Override
  void onFragment(FragmentDefinition fragment) throws GraphQlException {
    TypeDef t = fragmentType.get(fragment);
    // FragmentsOnCompositeTypes
    if (t != null && !fragment.typeCondition().isEmpty() && !t.isComposite()) {
      report(
          "Fragment \""
              + fragment.name()
              + "\" cannot condition on non composite type \""
              + fragment.typeCondition()
              + "\".",
          fragment.pos());
    }
    // KnownTypeNames
    if (schema.type(fragment.typeCondition()) == null) {
      report(
          "Unknown type \""
              + fragment.typeCondition()
              + "\"."
              + hint(fragment.typeCondition(), List.copyOf(schema.types.keySet())),
          fragment.pos());
    }
    checkCycles(fragment);
    // NoUnusedFragments: spreads count until the first fragment definition is reported.
    inFragmentDefinitions = true;
    if (!spreadFragments.contains(fragment.name())) {
      report("Fragment \"" + fragment.name() + "\" is never used.", fragment.pos());
    }
    merging.checkSelectionSet(fragment.selectionSet());
    // UniqueFragmentNames
    if (!seenFragments.add(fragment.name())) {
      report("There can be only one fragment named \"" + fragment.name() + "\".", fragment.pos());
    }
  }

  /** NoFragmentCycles: a depth-first search over spreads, each fragment entered once overall. */
  private void checkCycles(FragmentDefinition fragment) throws GraphQlException {
    List<FragmentSpread> path = new ArrayList<>();
    Map<String, Integer> pathIndex = new HashMap<>();
    cycleSearch(fragment, path, pathIndex);
  }

  private void cycleSearch(
      FragmentDefinition fragment, List<FragmentSpread> path, Map<String, Integer> pathIndex)
      throws GraphQlException {
    if (!cycleCheckedFragments.add(fragment.name())) {
      return;
    }
    List<FragmentSpread> spreads = spreadsIn(fragment.selectionSet());
    if (spreads.isEmpty()) {
      return;
    }
    enter();
    pathIndex.put(fragment.name(), path.size());
    for (FragmentSpread spread : spreads) {
      work();
      Integer cycleAt = pathIndex.get(spread.name());
      path.add(spread);
      if (cycleAt == null) {
        FragmentDefinition next = fragment(spread.name());
        if (next != null) {
          cycleSearch(next, path, pathIndex);
        }
      } else {
        List<String> via = new ArrayList<>();
        for (FragmentSpread s : path.subList(cycleAt, path.size() - 1)) {
          via.add("\"" + s.name() + "\"");
        }
        report(
            "Cannot spread fragment \""
                + spread.name()
                + "\" within itself"
                + (via.isEmpty() ? "" : " via " + String.join(", ", via))
                + ".",
            spread.pos());
      }
      path.remove(path.size() - 1);
    }
    pathIndex.remove(fragment.name());
    leave();
  }

  /** The fragment spreads anywhere in a selection set, in gqlparser's (stack) order. */
  private List<FragmentSpread> spreadsIn(List<Selection> selections) throws GraphQlException {
    List<FragmentSpread> spreads = new ArrayList<>();
    List<List<Selection>> toVisit = new ArrayList<>();
    toVisit.add(selections);
    while (!toVisit.isEmpty()) {
      List<Selection> set = toVisit.remove(toVisit.size() - 1);
      for (Selection s : set) {
        work();
        switch (s) {
          case FragmentSpread f -> spreads.add(f);
          case Field f -> toVisit.add(f.selectionSet());
          case InlineFragment f -> toVisit.add(f.selectionSet());
        }
      }
    }
    return spreads;
  }

  @Override
  void onInlineFragment(InlineFragment fragment) throws GraphQlException {
    TypeDef t = schema.type(fragment.typeCondition());
    // FragmentsOnCompositeTypes
    if (t != null && !t.isComposite()) {
      report(
          "Fragment cannot condition on non composite type \"" + fragment.typeCondition() + "\".",
          fragment.pos());
    }
    // KnownTypeNames
    if (!fragment.typeCondition().isEmpty() && t == null) {
      report("Unknown type \"" + fragment.typeCondition() + "\".", fragment.pos());
    }
    merging.checkSelectionSet(fragment.selectionSet());
    // PossibleFragmentSpreads
    TypeDef parent = objectDefinition.get(fragment);
    if (!canSpread(parent, fragment.typeCondition())) {
      report(
          "Fragment cannot be spread here as objects of type \""
              + parent.name
              + "\" can never be of type \""
              + fragment.typeCondition()
              + "\".",
          fragment.pos());
    }
  }

  @Override
  void onFragmentSpread(FragmentSpread spread) throws GraphQlException {
    FragmentDefinition def = spreadDefinition.get(spread);
    // KnownFragmentNames
    if (def == null) {
      report("Unknown fragment \"" + spread.name() + "\".", spread.pos());
    }
    // NoUnusedFragments
    if (!inFragmentDefinitions) {
      spreadFragments.add(spread.name());
    }
    // PossibleFragmentSpreads
    TypeDef parent = objectDefinition.get(spread);
    if (def != null && !canSpread(parent, def.typeCondition())) {
      report(
          "Fragment \""
              + spread.name()
              + "\" cannot be spread here as objects of type \""
              + parent.name
              + "\" can never be of type \""
              + def.typeCondition()
              + "\".",
          spread.pos());
    }
  }

  /** PossibleFragmentSpreads: whether the fragment's type and the parent type can overlap. */
  private boolean canSpread(TypeDef parent, String fragmentTypeName) throws GraphQlException {
    if (parent == null) {
      return true;
    }
    List<TypeDef> parents;
    switch (parent.kind) {
      case "OBJECT" -> parents = List.of(parent);
      case "INTERFACE", "UNION" -> parents = schema.possibleTypes(parent);
      default -> {
        return true;
      }
    }
    TypeDef fragmentType = schema.type(fragmentTypeName);
    if (fragmentType == null || !fragmentType.isComposite()) {
      return true;
    }
    Set<String> parentNames = new HashSet<>();
    for (TypeDef p : parents) {
      parentNames.add(p.name);
    }
    List<TypeDef> fragmentTypes = schema.possibleTypes(fragmentType);
    work(parents.size() + fragmentTypes.size());
    for (TypeDef f : fragmentTypes) {
      if (parentNames.contains(f.name)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- directives

  @Override
  void onDirective(Directive directive) throws GraphQlException {
    DirectiveDefinition def = directiveDefinition.get(directive);
    // KnownArgumentNames
    if (def != null) {
      for (Argument arg : directive.arguments()) {
        if (lookup.argument(def.arguments(), arg.name()) == null) {
          report(
              "Unknown argument \""
                  + arg.name()
                  + "\" on directive \"@"
                  + directive.name()
                  + "\"."
                  + hint(arg.name(), argumentNames(def.arguments())),
              directive.pos());
        }
      }
    }
    // KnownDirectives (a misplaced directive is reported once per place, though fragments are
    // walked more than once)
    String location = directiveLocation.get(directive);
    if (def == null) {
      report("Unknown directive \"@" + directive.name() + "\".", directive.pos());
    } else if (!lookup.allows(def, location)
        && misplacedDirectives.add(directive.name() + "@" + directive.pos())) {
      report(
          "Directive \"@" + directive.name() + "\" may not be used on " + location + ".",
          directive.pos());
    }
    // ProvidedRequiredArguments
    Set<String> given = argumentNamesGiven(directive.arguments());
    for (ArgumentDefinition a : def == null ? List.<ArgumentDefinition>of() : def.arguments()) {
      if (a.type().nonNull() && a.defaultValue() == null && !given.contains(a.name())) {
        report(
            "Directive \"@"
                + def.name()
                + "\" argument \""
                + a.name()
                + "\" of type \""
                + a.type()
                + "\" is required, but it was not provided.",
            directive.pos());
      }
    }
    uniqueArguments(directive.arguments());
  }

  @Override
  void onDirectiveList(List<Directive> directives) throws GraphQlException {
    // UniqueDirectivesPerLocation (gqlparser exempts only a directive named "repeatable")
    if (directives.size() < 2) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (Directive d : directives) {
      if (!d.name().equals("repeatable") && seen.contains(d.name())) {
        report(
            "The directive \"@" + d.name() + "\" can only be used once at this location.", d.pos());
      }
      seen.add(d.name());
    }
  }

  // ---------------------------------------------------------------- values and variables

  @Override
  void onValue(Value value) throws GraphQlException {
    // NoUndefinedVariables
    if (currentOperation != null
        && value.kind() == ValueKind.VARIABLE
        && valueVariable.get(value) == null) {
      report(
          "Variable \""
              + value
              + "\" is not defined"
              + (currentOperation.name().isEmpty()
                  ? "."
                  : " by operation \"" + currentOperation.name() + "\"."),
          value.pos());
    }
    // UniqueInputFieldNames
    if (value.kind() == ValueKind.OBJECT) {
      Set<String> names = new LinkedHashSet<>();
      for (ChildValue c : value.children()) {
        if (!names.add(c.name())) {
          report("There can be only one input field named \"" + c.name() + "\".", c.pos());
        }
      }
    }
    GraphQlValueCheck.check(this, value, expectedType.get(value), valueDefinition.get(value));
    variableInAllowedPosition(value);
  }

  private void variableInAllowedPosition(Value value) throws GraphQlException {
    Type expected = expectedType.get(value);
    VariableDefinition v = valueVariable.get(value);
    if (value.kind() != ValueKind.VARIABLE
        || expected == null
        || v == null
        || currentOperation == null) {
      return;
    }
    Type want = expected;
    // A variable with a non-null default may fill a non-null position, and so may any variable
    // where the position has a default.
    if (want.nonNull()
        && (v.defaultValue() != null && v.defaultValue().kind() != ValueKind.NULL
            || expectedTypeHasDefault.contains(value))) {
      want = new Type(want.namedType(), want.elem(), false, want.pos());
    }
    if (!GraphQlTypes.isCompatible(v.type(), want)) {
      report(
          "Variable \""
              + value
              + "\" of type \""
              + v.type()
              + "\" used in position expecting type \""
              + expected
              + "\".",
          value.pos());
    }
  }

  @Override
  void onVariable(VariableDefinition variable) throws GraphQlException {
    // KnownTypeNames
    if (schema.type(variable.type().name()) == null) {
      report("Unknown type \"" + variable.type().name() + "\".", variable.pos());
    }
  }
}
