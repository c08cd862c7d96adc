package dev.modelgate.rego.compiler;

import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of OPA's type checker (checkExprEq in v1/ast/check.go) that needs no type inference:
 * unifying two literals whose shapes can never match is a compile-time {@code rego_type_error:
 * match error}, e.g. {@code [a, b] = [1, 2, 3]}, {@code {"a": x} = {"b": 1}} or {@code [x] = {"k":
 * 1}}. Only literal structure is compared (arrays by length, objects by their constant keys,
 * scalars by kind); a variable, reference, call or comprehension matches anything, so nothing OPA
 * accepts is rejected. {@code some v in coll} is checked as OPA rewrites it, {@code v = coll[_]}:
 * the pattern must fit at least one element of a literal collection.
 */
final class ShapeCheck {
  private final List<RegoError> errors;

  ShapeCheck(List<RegoError> errors) {
    this.errors = errors;
  }

  void body(List<Literal> body) {
    for (Literal l : body) {
      literal(l);
    }
  }

  private void literal(Literal l) {
    switch (l.expr()) {
      case Expr.Unify u -> pair(l, u.left(), u.right());
      case Expr.Assign a -> pair(l, a.left(), a.right());
      case Expr.SomeIn si -> {
        closures(si.value());
        closures(si.collection());
        List<Shape> elements = elements(si.collection());
        Shape pattern = shape(si.value());
        if (elements != null && !elements.isEmpty() && pattern != null) {
          boolean any = false;
          for (Shape e : elements) {
            any |= fits(pattern, e);
          }
          if (!any) {
            mismatch(l);
          }
        }
      }
      case Expr.TermExpr t -> closures(t.term());
      case Expr.Every ev -> {
        closures(ev.domain());
        body(ev.body());
      }
      case Expr.SomeDecl d -> {}
    }
  }

  private void pair(Literal l, Term left, Term right) {
    closures(left);
    closures(right);
    Shape a = shape(left);
    Shape b = shape(right);
    if (a != null && b != null && !fits(a, b)) {
      mismatch(l);
    }
  }

  private void mismatch(Literal l) {
    errors.add(new RegoError("rego_type_error", "match error", l.loc()));
  }

  /** Checks the bodies of comprehensions inside a term. */
  private void closures(Term t) {
    switch (t) {
      case Term.ArrayCompr c -> body(c.body());
      case Term.SetCompr c -> body(c.body());
      case Term.ObjectCompr c -> body(c.body());
      case Term.ArrayTerm a -> a.items().forEach(this::closures);
      case Term.SetTerm a -> a.items().forEach(this::closures);
      case Term.ObjectTerm o -> {
        o.keys().forEach(this::closures);
        o.values().forEach(this::closures);
      }
      case Term.Call c -> c.args().forEach(this::closures);
      case Term.Ref r -> {
        closures(r.head());
        r.path().forEach(this::closures);
      }
      default -> {}
    }
  }

  // ------------------------------------------------------------------ shapes

  /** What is known of a term's value: a kind, with its elements for arrays and objects. */
  private record Shape(String kind, List<Shape> items, List<Value> keys) {}

  private static Shape scalar(String kind) {
    return new Shape(kind, null, null);
  }

  /** The shape of a literal term, or null when it can be anything. */
  private static Shape shape(Term t) {
    return switch (t) {
      case Term.Scalar s -> shape(s.value());
      case Term.ArrayTerm a -> {
        List<Shape> items = new ArrayList<>();
        a.items().forEach(x -> items.add(shape(x)));
        yield new Shape("array", items, null);
      }
      case Term.SetTerm s -> scalar("set");
      case Term.ObjectTerm o -> {
        List<Value> keys = new ArrayList<>();
        for (Term k : o.keys()) {
          if (!(k instanceof Term.Scalar ks)) {
            yield null;
          }
          keys.add(ks.value());
        }
        List<Shape> values = new ArrayList<>();
        o.values().forEach(x -> values.add(shape(x)));
        yield new Shape("object", values, keys);
      }
      default -> null;
    };
  }

  private static Shape shape(Value v) {
    return switch (v) {
      case ArrayValue a -> {
        List<Shape> items = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          items.add(shape(a.get(i)));
        }
        yield new Shape("array", items, null);
      }
      case ObjectValue o -> {
        List<Value> keys = new ArrayList<>(o.entries().keySet());
        List<Shape> values = new ArrayList<>();
        for (Value k : keys) {
          values.add(shape(o.get(k)));
        }
        yield new Shape("object", values, keys);
      }
      case SetValue s -> scalar("set");
      case StringValue s -> scalar("string");
      case NumberValue n -> scalar("number");
      case BooleanValue b -> scalar("boolean");
      case NullValue n -> scalar("null");
      default -> null;
    };
  }

  /** Shapes of the elements of a literal collection ({@code coll[_]}), or null if unknown. */
  private static List<Shape> elements(Term coll) {
    List<Shape> out = new ArrayList<>();
    switch (coll) {
      case Term.ArrayTerm a -> a.items().forEach(x -> out.add(shape(x)));
      case Term.SetTerm s -> s.items().forEach(x -> out.add(shape(x)));
      case Term.ObjectTerm o -> o.values().forEach(x -> out.add(shape(x)));
      case Term.Scalar s when s.value() instanceof ArrayValue a -> {
        for (int i = 0; i < a.size(); i++) {
          out.add(shape(a.get(i)));
        }
      }
      case Term.Scalar s when s.value() instanceof SetValue sv -> {
        for (Value x : sv.items()) {
          out.add(shape(x));
        }
      }
      case Term.Scalar s when s.value() instanceof ObjectValue o -> {
        for (Value x : o.entries().values()) {
          out.add(shape(x));
        }
      }
      default -> {
        return null;
      }
    }
    return out;
  }

  /** Can values of these two shapes ever unify? Unknown parts (null) always can. */
  private static boolean fits(Shape a, Shape b) {
    if (a == null || b == null) {
      return true;
    }
    if (!a.kind().equals(b.kind())) {
      return false;
    }
    if (a.kind().equals("array")) {
      if (a.items().size() != b.items().size()) {
        return false;
      }
      for (int i = 0; i < a.items().size(); i++) {
        if (!fits(a.items().get(i), b.items().get(i))) {
          return false;
        }
      }
    }
    if (a.kind().equals("object")) {
      Set<Value> ka = new HashSet<>(a.keys());
      if (!ka.equals(new HashSet<>(b.keys()))) {
        return false;
      }
      for (int i = 0; i < a.keys().size(); i++) {
        int j = b.keys().indexOf(a.keys().get(i));
        if (!fits(a.items().get(i), b.items().get(j))) {
          return false;
        }
      }
    }
    return true;
  }
}
