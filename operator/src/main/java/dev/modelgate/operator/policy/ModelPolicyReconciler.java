package dev.modelgate.operator.policy;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicyStatus;
import dev.modelgate.crds.ModelPolicyStatus.PolicyPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;
import java.util.Objects;

/**
 * Keeps each ModelPolicy's status: {@code Ready}, or {@code Invalid} with what is wrong. Deciding
 * HFModels is not done here: the HFModel controller watches ModelPolicies and re-decides.
 */
@ControllerConfiguration(name = ModelPolicyReconciler.NAME)
public class ModelPolicyReconciler implements Reconciler<ModelPolicy> {
  public static final String NAME = "modelpolicy";
  private static final int MAX_MESSAGE = 4096;

  private final KubernetesClient client;
  private final PolicyChecker checker;

  public ModelPolicyReconciler(KubernetesClient client, PolicyChecker checker) {
    this.client = client;
    this.checker = checker;
  }

  @Override
  public UpdateControl<ModelPolicy> reconcile(ModelPolicy policy, Context<ModelPolicy> context) {
    List<String> problems;
    try {
      problems = checker.check(policy.getMetadata().getName(), policy.getSpec());
    } catch (RuntimeException e) {
      problems = List.of("could not check the policy: " + e.getMessage());
    }
    ModelPolicyStatus status =
        problems.isEmpty()
            ? new ModelPolicyStatus(PolicyPhase.Ready, "", policy.getMetadata().getGeneration())
            : new ModelPolicyStatus(
                PolicyPhase.Invalid,
                bounded(String.join("; ", problems)),
                policy.getMetadata().getGeneration());
    if (Objects.equals(status, policy.getStatus())) {
      return UpdateControl.noUpdate();
    }
    client
        .resources(ModelPolicy.class)
        .withName(policy.getMetadata().getName())
        .editStatus(
            latest -> {
              latest.setStatus(status);
              return latest;
            });
    return UpdateControl.noUpdate();
  }

  private static String bounded(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
