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
import dev.modelgate.rego.builtins.graphql.GraphQlAst.QueryDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Selection;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Value;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.ValueKind;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.VariableDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlSchema.TypeDef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a query document against a schema the way gqlparser's validator walks it, resolving what
 * each node refers to (a field's definition and parent type, a value's expected type, a spread's
 * fragment, ...) and reporting each node to the {@code on*} hooks after its children. Like
 * gqlparser it records what it resolved on the nodes, so later visits see the latest resolution;
 * here that record is kept beside the immutable nodes, by identity.
 *
 * <p>Work is bounded: each operation walks a fragment once, but many operations may spread big
 * fragments, so the walk counts the selections it visits and gives up past a budget; recursion
 * through fragments and selections is bounded in depth.
 */
abstract class GraphQlQueryWalker {
  /** The most selections, values and fragment comparisons one validation may visit. */
  static final int WORK_BUDGET = 500_000;

  /** The deepest the walk may recurse (selections inside fragments inside selections...). */
  static final int MAX_DEPTH = 500;

  final GraphQlSchema schema;
  final QueryDocument document;

  final Map<Field, FieldDefinition> fieldDefinition = new IdentityHashMap<>();
  final Map<Object, TypeDef> objectDefinition = new IdentityHashMap<>();
  final Map<FragmentSpread, FragmentDefinition> spreadDefinition = new IdentityHashMap<>();
  final Map<FragmentDefinition, TypeDef> fragmentType = new IdentityHashMap<>();
  final Map<Directive, DirectiveDefinition> directiveDefinition = new IdentityHashMap<>();
  final Map<Directive, String> directiveLocation = new IdentityHashMap<>();
  final Map<Value, Type> expectedType = new IdentityHashMap<>();

  /** Values whose position has a non-null default (so a nullable variable may fill it). */
  final Set<Value> expectedTypeHasDefault =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  final Map<Value, TypeDef> valueDefinition = new IdentityHashMap<>();
  final Map<Value, VariableDefinition> valueVariable = new IdentityHashMap<>();
  final Map<VariableDefinition, TypeDef> variableType = new IdentityHashMap<>();
  final Set<VariableDefinition> usedVariables =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** The most errors one validation keeps (a hostile query can produce one per field). */
  static final int MAX_ERRORS = 1000;

  /** The errors found so far, in gqlparser's order. */
  final List<GraphQlException> errors = new java.util.ArrayList<>();

  OperationDefinition currentOperation;
  private Map<String, VariableDefinition> currentVariables = Map.of();
  private Map<String, FragmentDefinition> fragmentsByName;
  final GraphQlLookup lookup = new GraphQlLookup();
  private Set<String> walkedFragments = new HashSet<>();
  private long work;
  private int depth;

  GraphQlQueryWalker(GraphQlSchema schema, QueryDocument document) {
    this.schema = schema;
    this.document = document;
  }

  // ---------------------------------------------------------------- hooks

  abstract void onOperation(OperationDefinition op) throws GraphQlException;

  abstract void onField(Field field) throws GraphQlException;

  abstract void onFragment(FragmentDefinition fragment) throws GraphQlException;

  abstract void onInlineFragment(InlineFragment fragment) throws GraphQlException;

  abstract void onFragmentSpread(FragmentSpread spread) throws GraphQlException;

  abstract void onDirective(Directive directive) throws GraphQlException;

  abstract void onDirectiveList(List<Directive> directives) throws GraphQlException;

  abstract void onValue(Value value) throws GraphQlException;

  abstract void onVariable(VariableDefinition variable) throws GraphQlException;

