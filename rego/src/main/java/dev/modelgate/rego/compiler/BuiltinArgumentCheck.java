package dev.modelgate.rego.compiler;

import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.builtins.Builtin;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.BuiltinSignatures;
import dev.modelgate.rego.types.RegoType;
import dev.modelgate.rego.types.RegoType.AnyType;
import dev.modelgate.rego.types.RegoType.ArrayType;
import dev.modelgate.rego.types.RegoType.ObjectType;
import dev.modelgate.rego.types.RegoType.Property;
import dev.modelgate.rego.types.RegoType.SetType;
import dev.modelgate.rego.types.Signature;
import dev.modelgate.rego.types.Types;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * OPA's compile-time check of builtin calls (checkExprBuiltin and unify1 in v1/ast/check.go): an
 * operand whose type is certain and cannot be of the declared type is a {@code rego_type_error}
 * "{@code <name>: invalid argument(s)}" at the call, e.g. {@code upper(1)}, {@code count(true)},
 * {@code concat(",", "a")}.
 *
 * <p>Certain means: constants, composite literals (checked element by element, as OPA does),
 * comprehensions (their kind), and calls of builtins whose own operands passed (their declared
 * result type). Variables, references and user functions are unknown and never an error: OPA may
 * infer more, but nothing OPA accepts is rejected here. An output operand ({@code count(xs, n)}) is
 * checked against the result type where the call is a whole body expression; other operand counts
 * are left to the arity check.
 */
final class BuiltinArgumentCheck {
  private final BuiltinRegistry builtins;

  BuiltinArgumentCheck(BuiltinRegistry builtins) {
    this.builtins = builtins;
  }

  /**
   * Adds the error for a resolved call, if any, to {@code errors}. A call that is a whole body
   * expression may have an output operand ({@code count(xs, n)}), checked against the result type.
   * A nested call gets an output variable in OPA (shown as {@code ???} among the operand types);
   * with one operand too many it is the arity check's to report.
   */
  void report(Term.Call call, boolean wholeExpression, List<RegoError> errors) {
    RegoError e = check(call, wholeExpression);
    if (e != null) {
      errors.add(e);
    }
  }

