package dev.modelgate.helm;

import static dev.modelgate.helm.ChartUnderTest.NAMESPACE;
import static dev.modelgate.helm.Manifests.at;
import static dev.modelgate.helm.Manifests.list;
import static dev.modelgate.helm.Manifests.map;
import static dev.modelgate.helm.Manifests.str;
import static dev.modelgate.helm.Manifests.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two Deployments, their Services, the PDB and the store. */
class WorkloadsTest {

  private final Manifests defaults = ChartUnderTest.render(ValueSets.DEFAULTS);

  @Test
  void webhookIsHighlyAvailable() {
    Map<String, Object> deployment = defaults.one("Deployment", "mg-modelgate-webhook");
    assertThat((Integer) at(deployment, "spec.replicas")).isGreaterThanOrEqualTo(2);
    assertThat(at(deployment, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
    Map<String, Object> podLabels = map(deployment, "spec.template.metadata.labels");

    Map<String, Object> pdb = defaults.one("PodDisruptionBudget", "mg-modelgate-webhook");
    assertThat(at(pdb, "spec.minAvailable")).isEqualTo(1);
    assertThat(podLabels).containsAllEntriesOf(map(pdb, "spec.selector.matchLabels"));

    List<Map<String, Object>> antiAffinity =
        list(
            deployment,
            "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution");
    assertThat(antiAffinity).hasSize(1);
    assertThat(str(antiAffinity.get(0), "podAffinityTerm.topologyKey"))
        .isEqualTo("kubernetes.io/hostname");
    assertThat(podLabels)
        .containsAllEntriesOf(
            map(antiAffinity.get(0), "podAffinityTerm.labelSelector.matchLabels"));
  }

  @Test
  void hardAntiAffinityIsRequired() {
    Map<String, Object> deployment =
        ChartUnderTest.render(ValueSets.EVERYTHING_ON).one("Deployment", "mg-modelgate-webhook");
    assertThat(at(deployment, "spec.replicas")).isEqualTo(3);
    assertThat(
            list(
                deployment,
                "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"))
        .hasSize(1);
  }

  @Test
  void webhookServiceSelectsOnlyWebhookPodsAndTargetsANamedPort() {
    Map<String, Object> service = defaults.one("Service", "mg-modelgate-webhook");
    Map<String, Object> deployment = defaults.one("Deployment", "mg-modelgate-webhook");
    assertThat(map(deployment, "spec.template.metadata.labels"))
        .containsAllEntriesOf(map(service, "spec.selector"));
    assertThat(
            map(
                defaults.one("Deployment", "mg-modelgate-operator"),
                "spec.template.metadata.labels"))
        .doesNotContainEntry("app.kubernetes.io/component", "webhook");
    List<String> containerPorts =
        list(deployment, "spec.template.spec.containers").stream()
            .flatMap(c -> list(c, "ports").stream())
            .map(p -> str(p, "name"))
            .toList();
    for (Map<String, Object> port : list(service, "spec.ports")) {
      assertThat(containerPorts).contains(str(port, "targetPort"));
    }
    assertThat(list(service, "spec.ports"))
        .anyMatch(
            p -> Integer.valueOf(443).equals(p.get("port")) && "https".equals(p.get("targetPort")));
    // The operator's Service only exposes its metrics, and selects only operator pods.
    Map<String, Object> operatorService = defaults.one("Service", "mg-modelgate-operator");
    assertThat(
            map(
                defaults.one("Deployment", "mg-modelgate-operator"),
                "spec.template.metadata.labels"))
        .containsAllEntriesOf(map(operatorService, "spec.selector"));
    assertThat(list(operatorService, "spec.ports"))
        .singleElement()
        .satisfies(p -> assertThat(str(p, "targetPort")).isEqualTo("health"))
        .satisfies(p -> assertThat(str(p, "name")).isEqualTo("metrics"));
    assertThat(defaults.ofKind("Service")).hasSize(2);
  }

  @Test
  void operatorElectsALeaderInTheReleaseNamespace() {
    Map<String, Object> deployment = defaults.one("Deployment", "mg-modelgate-operator");
    List<String> args = strings(list(deployment, "spec.template.spec.containers").get(0), "args");
    assertThat(args.get(0)).isEqualTo("operator");
    assertThat(args)
        .contains(
            "--leader-election",
            "--lease-namespace=" + NAMESPACE,
            "--endpoint=https://huggingface.co",
            "--health-port=8081");
    assertThat(str(deployment, "spec.strategy.type")).isEqualTo("Recreate");
    Map<String, Object> container = list(deployment, "spec.template.spec.containers").get(0);
    assertThat(str(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
    assertThat(str(container, "readinessProbe.httpGet.port")).isEqualTo("health");

    Map<String, Object> off =
        ChartUnderTest.render("operator: {leaderElection: {enabled: false}}")
            .one("Deployment", "mg-modelgate-operator");
    assertThat(strings(list(off, "spec.template.spec.containers").get(0), "args"))
        .contains("--no-leader-election")
        .doesNotContain("--leader-election");
  }

  @Test
  void storeIsAKeptClaimMountedByTheOperator() {
    Map<String, Object> pvc = defaults.one("PersistentVolumeClaim", "mg-modelgate-store");
    assertThat(str(pvc, "metadata.annotations.helm.sh/resource-policy")).isEqualTo("keep");
    assertThat(str(pvc, "spec.resources.requests.storage")).isEqualTo("200Gi");
    assertThat(strings(pvc, "spec.accessModes")).containsExactly("ReadWriteOnce");

    Map<String, Object> pod =
        map(defaults.one("Deployment", "mg-modelgate-operator"), "spec.template.spec");
    assertThat(list(pod, "volumes"))
        .anyMatch(v -> "mg-modelgate-store".equals(str(v, "persistentVolumeClaim.claimName")));
    Map<String, Object> container = list(pod, "containers").get(0);
    assertThat(list(container, "volumeMounts"))
        .anyMatch(v -> "/var/lib/modelgate/store".equals(v.get("mountPath")));
    assertThat(strings(container, "args")).contains("--store=/var/lib/modelgate/store");
  }

  @Test
  void existingClaimIsUsedAndNotCreated() {
    Manifests m = ChartUnderTest.render("store: {persistence: {existingClaim: shared-models}}");
    assertThat(m.ofKind("PersistentVolumeClaim")).isEmpty();
    assertThat(list(m.one("Deployment", "mg-modelgate-operator"), "spec.template.spec.volumes"))
        .anyMatch(v -> "shared-models".equals(str(v, "persistentVolumeClaim.claimName")));
  }

  @Test
  void twoOperatorsOnAReadWriteOnceStoreIsRefused() {
    assertThatThrownBy(() -> ChartUnderTest.render("operator: {replicas: 2}"))
        .hasMessageContaining("ReadWriteMany");
    Manifests rwx = ChartUnderTest.render(ValueSets.EVERYTHING_ON);
    assertThat(at(rwx.one("Deployment", "mg-modelgate-operator"), "spec.replicas")).isEqualTo(2);
    assertThat(str(rwx.one("PersistentVolumeClaim", "mg-modelgate-store"), "spec.storageClassName"))
        .isEqualTo("nfs");
  }

  @Test
  void networkPoliciesAdmitOnlyTheServedPorts() {
    Map<String, Object> webhook = defaults.one("NetworkPolicy", "mg-modelgate-webhook");
    assertThat(strings(webhook, "spec.policyTypes")).containsExactly("Ingress");
    assertThat(
            list(webhook, "spec.ingress").stream()
                .flatMap(r -> list(r, "ports").stream())
                .map(p -> str(p, "port")))
        .containsExactly("https");
    Map<String, Object> operator = defaults.one("NetworkPolicy", "mg-modelgate-operator");
    assertThat(strings(operator, "spec.policyTypes")).containsExactly("Ingress");
    assertThat(
            list(operator, "spec.ingress").stream()
                .flatMap(r -> list(r, "ports").stream())
                .map(p -> str(p, "port")))
        .containsExactly("health");

    Manifests strict = ChartUnderTest.render(ValueSets.EVERYTHING_ON);
    Map<String, Object> strictOperator = strict.one("NetworkPolicy", "mg-modelgate-operator");
    assertThat(strings(strictOperator, "spec.policyTypes")).containsExactly("Ingress", "Egress");
    assertThat(list(strictOperator, "spec.egress"))
        .anyMatch(
            r ->
                list(r, "ports").stream().anyMatch(p -> Integer.valueOf(443).equals(p.get("port")))
                    && r.get("to") != null);
    assertThat(ChartUnderTest.render("networkPolicy: {enabled: false}").ofKind("NetworkPolicy"))
        .isEmpty();
  }

  @Test
  void serviceMonitorIsOptionalAndScrapesBothComponents() {
    assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
    Map<String, Object> monitor =
        ChartUnderTest.render(ValueSets.EVERYTHING_ON).one("ServiceMonitor", "mg-modelgate");
    assertThat(str(monitor, "metadata.labels.release")).isEqualTo("prometheus");
    List<Map<String, Object>> endpoints = list(monitor, "spec.endpoints");
    assertThat(endpoints.stream().map(e -> str(e, "port"))).containsExactly("metrics", "https");
    assertThat(str(endpoints.get(0), "path")).isEqualTo("/metrics");
    Map<String, Object> https = endpoints.get(1);
    assertThat(str(https, "port")).isEqualTo("https");
    assertThat(str(https, "path")).isEqualTo("/metrics");
    assertThat(str(https, "scheme")).isEqualTo("https");
    // Verified against the webhook's own CA, not skipped.
    assertThat(str(https, "tlsConfig.ca.secret.name")).isEqualTo("mg-modelgate-webhook-tls");
    assertThat(at(https, "tlsConfig.insecureSkipVerify")).isNull();
    assertThat(str(https, "tlsConfig.serverName"))
        .isEqualTo("mg-modelgate-webhook." + NAMESPACE + ".svc");
    for (String component : List.of("operator", "webhook")) {
      Map<String, Object> service = defaults.one("Service", "mg-modelgate-" + component);
      assertThat(map(service, "metadata.labels"))
          .containsAllEntriesOf(map(monitor, "spec.selector.matchLabels"));
    }
  }

  @Test
  void webhookProbesItsHttpsPortAndKnowsTheStoreClaim() {
    Map<String, Object> container =
        list(defaults.one("Deployment", "mg-modelgate-webhook"), "spec.template.spec.containers")
            .get(0);
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(str(container, probe + ".httpGet.scheme")).as(probe).isEqualTo("HTTPS");
      assertThat(str(container, probe + ".httpGet.port")).as(probe).isEqualTo("https");
    }
    assertThat(str(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
    assertThat(strings(container, "args"))
        .startsWith("webhook")
        .contains(
            "--cert=/etc/modelgate/tls/tls.crt",
            "--key=/etc/modelgate/tls/tls.key",
            "--default-mode=enforce",
            "--missing-model=deny",
            "--store-claim=mg-modelgate-store");
    assertThat(list(container, "volumeMounts"))
        .anyMatch(
            v ->
                "/etc/modelgate/tls".equals(v.get("mountPath"))
                    && Boolean.TRUE.equals(v.get("readOnly")));
  }

  @Test
  void imageDefaultsToTheChartAppVersion() {
    String image =
        str(
            list(
                    defaults.one("Deployment", "mg-modelgate-webhook"),
                    "spec.template.spec.containers")
                .get(0),
            "image");
    assertThat(image).isEqualTo("modelgate/modelgate:0.1.0");
  }
}
