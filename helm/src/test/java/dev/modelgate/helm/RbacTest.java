package dev.modelgate.helm;

import static dev.modelgate.helm.ChartUnderTest.NAMESPACE;
import static dev.modelgate.helm.Manifests.list;
import static dev.modelgate.helm.Manifests.str;
import static dev.modelgate.helm.Manifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Least privilege: each component gets exactly the verbs its code uses, nothing more. */
class RbacTest {

  private final Manifests m = ChartUnderTest.render(ValueSets.DEFAULTS);

  @Test
  void webhookOnlyReadsHfModelsNamespacesAndConfigMapsByName() {
    assertThat(grants(m.one("ClusterRole", "mg-modelgate-webhook")))
        .containsExactlyInAnyOrder(
            "modelgate.dev/hfmodels get",
            "modelgate.dev/hfmodels list",
            "modelgate.dev/hfmodels watch",
            "/namespaces get",
            "/namespaces list",
            "/namespaces watch",
            // The ConfigMaps a workload takes its environment from: fetched by name on admission,
            // never listed or watched. Secrets are never read.
            "/configmaps get");
  }

  @Test
  void operatorGetsTheMinimumItsReconcilersUse() {
    assertThat(grants(m.one("ClusterRole", "mg-modelgate-operator")))
        .containsExactlyInAnyOrder(
            "modelgate.dev/hfmodels get",
            "modelgate.dev/hfmodels list",
            "modelgate.dev/hfmodels watch",
            "modelgate.dev/hfmodels patch",
            "modelgate.dev/hfmodels/status patch",
            "modelgate.dev/hfmodels/finalizers update",
            "modelgate.dev/modelpolicies get",
            "modelgate.dev/modelpolicies list",
            "modelgate.dev/modelpolicies watch",
            "modelgate.dev/modelpolicies/status patch",
            "/events create",
            // The token an HFModel names: fetched by name, never listed or watched.
            "/secrets get");
  }

  @Test
  void leaderElectionIsConfinedToTheReleaseNamespace() {
    Map<String, Object> role = m.one("Role", "mg-modelgate-operator-leader-election");
    assertThat(str(role, "metadata.namespace")).isEqualTo(NAMESPACE);
    assertThat(grants(role))
        .containsExactlyInAnyOrder(
            "coordination.k8s.io/leases get",
            "coordination.k8s.io/leases create",
            "coordination.k8s.io/leases update");
    Map<String, Object> binding = m.one("RoleBinding", "mg-modelgate-operator-leader-election");
    assertThat(str(binding, "roleRef.name")).isEqualTo("mg-modelgate-operator-leader-election");
    assertThat(subjects(binding)).containsExactly(NAMESPACE + "/mg-modelgate-operator");
  }

  @Test
  void noWildcardsAndNoWritesForTheWebhook() {
    for (Map<String, Object> role : roles()) {
      for (Map<String, Object> rule : list(role, "rules")) {
        assertThat(strings(rule, "verbs")).doesNotContain("*");
        assertThat(strings(rule, "resources")).doesNotContain("*");
        assertThat(strings(rule, "apiGroups")).doesNotContain("*");
      }
    }
    assertThat(grants(m.one("ClusterRole", "mg-modelgate-webhook")))
        .allMatch(g -> g.endsWith(" get") || g.endsWith(" list") || g.endsWith(" watch"));
  }

  @Test
  void eachDeploymentRunsAsTheServiceAccountItsRoleIsBoundTo() {
    for (String component : List.of("operator", "webhook")) {
      String name = "mg-modelgate-" + component;
      Map<String, Object> deployment = m.one("Deployment", name);
      assertThat(str(deployment, "spec.template.spec.serviceAccountName")).isEqualTo(name);
      m.one("ServiceAccount", name);
      Map<String, Object> binding = m.one("ClusterRoleBinding", name);
      assertThat(str(binding, "roleRef.kind")).isEqualTo("ClusterRole");
      assertThat(str(binding, "roleRef.name")).isEqualTo(name);
      assertThat(subjects(binding)).containsExactly(NAMESPACE + "/" + name);
    }
  }

  @Test
  void leaderElectionOffDropsTheLeaseRole() {
    Manifests off = ChartUnderTest.render("operator: {leaderElection: {enabled: false}}");
    assertThat(off.ofKind("Role")).isEmpty();
    assertThat(off.ofKind("RoleBinding")).isEmpty();
  }

  private List<Map<String, Object>> roles() {
    List<Map<String, Object>> all = new ArrayList<>(m.ofKind("ClusterRole"));
    all.addAll(m.ofKind("Role"));
    assertThat(all).hasSize(3);
    return all;
  }

  /** Flattens a role into "group/resource verb" strings, so any extra grant shows up. */
  static Set<String> grants(Map<String, Object> role) {
    Set<String> out = new TreeSet<>();
    for (Map<String, Object> rule : list(role, "rules")) {
      assertThat(strings(rule, "resourceNames")).isEmpty();
      for (String group : strings(rule, "apiGroups")) {
        for (String resource : strings(rule, "resources")) {
          for (String verb : strings(rule, "verbs")) {
            out.add(group + "/" + resource + " " + verb);
          }
        }
      }
    }
    return out;
  }

  private static List<String> subjects(Map<String, Object> binding) {
    return list(binding, "subjects").stream()
        .map(s -> str(s, "namespace") + "/" + str(s, "name"))
        .toList();
  }
}
