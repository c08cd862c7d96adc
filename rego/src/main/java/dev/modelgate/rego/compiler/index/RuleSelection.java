package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.ast.Rule;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.compiler.CompiledRule;
import dev.modelgate.rego.value.Value;
import java.util.List;

/** The rules of one rule set that may succeed for the current input, in their original order. */
public interface RuleSelection {

  /** Rule chains (first rule of each else chain) that have at least one admitted branch. */
  List<CompiledRule> rules();

  /** May this branch (a rule or one of its else rules) succeed? False ones can be skipped. */
  boolean admits(CompiledRule branch);

  /**
   * OPA's early exit: when every admitted branch is a complete rule (or function) whose value is
   * the same constant, the first branch that succeeds decides the value, so evaluation may stop
   * there (and, as in OPA, errors or prints later rules would have caused do not happen).
   */
  default boolean earlyExit() {
    Value first = null;
    for (CompiledRule r : rules()) {
      for (CompiledRule b = r; b != null; b = b.elseRule()) {
        if (!admits(b)) {
          continue;
        }
        if (b.kind() == Rule.Kind.MULTI
            || !b.dynamic().isEmpty()
            || !(b.value() instanceof Term.Scalar s)) {
          return false;
        }
        if (first == null) {
          first = s.value();
        } else if (!first.equals(s.value())) {
          return false;
        }
      }
    }
    return first != null;
  }

  /** Every rule, every branch: what evaluation without an index sees. */
  static RuleSelection all(List<CompiledRule> rules) {
    return new RuleSelection() {
      @Override
      public List<CompiledRule> rules() {
        return rules;
      }

      @Override
      public boolean admits(CompiledRule branch) {
        return true;
      }
    };
  }
}
