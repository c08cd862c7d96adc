package dev.modelgate.rego.compiler;

import dev.modelgate.rego.compiler.index.RuleIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One node of the data tree formed by packages and rule heads. */
public final class RuleNode {
  public final String name;
  public final List<String> path;
  public final Map<String, RuleNode> children = new LinkedHashMap<>();

  /** Value rules (complete, partial set, partial object, ref heads) whose static path ends here. */
  public final List<CompiledRule> rules = new ArrayList<>();

  public final List<CompiledRule> functions = new ArrayList<>();
  public CompiledRule defaultRule;
  public CompiledRule defaultFunction;

  /** Index over {@link #rules}, or null when none of them states an indexable condition. */
  public RuleIndex ruleIndex;

  /** Index over {@link #functions}, or null likewise. */
  public RuleIndex functionIndex;

  RuleNode(String name, List<String> path) {
    this.name = name;
    this.path = path;
  }

  RuleNode child(String n) {
    return children.computeIfAbsent(
        n,
        k -> {
          List<String> p = new ArrayList<>(path);
          p.add(k);
          return new RuleNode(k, List.copyOf(p));
        });
  }

  /** The node at a relative path, or null. */
  public RuleNode find(List<String> rel) {
    RuleNode n = this;
    for (String s : rel) {
      n = n.children.get(s);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  public boolean hasValueRules() {
    return !rules.isEmpty() || defaultRule != null;
  }

  /** True if any value rule has dynamic head terms at or below this node. */
  public boolean isLeaf() {
    return children.isEmpty();
  }
}
