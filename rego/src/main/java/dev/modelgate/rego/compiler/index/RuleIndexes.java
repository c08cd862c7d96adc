package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.compiler.RuleNode;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.List;

/** Builds the rule index of every rule set in a compiled rule tree (once, at compile time). */
public final class RuleIndexes {
  private RuleIndexes() {}

  /** Sets {@link RuleNode#ruleIndex} and {@link RuleNode#functionIndex} throughout the tree. */
  public static void build(RuleNode root) {
    walk(root, path -> isVirtual(root, path));
  }

  private static void walk(RuleNode node, java.util.function.Predicate<List<Value>> isVirtual) {
    node.ruleIndex = RuleIndex.build(node.rules, isVirtual);
    node.functionIndex = RuleIndex.build(node.functions, isVirtual);
    for (RuleNode c : node.children.values()) {
      walk(c, isVirtual);
    }
  }

  /**
   * Does a rule define (part of) the document at this data path? True if rules sit at a node on the
   * way or if the path ends at a node of the rule tree (rules, or a package, below it).
   */
  static boolean isVirtual(RuleNode root, List<Value> path) {
    RuleNode node = root;
    for (Value key : path) {
      if (node.hasValueRules() || !node.functions.isEmpty() || node.defaultFunction != null) {
        return true;
      }
      RuleNode child = key instanceof StringValue s ? node.children.get(s.value()) : null;
      if (child == null) {
        return false;
      }
      node = child;
    }
    return true;
  }
}
