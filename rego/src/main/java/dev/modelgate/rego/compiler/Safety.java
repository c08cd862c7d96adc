package dev.modelgate.rego.compiler;

import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Location;
import dev.modelgate.rego.ast.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * OPA's safety check: reorders each body so every variable is bound before it is needed, and
 * reports the variables that can never be bound ({@code rego_unsafe_var_error}).
 */
final class Safety {
  private final ToIntFunction<Term.Call> arity;
  private final List<RegoError> errors;

  Safety(ToIntFunction<Term.Call> arity, List<RegoError> errors) {
    this.arity = arity;
    this.errors = errors;
  }

  /** Result of reordering: the new body and the variables bound after it. */
  record Ordered(List<Literal> body, Set<String> bound) {}

  Ordered reorder(List<Literal> body, Set<String> boundBefore, Set<String> outerMentioned) {
    Set<String> mentioned = new HashSet<>(outerMentioned);
    for (Literal l : body) {
      Terms.literalVars(l, mentioned, false);
    }
    Set<String> bound = new HashSet<>(boundBefore);
    List<Literal> remaining = new ArrayList<>(body);
    List<Literal> out = new ArrayList<>(body.size());
    while (!remaining.isEmpty()) {
      boolean progress = false;
      for (int i = 0; i < remaining.size(); i++) {
        Literal l = remaining.get(i);
        Set<String> newly = place(l, bound, mentioned);
        if (newly != null) {
          out.add(rewriteClosures(l, bound, mentioned));
          bound.addAll(newly);
          remaining.remove(i);
          progress = true;
          break;
        }
      }
      if (!progress) {
        Set<String> reported = new HashSet<>();
        for (Literal l : remaining) {
          Set<String> missing = new LinkedHashSet<>();
          Terms.literalVars(l, missing, false);
          missing.removeAll(bound);
          for (String v : missing) {
            if (reported.add(v) && !v.startsWith("_$")) {
              errors.add(unsafe(v, l.loc()));
            }
          }
          if (missing.isEmpty() || missing.stream().allMatch(v -> v.startsWith("_$"))) {
            // only closure/negation needs: report the closure's free variables
            Set<String> all = new LinkedHashSet<>();
            Terms.literalVars(l, all, true);
            all.removeAll(bound);
            for (String v : all) {
              if (mentioned.contains(v) && reported.add(v) && !v.startsWith("_$")) {
                errors.add(unsafe(v, l.loc()));
              }
            }
          }
        }
        out.addAll(remaining);
        return new Ordered(out, bound);
      }
    }
    return new Ordered(out, bound);
  }

  static RegoError unsafe(String v, Location loc) {
    return new RegoError("rego_unsafe_var_error", "var " + Scope.display(v) + " is unsafe", loc);
  }

  /** Variables the literal binds if it can run now, or null if it cannot. */
  private Set<String> place(Literal l, Set<String> bound, Set<String> mentioned) {
    Set<String> need = new HashSet<>();
    for (Literal.With w : l.withs()) {
      needs(w.value(), need, new HashSet<>(), mentioned);
    }
    Set<String> newly;
    if (l.negated()) {
      Set<String> outs = new HashSet<>();
      exprNeedsAll(l.expr(), need, outs, mentioned);
      for (String o : outs) {
        if (!o.startsWith("_$")) {
          need.add(o);
        }
      }
      newly = Set.of();
    } else {
      newly = exprPlace(l.expr(), bound, need, mentioned);
      if (newly == null) {
        return null;
      }
    }
    return bound.containsAll(need) ? newly : null;
  }

  private void exprNeedsAll(Expr e, Set<String> need, Set<String> outs, Set<String> mentioned) {
    switch (e) {
      case Expr.TermExpr t -> needs(t.term(), need, outs, mentioned);
      case Expr.Unify u -> {
        needs(u.left(), outs, outs, mentioned);
        needs(u.right(), outs, outs, mentioned);
      }
      case Expr.Assign a -> {
        needs(a.left(), outs, outs, mentioned);
        needs(a.right(), need, outs, mentioned);
      }
      case Expr.SomeDecl s -> {}
      case Expr.SomeIn s -> needs(s.collection(), need, outs, mentioned);
      case Expr.Every ev -> everyNeeds(ev, need, mentioned);
    }
  }

