package dev.modelgate.policies.epm;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles ModelPolicies and remembers the result per (name, spec), so that re-evaluating a
 * thousand HFModels after one policy edit compiles that one policy once, not a thousand times.
 */
public final class PolicyCatalog {

  private final ModelPolicyCompiler compiler = new ModelPolicyCompiler();
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(ModelPolicySpec spec, PolicyCompilation compilation) {}

  /**
   * The compilation of one policy, from cache when its spec is unchanged.
   *
   * @param name the ModelPolicy's name
   */
  public PolicyCompilation compile(String name, ModelPolicySpec spec) {
    Entry cached = cache.get(name);
    if (cached != null && Objects.equals(cached.spec(), spec)) {
      return cached.compilation();
    }
    PolicyCompilation compilation = compiler.compile(name, spec);
    cache.put(name, new Entry(copy(spec), compilation));
    return compilation;
  }

  /**
   * The policies evaluation should run: enabled ones that compile. Invalid and disabled policies
   * are skipped (the ModelPolicy reconciler reports invalid ones in their own status).
   */
  public List<CompiledModelPolicy> active(List<ModelPolicy> policies) {
    List<CompiledModelPolicy> out = new ArrayList<>();
    for (ModelPolicy p : policies) {
      ModelPolicySpec spec = p.getSpec();
      if (spec == null
          || !spec.isEffectivelyEnabled()
          || p.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      PolicyCompilation c = compile(p.getMetadata().getName(), spec);
      if (c.isValid()) {
        out.add(c.policy());
      }
    }
    out.sort(PolicyEngine.ORDER);
    return out;
  }

  /** Forgets a deleted policy. */
  public void forget(String name) {
    cache.remove(name);
  }

  /** A detached copy, so a later in-place edit of the informer's object cannot alias the key. */
  private static ModelPolicySpec copy(ModelPolicySpec spec) {
    ModelPolicySpec c = new ModelPolicySpec();
    c.setDescription(spec.getDescription());
    c.setEnabled(spec.getEnabled());
    c.setPrecedence(spec.getPrecedence());
    c.setTerminal(spec.getTerminal());
    c.setQuery(spec.getQuery());
    c.setRego(spec.getRego());
    c.setActions(spec.getActions() == null ? null : List.copyOf(spec.getActions()));
    return c;
  }
}
