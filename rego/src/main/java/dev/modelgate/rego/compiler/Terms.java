package dev.modelgate.rego.compiler;

import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Term;
import java.util.Set;

/** Variable collection over terms and literals. */
public final class Terms {
  private Terms() {}

  /** True for the roots {@code input} and {@code data}, which are never unbound. */
  public static boolean isRoot(String name) {
    return name.equals("input") || name.equals("data");
  }

  /** Every variable in the term, closures included. */
  public static void vars(Term t, Set<String> out) {
    collect(t, out, true);
  }

  /** Variables in the term outside closures. */
  public static void topVars(Term t, Set<String> out) {
    collect(t, out, false);
  }

  private static void collect(Term t, Set<String> out, boolean deep) {
    switch (t) {
      case Term.Var v -> {
        if (!isRoot(v.name())) {
          out.add(v.name());
        }
      }
      case Term.Scalar s -> {}
      case Term.Ref r -> {
        collect(r.head(), out, deep);
        for (Term e : r.path()) {
          collect(e, out, deep);
        }
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> collect(x, out, deep));
      case Term.SetTerm a -> a.items().forEach(x -> collect(x, out, deep));
      case Term.ObjectTerm o -> {
        o.keys().forEach(x -> collect(x, out, deep));
        o.values().forEach(x -> collect(x, out, deep));
      }
      case Term.Call c -> c.args().forEach(x -> collect(x, out, deep));
      case Term.ArrayCompr c -> {
        if (deep) {
          collect(c.head(), out, true);
          c.body().forEach(l -> literalVars(l, out, true));
        }
      }
      case Term.SetCompr c -> {
        if (deep) {
          collect(c.head(), out, true);
          c.body().forEach(l -> literalVars(l, out, true));
        }
      }
      case Term.ObjectCompr c -> {
        if (deep) {
          collect(c.key(), out, true);
          collect(c.value(), out, true);
          c.body().forEach(l -> literalVars(l, out, true));
        }
      }
    }
  }

  public static void literalVars(Literal l, Set<String> out, boolean deep) {
    switch (l.expr()) {
      case Expr.TermExpr e -> collect(e.term(), out, deep);
      case Expr.Unify e -> {
        collect(e.left(), out, deep);
        collect(e.right(), out, deep);
      }
      case Expr.Assign e -> {
        collect(e.left(), out, deep);
        collect(e.right(), out, deep);
      }
      case Expr.SomeDecl e -> e.vars().forEach(v -> out.add(v.name()));
      case Expr.SomeIn e -> {
        if (e.key() != null) {
          collect(e.key(), out, deep);
        }
        collect(e.value(), out, deep);
        collect(e.collection(), out, deep);
      }
      case Expr.Every e -> {
        collect(e.domain(), out, deep);
        if (deep) {
          if (e.key() != null) {
            collect(e.key(), out, true);
          }
          collect(e.value(), out, true);
          e.body().forEach(x -> literalVars(x, out, true));
        }
      }
    }
    for (Literal.With w : l.withs()) {
      collect(w.value(), out, deep);
    }
  }
}
