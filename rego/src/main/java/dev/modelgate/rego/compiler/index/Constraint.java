package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.Value;
import java.util.List;

/**
 * What one rule needs of an {@link IndexKey}'s value for its body to have any chance to succeed.
 */
sealed interface Constraint {

  /** Is a resolved (defined) value compatible with the constraint? */
  boolean admits(Value v);

  /** The value must equal this scalar. */
  record Equal(Value value) implements Constraint {
    @Override
    public boolean admits(Value v) {
      return value.equals(v);
    }
  }

  /** The value must merely be defined ({@code x := input.a}, a bare {@code input.flag}). */
  record Defined() implements Constraint {
    @Override
    public boolean admits(Value v) {
      return true;
    }
  }

  /**
   * The value must be an array of this length whose elements equal the given scalars; a null
   * element matches anything ({@code input.pair = [x, "b"]}).
   */
  record ArrayShape(List<Value> elements) implements Constraint {
    @Override
    public boolean admits(Value v) {
      if (!(v instanceof ArrayValue a) || a.size() != elements.size()) {
        return false;
      }
      for (int i = 0; i < elements.size(); i++) {
        Value e = elements.get(i);
        if (e != null && !e.equals(a.get(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