  /** The error for this call, or null if it may be fine. */
  private RegoError check(Term.Call call, boolean wholeExpression) {
    Signature sig = signature(call);
    int n = call.args().size();
    if (sig == null || (n != sig.arity() && !(wholeExpression && n == sig.arity() + 1))) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (!accepts(call.args().get(i), sig.operand(i))) {
        List<String> have = new ArrayList<>();
        call.args().forEach(a -> have.add(Types.print(typeOf(a))));
        if (n == sig.arity() && !wholeExpression) {
          have.add(Types.print(null));
        }
        return new RegoError(
            "rego_type_error",
            call.name()
                + ": invalid argument(s)\n\thave: ("
                + String.join(", ", have)
                + ")\n\twant: "
                + sig.want(),
            call.loc());
      }
    }
    return null;
  }

  /** The declared type of the builtin a call targets; null for user functions and unknowns. */
  private Signature signature(Term.Call call) {
    if (!(call.target() instanceof Term.CallTarget.BuiltinTarget b)) {
      return null;
    }
    Signature sig = BuiltinSignatures.of(b.name());
    if (sig == null) {
      return null;
    }
    Builtin registered = builtins.lookup(b.name());
    if (registered != null) {
      // An embedder's own builtin under a standard name is not bound by OPA's declaration.
      return registered.arity() == sig.arity() ? sig : null;
    }
    return Compiler.ENGINE_CALLS.containsKey(b.name()) ? sig : null;
  }

  /**
   * The type a call's value certainly has: its declared result when its operands passed (an operand
   * error makes it unknown, as OPA leaves the output untyped), else null.
   */
  private RegoType resultType(Term.Call call) {
    Signature sig = signature(call);
    if (sig == null || call.args().size() != sig.arity() || check(call, false) != null) {
      return null;
    }
    return sig.result().type();
  }

  /** May this term be of type {@code want}? False only when it certainly cannot (unify1). */
  private boolean accepts(Term t, RegoType want) {
    return switch (t) {
      case Term.Scalar s -> acceptsValue(s.value(), want);
      case Term.ArrayTerm a -> acceptsArray(a.items().size(), i -> a.items().get(i), want);
      case Term.SetTerm s -> acceptsSet(s.items(), want);
      case Term.ObjectTerm o -> acceptsObject(o, want);
      case Term.ArrayCompr c -> Types.unifies(typeOf(c), want);
      case Term.SetCompr c -> Types.unifies(typeOf(c), want);
      case Term.ObjectCompr c -> Types.unifies(typeOf(c), want);
      case Term.Call c -> {
        RegoType result = resultType(c);
        yield result == null || Types.unifies(result, want);
      }
      case Term.Var v -> true;
      case Term.Ref r -> true;
    };
  }

  private boolean acceptsValue(Value v, RegoType want) {
    return switch (v) {
      case ArrayValue a ->
          acceptsArray(a.size(), i -> new Term.Scalar(a.items().get(i), null), want);
      case SetValue s -> {
        List<Term> items = new ArrayList<>(s.size());
        s.items().forEach(x -> items.add(new Term.Scalar(x, null)));
        yield acceptsSet(items, want);
      }
      case ObjectValue o -> acceptsObjectEntries(o.entries(), want);
      default -> Types.unifies(Types.ofValue(v), want);
    };
  }

  /** A composite literal against {@code any<...>}: fits if it fits one member. */
  private boolean acceptsAlternatives(AnyType want, Predicate<RegoType> fits) {
    return want.isEverything() || want.of().stream().anyMatch(fits);
  }

  private boolean acceptsArray(int size, IntFunction<Term> item, RegoType want) {
    if (want instanceof AnyType any) {
      return acceptsAlternatives(any, w -> acceptsArray(size, item, w));
    }
    if (!(want instanceof ArrayType arr)) {
      return false;
    }
    if (size != arr.statics().size() && arr.dynamic() == null) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!accepts(item.apply(i), arr.select(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean acceptsSet(List<Term> items, RegoType want) {
    if (want instanceof AnyType any) {
      return acceptsAlternatives(any, w -> acceptsSet(items, w));
    }
    if (!(want instanceof SetType set)) {
      return false;
    }
    return items.stream().allMatch(x -> accepts(x, set.of()));
  }

  private boolean acceptsObject(Term.ObjectTerm o, RegoType want) {
    if (want instanceof AnyType any) {
      return acceptsAlternatives(any, w -> acceptsObject(o, w));
    }
    if (!(want instanceof ObjectType obj)) {
      return false;
    }
    if (o.keys().size() != obj.statics().size() && obj.dynamicKey() == null) {
      return false;
    }
    for (int i = 0; i < o.keys().size(); i++) {
      // Under a key that is not constant OPA types the value as any: nothing to check.
      if (o.keys().get(i) instanceof Term.Scalar k
          && !acceptsEntry(k.value(), o.values().get(i), obj)) {
        return false;
      }
    }
    return true;
  }

  private boolean acceptsObjectEntries(Map<Value, Value> entries, RegoType want) {
    if (want instanceof AnyType any) {
      return acceptsAlternatives(any, w -> acceptsObjectEntries(entries, w));
    }
    if (!(want instanceof ObjectType obj)) {
      return false;
    }
    if (entries.size() != obj.statics().size() && obj.dynamicKey() == null) {
      return false;
    }
    return entries.entrySet().stream()
        .allMatch(e -> acceptsEntry(e.getKey(), new Term.Scalar(e.getValue(), null), obj));
  }

  private boolean acceptsEntry(Value key, Term value, ObjectType obj) {
    RegoType child = obj.select(key);
    return child != null && accepts(value, child);
  }

  /**
   * The type of a term as OPA's type environment gives it (TypeEnv.GetByValue in v1/ast/env.go),
   * null where unknown: literals element by element, comprehensions by kind with the type of their
   * head, nested builtin calls by declared result.
   */
  private RegoType typeOf(Term t) {
    return switch (t) {
      case Term.Scalar s -> Types.ofValue(s.value());
      case Term.ArrayTerm a -> {
        if (a.items().isEmpty()) {
          yield new ArrayType(List.of(), RegoType.ANY);
        }
        List<RegoType> statics = new ArrayList<>(a.items().size());
        a.items().forEach(x -> statics.add(typeOf(x)));
        yield new ArrayType(statics, null);
      }
      case Term.SetTerm s -> {
        RegoType of = null;
        for (Term x : s.items()) {
          of = Types.or(of, typeOf(x));
        }
        yield new SetType(of == null ? RegoType.ANY : of);
      }
      case Term.ObjectTerm o -> {
        List<Property> props = new ArrayList<>();
        for (int i = 0; i < o.keys().size(); i++) {
          if (o.keys().get(i) instanceof Term.Scalar k) {
            props.add(new Property(k.value(), typeOf(o.values().get(i))));
          }
        }
        yield new ObjectType(props, null, null);
      }
      // The element type is the head's; an unknown head (a variable bound in the body) is any,
      // which accepts whatever OPA's inference might find.
      case Term.ArrayCompr c -> new ArrayType(List.of(), orAny(typeOf(c.head())));
      case Term.SetCompr c -> new SetType(orAny(typeOf(c.head())));
      case Term.ObjectCompr c ->
          ObjectType.dynamic(orAny(typeOf(c.key())), orAny(typeOf(c.value())));
      case Term.Call c -> resultType(c);
      case Term.Var v -> null;
      case Term.Ref r -> null;
    };
  }

  /** A type with every unknown part widened to any: what a term certainly fits. */
  private static RegoType orAny(RegoType t) {
    return switch (t) {
      case null -> RegoType.ANY;
      case ArrayType a ->
          new ArrayType(
              a.statics().stream().map(BuiltinArgumentCheck::orAny).toList(),
              a.dynamic() == null ? null : orAny(a.dynamic()));
      case SetType s -> new SetType(orAny(s.of()));
      case ObjectType o ->
          new ObjectType(
              o.statics().stream().map(p -> new Property(p.key(), orAny(p.value()))).toList(),
              o.dynamicKey() == null ? null : orAny(o.dynamicKey()),
              o.dynamicValue() == null ? null : orAny(o.dynamicValue()));
      default -> t;
    };
  }
}