  private void everyNeeds(Expr.Every ev, Set<String> need, Set<String> mentioned) {
    needs(ev.domain(), need, new HashSet<>(), mentioned);
    Set<String> inner = new HashSet<>();
    for (Literal x : ev.body()) {
      Terms.literalVars(x, inner, true);
    }
    Set<String> kv = new HashSet<>();
    if (ev.key() != null) {
      Terms.vars(ev.key(), kv);
    }
    Terms.vars(ev.value(), kv);
    inner.removeAll(kv);
    inner.retainAll(mentioned);
    need.addAll(inner);
  }

  /** Needs of the expression are added to {@code need}; returns newly bound vars or null. */
  private Set<String> exprPlace(
      Expr e, Set<String> bound, Set<String> need, Set<String> mentioned) {
    switch (e) {
      case Expr.TermExpr t -> {
        Set<String> outs = new HashSet<>();
        needs(t.term(), need, outs, mentioned);
        return outs;
      }
      case Expr.Unify u -> {
        return unify(u.left(), u.right(), bound, need, mentioned, true);
      }
      case Expr.Assign a -> {
        return unify(a.left(), a.right(), bound, need, mentioned, false);
      }
      case Expr.SomeDecl s -> {
        return Set.of();
      }
      case Expr.SomeIn s -> {
        Set<String> out = new HashSet<>();
        needs(s.collection(), need, out, mentioned);
        if (s.key() != null && !pattern(s.key(), bound, out, need, mentioned)) {
          return null;
        }
        if (!pattern(s.value(), bound, out, need, mentioned)) {
          return null;
        }
        return out;
      }
      case Expr.Every ev -> {
        everyNeeds(ev, need, mentioned);
        return Set.of();
      }
    }
  }

  private Set<String> unify(
      Term a, Term b, Set<String> bound, Set<String> need, Set<String> mentioned, boolean both) {
    Set<String> outsA = new HashSet<>();
    Set<String> needA = new HashSet<>();
    needs(a, needA, outsA, mentioned);
    Set<String> outsB = new HashSet<>();
    Set<String> needB = new HashSet<>();
    needs(b, needB, outsB, mentioned);
    if (bound.containsAll(needB)) {
      Set<String> out = new HashSet<>(outsB);
      Set<String> patNeed = new HashSet<>();
      if (pattern(a, bound, out, patNeed, mentioned) && bound.containsAll(patNeed)) {
        return out;
      }
    }
    if (both && bound.containsAll(needA)) {
      Set<String> out = new HashSet<>(outsA);
      Set<String> patNeed = new HashSet<>();
      if (pattern(b, bound, out, patNeed, mentioned) && bound.containsAll(patNeed)) {
        return out;
      }
    }
    if (both
        && a instanceof Term.ArrayTerm x
        && b instanceof Term.ArrayTerm y
        && x.items().size() == y.items().size()) {
      Set<String> acc = new HashSet<>(bound);
      Set<String> out = new HashSet<>();
      for (int i = 0; i < x.items().size(); i++) {
        Set<String> n = new HashSet<>();
        Set<String> r = unify(x.items().get(i), y.items().get(i), acc, n, mentioned, true);
        if (r == null || !acc.containsAll(n)) {
          need.addAll(n);
          return null;
        }
        acc.addAll(r);
        out.addAll(r);
      }
      return out;
    }
    if (both
        && a instanceof Term.ObjectTerm x
        && b instanceof Term.ObjectTerm y
        && x.keys().size() == y.keys().size()) {
      Set<String> out = new HashSet<>();
      for (Term t : x.values()) {
        Terms.vars(t, out);
      }
      for (Term t : y.values()) {
        Terms.vars(t, out);
      }
      return out;
    }
    // not ready: report what the simpler side needs
    need.addAll(needB.isEmpty() ? needA : needB);
    return null;
  }

