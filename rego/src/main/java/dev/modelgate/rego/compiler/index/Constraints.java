package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.compiler.CompiledRule;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads, from one rule (one branch of an else chain), the necessary conditions the index can check
 * before the body runs. The indexable forms are OPA's: {@code ref = value}, {@code ref == value},
 * {@code x := ref} and a bare {@code ref} as top-level literals without {@code not} or {@code
 * with}, where ref is a ground reference into {@code input} or base (not rule-defined) {@code data}
 * and value is a scalar, a variable, or a flat array of those; plus function arguments (a parameter
 * compared with such a value in the body, or a scalar/array parameter in the head). Every condition
 * found is implied by the rule's success, so skipping a rule whose condition fails never changes a
 * result.
 */
final class Constraints {
  private final Predicate<List<Value>> isVirtualData;

  /**
   * @param isVirtualData true for a data path that rules define (at, above or below it): such
   *     references are not indexed, because resolving them would evaluate rules
   */
  Constraints(Predicate<List<Value>> isVirtualData) {
    this.isVirtualData = isVirtualData;
  }

  /**
   * The rule's conditions by key (a later condition on the same key replaces an earlier one, as in
   * OPA), or null when the rule must always be evaluated: rules that {@code print} are never
   * skipped, so their output does not depend on indexing (as OPA).
   */
  Map<IndexKey, Constraint> of(CompiledRule rule) {
    Map<IndexKey, Constraint> out = new LinkedHashMap<>();
    for (Literal l : rule.body()) {
      if (l.expr() instanceof Expr.TermExpr t && isPrint(t.term())) {
        return null;
      }
    }
    List<Term> args = rule.args();
    if (args != null) {
      for (int i = 0; i < args.size(); i++) {
        // A head parameter that is a constant is unified before the body runs.
        Constraint c = args.get(i) instanceof Term.Var ? null : valueConstraint(args.get(i));
        if (c != null) {
          out.put(IndexKey.arg(i), c);
        }
      }
    }
    // Variables bound to an indexable reference (x := input.host), for glob.match(p, d, x).
    Map<String, IndexKey> boundTo = new HashMap<>();
    for (Literal l : rule.body()) {
      if (l.negated() || !l.withs().isEmpty()) {
        continue;
      }
      switch (l.expr()) {
        case Expr.TermExpr t when t.term() instanceof Term.Ref r -> {
          IndexKey k = refKey(r);
          if (k != null) {
            out.put(k, new Constraint.Defined());
          }
        }
        case Expr.TermExpr t when isEqualCall(t.term()) -> {
          List<Term> a = ((Term.Call) t.term()).args();
          equality(rule, a.get(0), a.get(1), out);
        }
        case Expr.TermExpr t when isGlobMatch(t.term()) ->
            globMatch(rule, ((Term.Call) t.term()).args(), boundTo, out);
        case Expr.Unify u -> {
          equality(rule, u.left(), u.right(), out);
          remember(u.left(), u.right(), boundTo);
        }
        case Expr.Assign a -> {
          equality(rule, a.left(), a.right(), out);
          remember(a.left(), a.right(), boundTo);
        }
        default -> {}
      }
    }
    return out;
  }

  private void equality(CompiledRule rule, Term a, Term b, Map<IndexKey, Constraint> out) {
    if (!oneSide(rule, a, b, out)) {
      oneSide(rule, b, a, out);
    }
  }

  /** {@code a} a key (reference or parameter), {@code b} an indexable value. */
  private boolean oneSide(CompiledRule rule, Term a, Term b, Map<IndexKey, Constraint> out) {
    IndexKey key = null;
    if (a instanceof Term.Ref r) {
      key = refKey(r);
    } else if (a instanceof Term.Var v && rule.args() != null) {
      for (int i = 0; i < rule.args().size() && key == null; i++) {
        if (rule.args().get(i) instanceof Term.Var p && p.name().equals(v.name())) {
          key = IndexKey.arg(i);
        }
      }
    }
    if (key == null) {
      return false;
    }
    Constraint c = valueConstraint(b);
    if (c == null) {
      return false;
    }
    out.put(key, c);
    return true;
  }

  private void remember(Term a, Term b, Map<String, IndexKey> boundTo) {
    if (a instanceof Term.Var v && b instanceof Term.Ref r && refKey(r) != null) {
      boundTo.put(v.name(), refKey(r));
    } else if (b instanceof Term.Var v && a instanceof Term.Ref r && refKey(r) != null) {
      boundTo.put(v.name(), refKey(r));
    }
  }

