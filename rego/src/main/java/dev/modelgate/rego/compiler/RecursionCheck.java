package dev.modelgate.rego.compiler;

import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.value.StringValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rejects rules that depend on themselves ({@code rego_recursion_error}), as OPA does. */
final class RecursionCheck {
  private final RuleNode root;
  private final List<RegoError> errors;
  private final Map<RuleNode, Set<RuleNode>> deps = new IdentityHashMap<>();
  private final Map<RuleNode, Integer> state = new IdentityHashMap<>();
  private final Set<String> reported = new java.util.HashSet<>();

  /** A path element no rule can have (compared by identity). */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String NO_RULE = new String("\u0000no-rule");

  RecursionCheck(RuleNode root, List<RegoError> errors) {
    this.root = root;
    this.errors = errors;
  }

  void run() {
    List<RuleNode> nodes = new ArrayList<>();
    collectNodes(root, nodes);
    for (RuleNode n : nodes) {
      Set<RuleNode> d = new LinkedHashSet<>();
      for (CompiledRule r : allRules(n)) {
        for (CompiledRule x = r; x != null; x = x.elseRule()) {
          Set<List<String>> refs = new LinkedHashSet<>();
          x.body().forEach(l -> literal(l, refs));
          x.dynamic().forEach(t -> term(t, refs));
          if (x.args() != null) {
            x.args().forEach(t -> term(t, refs));
          }
          term(x.value(), refs);
          for (List<String> p : refs) {
            targets(p, d);
          }
        }
      }
      deps.put(n, d);
    }
    for (RuleNode n : nodes) {
      visit(n, new ArrayList<>());
    }
  }

  private static List<CompiledRule> allRules(RuleNode n) {
    List<CompiledRule> out = new ArrayList<>(n.rules);
    out.addAll(n.functions);
    if (n.defaultRule != null) {
      out.add(n.defaultRule);
    }
    if (n.defaultFunction != null) {
      out.add(n.defaultFunction);
    }
    return out;
  }

  private void collectNodes(RuleNode n, List<RuleNode> out) {
    if (!allRules(n).isEmpty()) {
      out.add(n);
    }
    for (RuleNode c : n.children.values()) {
      collectNodes(c, out);
    }
  }

  /** Rule nodes a reference to this path reads: ancestors with rules, the node, descendants. */
  private void targets(List<String> path, Set<RuleNode> out) {
    match(root, path, 0, out);
  }

  private void match(RuleNode n, List<String> path, int i, Set<RuleNode> out) {
    if (i == path.size()) {
      List<RuleNode> below = new ArrayList<>();
      collectNodes(n, below);
      out.addAll(below);
      return;
    }
    if (!allRules(n).isEmpty()) {
      out.add(n);
    }
    String s = path.get(i);
    if (s == NO_RULE) {
      return;
    }
    if (s == null) {
      for (RuleNode c : n.children.values()) {
        match(c, path, i + 1, out);
      }
    } else {
      RuleNode c = n.children.get(s);
      if (c != null) {
        match(c, path, i + 1, out);
      }
    }
  }

  private void visit(RuleNode n, List<RuleNode> stack) {
    Integer st = state.get(n);
    if (st != null && st == 2) {
      return;
    }
    if (st != null && st == 1) {
      int i = stack.indexOf(n);
      List<String> cycle = new ArrayList<>();
      for (int j = i; j < stack.size(); j++) {
        cycle.add("data." + String.join(".", stack.get(j).path));
      }
      cycle.add("data." + String.join(".", n.path));
      String name = "data." + String.join(".", n.path);
      if (reported.add(name)) {
        CompiledRule r = allRules(n).get(0);
        errors.add(
            new RegoError(
                "rego_recursion_error",
                "rule " + name + " is recursive: " + String.join(" -> ", cycle),
                r.loc()));
      }
      return;
    }
    state.put(n, 1);
    stack.add(n);
    for (RuleNode d : deps.getOrDefault(n, Set.of())) {
      visit(d, stack);
    }
    stack.remove(stack.size() - 1);
    state.put(n, 2);
  }

  private void literal(Literal l, Set<List<String>> refs) {
    switch (l.expr()) {
      case Expr.TermExpr e -> term(e.term(), refs);
      case Expr.Unify e -> {
        term(e.left(), refs);
        term(e.right(), refs);
      }
      case Expr.Assign e -> {
        term(e.left(), refs);
        term(e.right(), refs);
      }
      case Expr.SomeDecl e -> {}
      case Expr.SomeIn e -> {
        if (e.key() != null) {
          term(e.key(), refs);
        }
        term(e.value(), refs);
        term(e.collection(), refs);
      }
      case Expr.Every e -> {
        term(e.domain(), refs);
        e.body().forEach(x -> literal(x, refs));
      }
    }
    for (Literal.With w : l.withs()) {
      term(w.value(), refs);
    }
  }

  private void term(Term t, Set<List<String>> refs) {
    switch (t) {
      case Term.Var v -> {
        if (v.name().equals("data")) {
          refs.add(List.of());
        }
      }
      case Term.Scalar s -> {}
      case Term.Ref r -> {
        if (r.head() instanceof Term.Var v && v.name().equals("data")) {
          List<String> p = new ArrayList<>();
          for (Term e : r.path()) {
            // Variables match any key, as OPA's dependency analysis does; a constant that is not a
            // string (data.x[1]) matches no rule, since rule paths are strings.
            p.add(
                e instanceof Term.Scalar s
                    ? s.value() instanceof StringValue sv ? sv.value() : NO_RULE
                    : null);
          }
          refs.add(p);
        } else {
          term(r.head(), refs);
        }
        r.path().forEach(x -> term(x, refs));
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> term(x, refs));
      case Term.SetTerm a -> a.items().forEach(x -> term(x, refs));
      case Term.ObjectTerm o -> {
        o.keys().forEach(x -> term(x, refs));
        o.values().forEach(x -> term(x, refs));
      }
      case Term.Call c -> {
        if (c.target() instanceof Term.CallTarget.FunctionTarget f) {
          refs.add(f.path());
        }
        c.args().forEach(x -> term(x, refs));
      }
      case Term.ArrayCompr c -> {
        term(c.head(), refs);
        c.body().forEach(x -> literal(x, refs));
      }
      case Term.SetCompr c -> {
        term(c.head(), refs);
        c.body().forEach(x -> literal(x, refs));
      }
      case Term.ObjectCompr c -> {
        term(c.key(), refs);
        term(c.value(), refs);
        c.body().forEach(x -> literal(x, refs));
      }
    }
  }
}
