package dev.modelgate.policies.shipped;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.PolicyAction;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The ModelPolicies ModelGate ships ({@code policies/shipped/policies.yaml} and its {@code .rego}
 * files), as ModelPolicy resources ready to apply.
 */
public final class ShippedPolicies {

  private static final String BASE = "/dev/modelgate/policies/shipped/";

  /** The label that marks a ModelPolicy as one of ours, so upgrades can find and replace them. */
  public static final String SHIPPED_LABEL = "modelgate.dev/shipped";

  private ShippedPolicies() {}

  /** Every shipped policy, in the order of the index. */
  public static List<ModelPolicy> load() {
    List<ModelPolicy> out = new ArrayList<>();
    for (Map<String, Object> entry : index()) {
      String name = (String) entry.get("name");
      ModelPolicySpec spec = new ModelPolicySpec();
      spec.setDescription((String) entry.get("description"));
      spec.setPrecedence(((Number) entry.getOrDefault("precedence", 0)).intValue());
      spec.setTerminal((Boolean) entry.getOrDefault("terminal", false));
      spec.setEnabled((Boolean) entry.getOrDefault("enabled", true));
      spec.setRego(resource((String) entry.get("file")));
      spec.setActions(actions(entry.get("actions")));
      ModelPolicy policy = new ModelPolicy();
      policy.setMetadata(
          new ObjectMetaBuilder().withName(name).addToLabels(SHIPPED_LABEL, "true").build());
      policy.setSpec(spec);
      out.add(policy);
    }
    return out;
  }

  /** The Rego source of one shipped file, e.g. {@code trusted_publishers.rego}. */
  public static String resource(String file) {
    try (InputStream in = ShippedPolicies.class.getResourceAsStream(BASE + file)) {
      if (in == null) {
        throw new IllegalStateException("shipped policy file missing from the jar: " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> index() {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> index = yaml.load(resource("policies.yaml"));
    return (List<Map<String, Object>>) index.get("shipped_policies");
  }

  @SuppressWarnings("unchecked")
  private static List<PolicyAction> actions(Object raw) {
    List<PolicyAction> out = new ArrayList<>();
    for (Map<String, Object> a : (List<Map<String, Object>>) raw) {
      PolicyAction.Type type = PolicyAction.Type.valueOf((String) a.get("type"));
      PolicyAction.State state =
          a.get("state") == null ? null : PolicyAction.State.valueOf((String) a.get("state"));
      out.add(new PolicyAction(type, state, (List<String>) a.get("tags")));
    }
    return out;
  }
}
