package dev.modelgate.helm;

import static dev.modelgate.helm.ChartUnderTest.NAMESPACE;
import static dev.modelgate.helm.Manifests.at;
import static dev.modelgate.helm.Manifests.list;
import static dev.modelgate.helm.Manifests.str;
import static dev.modelgate.helm.Manifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ValidatingWebhookConfiguration: fail-closed, fast, narrow, and never gating ModelGate itself.
 */
class WebhookConfigurationTest {

  @Test
  void workloadWebhookIsFailClosedAndShort() {
    Map<String, Object> workloads =
        webhook(ChartUnderTest.render(ValueSets.DEFAULTS), "workloads.modelgate.dev");
    assertThat(str(workloads, "failurePolicy")).isEqualTo("Fail");
    assertThat((Integer) workloads.get("timeoutSeconds")).isBetween(1, 10);
    assertThat(str(workloads, "sideEffects")).isEqualTo("None");
    assertThat(strings(workloads, "admissionReviewVersions")).containsExactly("v1");
  }

  @Test
  void workloadWebhookCoversPodsAndEveryPodTemplateKind() {
    Map<String, Object> workloads =
        webhook(ChartUnderTest.render(ValueSets.DEFAULTS), "workloads.modelgate.dev");
    assertThat(resources(workloads))
        .containsExactlyInAnyOrder(
            "/pods",
            "/pods/ephemeralcontainers",
            "/replicationcontrollers",
            "apps/deployments",
            "apps/statefulsets",
            "apps/daemonsets",
            "apps/replicasets",
            "batch/jobs",
            "batch/cronjobs",
            "serving.kserve.io/inferenceservices",
            "serving.kserve.io/llminferenceservices");
    for (Map<String, Object> rule : list(workloads, "rules")) {
      assertThat(strings(rule, "operations")).containsExactlyInAnyOrder("CREATE", "UPDATE");
      // Status writes never reach the webhook; the only subresource is ephemeral containers.
      assertThat(strings(rule, "resources"))
          .noneMatch(r -> r.contains("/") && !r.equals("pods/ephemeralcontainers"));
    }
  }

  @Test
  void resourcesWebhookValidatesModelGatesOwnKinds() {
    Map<String, Object> resources =
        webhook(ChartUnderTest.render(ValueSets.DEFAULTS), "resources.modelgate.dev");
    assertThat(resources(resources))
        .containsExactlyInAnyOrder("modelgate.dev/hfmodels", "modelgate.dev/modelpolicies");
    assertThat(str(resources, "failurePolicy")).isEqualTo("Fail");
  }

  @Test
  void defaultExemptionsIncludeKubeSystemAndTheReleaseNamespace() {
    Map<String, Object> workloads =
        webhook(ChartUnderTest.render(ValueSets.DEFAULTS), "workloads.modelgate.dev");
    assertThat(exempt(workloads)).containsExactly("kube-system", "kube-node-lease", NAMESPACE);
    assertThat(list(workloads, "namespaceSelector.matchExpressions"))
        .anyMatch(
            e ->
                "modelgate.dev/enforcement".equals(e.get("key"))
                    && "NotIn".equals(e.get("operator"))
                    && strings(e, "values").equals(List.of("off")));
  }

  @Test
  void customExemptListReplacesTheDefaultsButKeepsTheReleaseNamespace() {
    Manifests m = ChartUnderTest.render(ValueSets.CUSTOM_EXEMPT);
    Map<String, Object> workloads = webhook(m, "workloads.modelgate.dev");
    assertThat(exempt(workloads))
        .containsExactly("kube-system", "monitoring", "ml-sandbox", NAMESPACE);
    // honorEnforcementOffLabel: false leaves the exempt list as the only way out.
    assertThat(list(workloads, "namespaceSelector.matchExpressions")).hasSize(1);
    // The webhook itself is told the same list, for requests that still reach it.
    List<String> args =
        strings(
            list(m.one("Deployment", "mg-modelgate-webhook"), "spec.template.spec.containers")
                .get(0),
            "args");
    assertThat(args)
        .contains(
            "--exempt-namespace=kube-system",
            "--exempt-namespace=monitoring",
            "--exempt-namespace=ml-sandbox",
            "--exempt-namespace=" + NAMESPACE);
  }

  @Test
  void matchConditionsOnlyWhereTheApiServerSupportsThem() {
    Map<String, Object> modern =
        webhook(ChartUnderTest.render(ValueSets.DEFAULTS, "v1.30.0"), "workloads.modelgate.dev");
    assertThat(list(modern, "matchConditions").stream().map(c -> str(c, "name")))
        .containsExactly("not-from-nodes", "spec-changed");
    assertThat(str(list(modern, "matchConditions").get(0), "expression")).contains("system:nodes");

    Map<String, Object> old =
        webhook(ChartUnderTest.render(ValueSets.DEFAULTS, "v1.27.3"), "workloads.modelgate.dev");
    assertThat(at(old, "matchConditions")).isNull();
  }

  @Test
  void failurePolicyAndTimeoutAreConfigurable() {
    Manifests m =
        ChartUnderTest.render("webhook: {failurePolicy: Ignore, timeoutSeconds: 3, kserve: false}");
    Map<String, Object> workloads = webhook(m, "workloads.modelgate.dev");
    assertThat(str(workloads, "failurePolicy")).isEqualTo("Ignore");
    assertThat(workloads.get("timeoutSeconds")).isEqualTo(3);
    assertThat(resources(workloads)).noneMatch(r -> r.startsWith("serving.kserve.io/"));
  }

  static Map<String, Object> webhook(Manifests m, String name) {
    return list(m.one("ValidatingWebhookConfiguration", "mg-modelgate"), "webhooks").stream()
        .filter(w -> name.equals(w.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no webhook " + name));
  }

  private static List<String> resources(Map<String, Object> webhook) {
    return list(webhook, "rules").stream()
        .flatMap(
            r ->
                strings(r, "apiGroups").stream()
                    .flatMap(g -> strings(r, "resources").stream().map(res -> g + "/" + res)))
        .toList();
  }

  private static List<String> exempt(Map<String, Object> webhook) {
    return list(webhook, "namespaceSelector.matchExpressions").stream()
        .filter(e -> "kubernetes.io/metadata.name".equals(e.get("key")))
        .peek(e -> assertThat(e.get("operator")).isEqualTo("NotIn"))
        .flatMap(e -> strings(e, "values").stream())
        .toList();
  }
}