  /**
   * Can the term be unified against a value as a pattern with the current bindings? Adds the vars
   * it binds to {@code out} and what it needs to {@code need}.
   */
  private boolean pattern(
      Term t, Set<String> bound, Set<String> out, Set<String> need, Set<String> mentioned) {
    switch (t) {
      case Term.Var v -> {
        if (!Terms.isRoot(v.name()) && !bound.contains(v.name())) {
          out.add(v.name());
        }
        return true;
      }
      case Term.ArrayTerm a -> {
        for (Term x : a.items()) {
          if (!pattern(x, bound, out, need, mentioned)) {
            return false;
          }
        }
        return true;
      }
      case Term.ObjectTerm o -> {
        for (Term k : o.keys()) {
          needs(k, need, new HashSet<>(), mentioned);
        }
        for (Term x : o.values()) {
          if (!pattern(x, bound, out, need, mentioned)) {
            return false;
          }
        }
        return true;
      }
      default -> {
        needs(t, need, out, mentioned);
        return true;
      }
    }
  }

  /**
   * Adds the variables needed to evaluate the term to {@code need}, and the variables it can bind
   * by itself (reference iteration, call outputs) to {@code outs}.
   */
  void needs(Term t, Set<String> need, Set<String> outs, Set<String> mentioned) {
    switch (t) {
      case Term.Var v -> {
        if (!Terms.isRoot(v.name())) {
          need.add(v.name());
        }
      }
      case Term.Scalar s -> {}
      case Term.Ref r -> {
        needs(r.head(), need, outs, mentioned);
        for (Term e : r.path()) {
          if (e instanceof Term.Var v) {
            outs.add(v.name());
          } else if (e instanceof Term.ArrayTerm || e instanceof Term.ObjectTerm) {
            Terms.topVars(e, outs);
          } else {
            needs(e, need, outs, mentioned);
          }
        }
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> needs(x, need, outs, mentioned));
      case Term.SetTerm a -> a.items().forEach(x -> needs(x, need, outs, mentioned));
      case Term.ObjectTerm o -> {
        o.keys().forEach(x -> needs(x, need, outs, mentioned));
        o.values().forEach(x -> needs(x, need, outs, mentioned));
      }
      case Term.Call c -> {
        int n = arity.applyAsInt(c);
        List<Term> args = c.args();
        if (n >= 0 && args.size() == n + 1) {
          for (int i = 0; i < n; i++) {
            needs(args.get(i), need, outs, mentioned);
          }
          Set<String> patNeed = new HashSet<>();
          pattern(args.get(n), Set.of(), outs, patNeed, mentioned);
          need.addAll(patNeed);
        } else {
          args.forEach(x -> needs(x, need, outs, mentioned));
        }
      }
      case Term.ArrayCompr c -> closureNeeds(c, need, mentioned);
      case Term.SetCompr c -> closureNeeds(c, need, mentioned);
      case Term.ObjectCompr c -> closureNeeds(c, need, mentioned);
    }
  }

  private void closureNeeds(Term c, Set<String> need, Set<String> mentioned) {
    Set<String> all = new HashSet<>();
    Terms.vars(c, all);
    all.retainAll(mentioned);
    need.addAll(all);
  }

  // ------------------------------------------------------------ closure rewriting

