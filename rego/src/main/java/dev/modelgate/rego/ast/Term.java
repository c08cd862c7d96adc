package dev.modelgate.rego.ast;

import dev.modelgate.rego.value.Value;
import java.util.List;

/** A Rego term: scalar, variable, reference, composite, comprehension or call. */
public sealed interface Term {
  Location loc();

  /** A constant value (string, number, boolean, null, or a ground composite). */
  record Scalar(Value value, Location loc) implements Term {}

  /** A variable. Wildcards {@code _} get unique names at parse time. */
  record Var(String name, Location loc) implements Term {
    public boolean isWildcard() {
      return name.startsWith("_$");
    }
  }

  /** {@code head.path[...]}: head is a Var (data, input, or local) or any other term. */
  record Ref(Term head, List<Term> path, Location loc) implements Term {}

  record ArrayTerm(List<Term> items, Location loc) implements Term {}

  record SetTerm(List<Term> items, Location loc) implements Term {}

  record ObjectTerm(List<Term> keys, List<Term> values, Location loc) implements Term {}

  record ArrayCompr(Term head, List<Literal> body, Location loc) implements Term {}

  record SetCompr(Term head, List<Literal> body, Location loc) implements Term {}

  record ObjectCompr(Term key, Term value, List<Literal> body, Location loc) implements Term {}

  /**
   * A call. {@code name} is the dotted operator name as written ({@code "count"}, {@code
   * "data.lib.f"}, {@code "lib.f"}); the compiler resolves it into {@code target}.
   */
  record Call(String name, List<Term> args, Location loc, CallTarget target) implements Term {
    public Call withTarget(CallTarget t) {
      return new Call(name, args, loc, t);
    }

    public Call withArgs(List<Term> a) {
      return new Call(name, a, loc, target);
    }
  }

  /** What a call refers to after compilation. */
  sealed interface CallTarget {
    /** A builtin by name. */
    record BuiltinTarget(String name) implements CallTarget {}

    /** A user function at this data path ({@code data.pkg.f} as segments). */
    record FunctionTarget(List<String> path) implements CallTarget {}
  }
}