  /**
   * {@code glob.match(pattern, delimiters, subject)} with a constant pattern of literal and
   * whole-segment {@code *} parts, constant single-character delimiters, and a subject that is an
   * indexable reference, a variable bound to one, or a function parameter (as OPA).
   */
  private void globMatch(
      CompiledRule rule,
      List<Term> args,
      Map<String, IndexKey> boundTo,
      Map<IndexKey, Constraint> out) {
    IndexKey key = null;
    Term subject = args.get(2);
    if (subject instanceof Term.Ref r) {
      key = refKey(r);
    } else if (subject instanceof Term.Var v) {
      key = boundTo.get(v.name());
      if (key == null && rule.args() != null) {
        for (int i = 0; i < rule.args().size() && key == null; i++) {
          if (rule.args().get(i) instanceof Term.Var p && p.name().equals(v.name())) {
            key = IndexKey.arg(i);
          }
        }
      }
    }
    int[] delimiters = globDelimiters(args.get(1));
    if (key == null
        || delimiters == null
        || !(args.get(0) instanceof Term.Scalar ps)
        || !(ps.value() instanceof StringValue pattern)) {
      return;
    }
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String p = pattern.value();
    for (int i = 0; i <= p.length(); ) {
      int cp = i < p.length() ? p.codePointAt(i) : -1;
      boolean delimiter = cp != -1 && contains(delimiters, cp);
      if (cp == -1 || delimiter) {
        String part = cur.toString();
        if (part.equals("*")) {
          parts.add(null);
        } else if (part.chars().anyMatch(c -> GLOB_SPECIAL.indexOf(c) >= 0)) {
          return;
        } else {
          parts.add(part);
        }
        cur.setLength(0);
        if (cp == -1) {
          break;
        }
      } else {
        cur.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    out.put(key, new Constraint.GlobShape(delimiters, Collections.unmodifiableList(parts)));
  }

  private static final String GLOB_SPECIAL = "*?\\[]{}";

  /** Constant delimiters, each one character; none means "." (as glob.match). Else null. */
  private static int[] globDelimiters(Term t) {
    List<Value> items = new ArrayList<>();
    if (t instanceof Term.Scalar s && s.value() instanceof ArrayValue a) {
      items.addAll(a.items());
    } else if (t instanceof Term.ArrayTerm a) {
      for (Term e : a.items()) {
        if (!(e instanceof Term.Scalar s)) {
          return null;
        }
        items.add(s.value());
      }
    } else {
      return null;
    }
    if (items.isEmpty()) {
      return new int[] {'.'};
    }
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(items.get(i) instanceof StringValue sv)
          || sv.value().isEmpty()
          || sv.value().codePointCount(0, sv.value().length()) != 1) {
        return null;
      }
      out[i] = sv.value().codePointAt(0);
    }
    return out;
  }

  private static boolean contains(int[] xs, int x) {
    for (int v : xs) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGlobMatch(Term t) {
    return t instanceof Term.Call c
        && c.args().size() == 3
        && c.target() instanceof Term.CallTarget.BuiltinTarget b
        && b.name().equals("glob.match");
  }

  private IndexKey refKey(Term.Ref r) {
    if (!(r.head() instanceof Term.Var root)
        || !(root.name().equals("input") || root.name().equals("data"))) {
      return null;
    }
    List<Value> path = new ArrayList<>(r.path().size());
    for (Term e : r.path()) {
      if (!(e instanceof Term.Scalar s) || !isScalar(s.value())) {
        return null;
      }
      path.add(s.value());
    }
    if (root.name().equals("data") && isVirtualData.test(path)) {
      return null;
    }
    return IndexKey.ref(root.name(), path, r);
  }

  /** A scalar, a variable (any defined value), or a flat array of those; else null. */
  private static Constraint valueConstraint(Term b) {
    switch (b) {
      case Term.Scalar s when isScalar(s.value()) -> {
        return new Constraint.Equal(s.value());
      }
      case Term.Scalar s when s.value() instanceof ArrayValue a -> {
        for (Value e : a.items()) {
          if (!isScalar(e)) {
            return null;
          }
        }
        return new Constraint.ArrayShape(a.items());
      }
      case Term.Var v when !v.name().equals("input") && !v.name().equals("data") -> {
        return new Constraint.Defined();
      }
      case Term.ArrayTerm a -> {
        List<Value> elements = new ArrayList<>(a.items().size());
        for (Term t : a.items()) {
          if (t instanceof Term.Scalar s && isScalar(s.value())) {
            elements.add(s.value());
          } else if (t instanceof Term.Var v
              && !v.name().equals("input")
              && !v.name().equals("data")) {
            elements.add(null);
          } else {
            return null;
          }
        }
        return new Constraint.ArrayShape(Collections.unmodifiableList(elements));
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean isScalar(Value v) {
    return v instanceof StringValue
        || v instanceof NumberValue
        || v instanceof BooleanValue
        || v instanceof NullValue;
  }

  private static boolean isEqualCall(Term t) {
    return t instanceof Term.Call c
        && c.args().size() == 2
        && c.target() instanceof Term.CallTarget.BuiltinTarget b
        && b.name().equals("equal");
  }

  private static boolean isPrint(Term t) {
    return t instanceof Term.Call c
        && c.target() instanceof Term.CallTarget.BuiltinTarget b
        && b.name().equals("print");
  }
}