  private Literal rewriteClosures(Literal l, Set<String> bound, Set<String> mentioned) {
    Expr e =
        switch (l.expr()) {
          case Expr.TermExpr t -> new Expr.TermExpr(rw(t.term(), bound, mentioned));
          case Expr.Unify u ->
              new Expr.Unify(rw(u.left(), bound, mentioned), rw(u.right(), bound, mentioned));
          case Expr.Assign a ->
              new Expr.Assign(rw(a.left(), bound, mentioned), rw(a.right(), bound, mentioned));
          case Expr.SomeDecl s -> s;
          case Expr.SomeIn s ->
              new Expr.SomeIn(
                  s.key() == null ? null : rw(s.key(), bound, mentioned),
                  rw(s.value(), bound, mentioned),
                  rw(s.collection(), bound, mentioned));
          case Expr.Every ev -> {
            Set<String> b = new HashSet<>(bound);
            if (ev.key() != null) {
              Terms.vars(ev.key(), b);
            }
            Terms.vars(ev.value(), b);
            Ordered o = reorder(ev.body(), b, mentioned);
            yield new Expr.Every(ev.key(), ev.value(), rw(ev.domain(), bound, mentioned), o.body());
          }
        };
    List<Literal.With> withs = l.withs();
    if (!withs.isEmpty()) {
      List<Literal.With> nw = new ArrayList<>();
      for (Literal.With w : withs) {
        nw.add(new Literal.With(w.target(), rw(w.value(), bound, mentioned), w.loc()));
      }
      withs = List.copyOf(nw);
    }
    return new Literal(e, l.negated(), withs, l.loc());
  }

  private Term rw(Term t, Set<String> bound, Set<String> mentioned) {
    return switch (t) {
      case Term.Var v -> v;
      case Term.Scalar s -> s;
      case Term.Ref r -> {
        List<Term> path = new ArrayList<>();
        for (Term e : r.path()) {
          path.add(rw(e, bound, mentioned));
        }
        yield new Term.Ref(rw(r.head(), bound, mentioned), List.copyOf(path), r.loc());
      }
      case Term.ArrayTerm a -> new Term.ArrayTerm(rwAll(a.items(), bound, mentioned), a.loc());
      case Term.SetTerm a -> new Term.SetTerm(rwAll(a.items(), bound, mentioned), a.loc());
      case Term.ObjectTerm o ->
          new Term.ObjectTerm(
              rwAll(o.keys(), bound, mentioned), rwAll(o.values(), bound, mentioned), o.loc());
      case Term.Call c -> c.withArgs(rwAll(c.args(), bound, mentioned));
      case Term.ArrayCompr c -> {
        Ordered o = reorder(c.body(), bound, mentioned);
        checkHead(List.of(c.head()), o.bound(), c.loc());
        yield new Term.ArrayCompr(rw(c.head(), o.bound(), mentioned), o.body(), c.loc());
      }
      case Term.SetCompr c -> {
        Ordered o = reorder(c.body(), bound, mentioned);
        checkHead(List.of(c.head()), o.bound(), c.loc());
        yield new Term.SetCompr(rw(c.head(), o.bound(), mentioned), o.body(), c.loc());
      }
      case Term.ObjectCompr c -> {
        Ordered o = reorder(c.body(), bound, mentioned);
        checkHead(List.of(c.key(), c.value()), o.bound(), c.loc());
        yield new Term.ObjectCompr(
            rw(c.key(), o.bound(), mentioned),
            rw(c.value(), o.bound(), mentioned),
            o.body(),
            c.loc());
      }
    };
  }

  private List<Term> rwAll(List<Term> ts, Set<String> bound, Set<String> mentioned) {
    List<Term> out = new ArrayList<>(ts.size());
    for (Term t : ts) {
      out.add(rw(t, bound, mentioned));
    }
    return List.copyOf(out);
  }

  /** Head terms (rule heads, comprehension heads) need all their top-level vars bound. */
  void checkHead(List<Term> heads, Set<String> bound, Location loc) {
    Set<String> vs = new LinkedHashSet<>();
    Set<String> outs = new HashSet<>();
    for (Term h : heads) {
      if (h != null) {
        needs(h, vs, outs, Set.of());
        vs.addAll(outs);
      }
    }
    for (String v : vs) {
      if (!bound.contains(v)) {
        errors.add(unsafe(v, loc));
      }
    }
  }
}