  /** Records a validation error; validation goes on, as gqlparser reports every error. */
  final void report(String message, GraphQlAst.Position pos) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(new GraphQlException(message, pos));
    }
  }

  // ---------------------------------------------------------------- bounds

  /** Counts one unit of work; throws once the budget is spent. */
  final void work() throws GraphQlException {
    work(1);
  }

  /** Counts {@code units} of work (a scan over that many items). */
  final void work(long units) throws GraphQlException {
    work += units;
    if (work > WORK_BUDGET) {
      throw new GraphQlException("query too complex to validate");
    }
  }

  /** Whether another error would still be kept (hints are only worth computing then). */
  final boolean reporting() {
    return errors.size() < MAX_ERRORS;
  }

  final void enter() throws GraphQlException {
    if (++depth > MAX_DEPTH) {
      throw new GraphQlException("query nested too deeply to validate");
    }
  }

  final void leave() {
    depth--;
  }

  // ---------------------------------------------------------------- the walk

  final void walk() throws GraphQlException {
    for (OperationDefinition op : document.operations()) {
      walkedFragments = new HashSet<>();
      walkOperation(op);
    }
    for (FragmentDefinition f : document.fragments()) {
      walkedFragments = new HashSet<>();
      walkFragment(f);
    }
  }

  /** The first fragment with this name, or null. */
  final FragmentDefinition fragment(String name) {
    if (fragmentsByName == null) {
      fragmentsByName = new HashMap<>();
      for (FragmentDefinition f : document.fragments()) {
        fragmentsByName.putIfAbsent(f.name(), f);
      }
    }
    return fragmentsByName.get(name);
  }

  private void walkOperation(OperationDefinition op) throws GraphQlException {
    currentOperation = op;
    currentVariables = new HashMap<>();
    for (VariableDefinition v : op.variableDefinitions()) {
      currentVariables.putIfAbsent(v.variable(), v);
    }
    for (VariableDefinition v : op.variableDefinitions()) {
      if (v.used()) {
        usedVariables.add(v);
      }
      variableType.put(v, schema.type(v.type().name()));
      onVariable(v);
      if (v.defaultValue() != null) {
        expectedType.put(v.defaultValue(), v.type());
        valueDefinition.put(v.defaultValue(), schema.type(v.type().name()));
      }
    }
    TypeDef root = schema.root(op.operation());
    String location =
        switch (op.operation()) {
          case "mutation" -> "MUTATION";
          case "subscription" -> "SUBSCRIPTION";
          case "query", "" -> "QUERY";
          default -> "";
        };
    for (VariableDefinition v : op.variableDefinitions()) {
      if (v.defaultValue() != null) {
        walkValue(v.defaultValue());
      }
      walkDirectives(v.directives(), "VARIABLE_DEFINITION");
    }
    walkDirectives(op.directives(), location);
    walkSelectionSet(root, op.selectionSet());
    onOperation(op);
    currentOperation = null;
  }

  private void walkFragment(FragmentDefinition f) throws GraphQlException {
    TypeDef def = schema.type(f.typeCondition());
    fragmentType.put(f, def);
    walkDirectives(f.directives(), "FRAGMENT_DEFINITION");
    walkSelectionSet(def, f.selectionSet());
    onFragment(f);
  }

  private void walkDirectives(List<Directive> directives, String location) throws GraphQlException {
    for (Directive d : directives) {
      DirectiveDefinition def = schema.directives.get(d.name());
      directiveDefinition.put(d, def);
      directiveLocation.put(d, location);
      for (Argument arg : d.arguments()) {
        walkArgument(def == null ? null : lookup.argument(def.arguments(), arg.name()), arg);
      }
      onDirective(d);
    }
    onDirectiveList(directives);
  }

  private void walkArgument(ArgumentDefinition def, Argument arg) throws GraphQlException {
    if (def != null) {
      expectedType.put(arg.value(), def.type());
      setHasDefault(arg.value(), def.defaultValue());
      valueDefinition.put(arg.value(), schema.type(def.type().name()));
    }
    walkValue(arg.value());
  }

  private void setHasDefault(Value value, Value defaultValue) {
    if (defaultValue != null && defaultValue.kind() != ValueKind.NULL) {
      expectedTypeHasDefault.add(value);
    } else {
      expectedTypeHasDefault.remove(value);
    }
  }

  private void walkValue(Value value) throws GraphQlException {
    work();
    enter();
    if (value.kind() == ValueKind.VARIABLE && currentOperation != null) {
      VariableDefinition v = currentVariables.get(value.raw());
      valueVariable.put(value, v);
      if (v != null) {
        usedVariables.add(v);
      }
    }
    if (value.kind() == ValueKind.OBJECT) {
      TypeDef def = valueDefinition.get(value);
      for (ChildValue child : value.children()) {
        if (def != null) {
          FieldDefinition f = def.field(child.name());
          if (f != null) {
            expectedType.put(child.value(), f.type());
            setHasDefault(child.value(), f.defaultValue());
            valueDefinition.put(child.value(), schema.type(f.type().name()));
          }
        }
        walkValue(child.value());
      }
    }
    if (value.kind() == ValueKind.LIST) {
      Type expected = expectedType.get(value);
      for (ChildValue child : value.children()) {
        if (expected != null && expected.elem() != null) {
          expectedType.put(child.value(), expected.elem());
          valueDefinition.put(child.value(), valueDefinition.get(value));
        }
        walkValue(child.value());
      }
    }
    onValue(value);
    leave();
  }

  private void walkSelectionSet(TypeDef parent, List<Selection> selections)
      throws GraphQlException {
    enter();
    for (Selection s : selections) {
      work();
      switch (s) {
        case Field f -> walkField(parent, f);
        case InlineFragment f -> walkInlineFragment(parent, f);
        case FragmentSpread f -> walkSpread(parent, f);
      }
    }
    leave();
  }

  private void walkField(TypeDef parent, Field f) throws GraphQlException {
    FieldDefinition def = null;
    if (f.name().equals("__typename")) {
      def =
          new FieldDefinition(
              "",
              "__typename",
              List.of(),
              null,
              new Type("String", null, false, null),
              List.of(),
              null,
              GraphQlAst.Comments.NONE);
    } else if (parent != null) {
      def = parent.field(f.name());
    }
    fieldDefinition.put(f, def);
    objectDefinition.put(f, parent);
    TypeDef next = def == null ? null : schema.type(def.type().name());
    for (Argument arg : f.arguments()) {
      walkArgument(def == null ? null : lookup.argument(def.arguments(), arg.name()), arg);
    }
    walkDirectives(f.directives(), "FIELD");
    walkSelectionSet(next, f.selectionSet());
    onField(f);
  }

  private void walkInlineFragment(TypeDef parent, InlineFragment f) throws GraphQlException {
    objectDefinition.put(f, parent);
    TypeDef next = f.typeCondition().isEmpty() ? parent : schema.type(f.typeCondition());
    walkDirectives(f.directives(), "INLINE_FRAGMENT");
    walkSelectionSet(next, f.selectionSet());
    onInlineFragment(f);
  }

  private void walkSpread(TypeDef parent, FragmentSpread s) throws GraphQlException {
    FragmentDefinition def = fragment(s.name());
    spreadDefinition.put(s, def);
    objectDefinition.put(s, parent);
    TypeDef next = def == null ? null : schema.type(def.typeCondition());
    walkDirectives(s.directives(), "FRAGMENT_SPREAD");
    if (def != null && walkedFragments.add(def.name())) {
      walkSelectionSet(next, def.selectionSet());
    }
    onFragmentSpread(s);
  }
}
