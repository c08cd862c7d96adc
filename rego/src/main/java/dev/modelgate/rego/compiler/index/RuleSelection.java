package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.compiler.CompiledRule;
import java.util.List;

/** The rules of one rule set that may succeed for the current input, in their original order. */
public interface RuleSelection {

  /** Rule chains (first rule of each else chain) that have at least one admitted branch. */
  List<CompiledRule> rules();

  /** May this branch (a rule or one of its else rules) succeed? False ones can be skipped. */
  boolean admits(CompiledRule branch);

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
