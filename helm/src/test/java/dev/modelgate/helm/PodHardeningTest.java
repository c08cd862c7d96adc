package dev.modelgate.helm;

import static dev.modelgate.helm.Manifests.at;
import static dev.modelgate.helm.Manifests.list;
import static dev.modelgate.helm.Manifests.map;
import static dev.modelgate.helm.Manifests.str;
import static dev.modelgate.helm.Manifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every pod ModelGate runs is hardened, whatever values are used. */
class PodHardeningTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        ValueSets.DEFAULTS,
        ValueSets.CERT_MANAGER,
        ValueSets.CUSTOM_EXEMPT,
        ValueSets.EVERYTHING_ON,
        // Platforms that assign their own UIDs: hardening must survive unsetting them.
        "securityContext: {runAsUser: null, runAsGroup: null, fsGroup: null}"
      })
  void everyContainerIsHardened(String values) {
    Manifests m = ChartUnderTest.render(values);
    List<Map<String, Object>> workloads = m.ofKind("Deployment");
    assertThat(workloads).hasSize(2);
    for (Map<String, Object> workload : workloads) {
      Map<String, Object> pod = map(workload, "spec.template.spec");
      assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(str(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
      assertThat(at(pod, "hostNetwork")).isNotEqualTo(true);
      assertThat(at(pod, "hostPID")).isNotEqualTo(true);

      List<Map<String, Object>> containers = new ArrayList<>(list(pod, "containers"));
      containers.addAll(list(pod, "initContainers"));
      assertThat(containers).isNotEmpty();
      for (Map<String, Object> c : containers) {
        String who = str(workload, "metadata.name") + "/" + str(c, "name");
        Map<String, Object> sc = map(c, "securityContext");
        assertThat(sc.get("runAsNonRoot")).as(who).isEqualTo(true);
        assertThat(sc.get("readOnlyRootFilesystem")).as(who).isEqualTo(true);
        assertThat(sc.get("allowPrivilegeEscalation")).as(who).isEqualTo(false);
        assertThat(sc.get("privileged")).as(who).isEqualTo(false);
        assertThat(strings(sc, "capabilities.drop")).as(who).containsExactly("ALL");
        assertThat(at(sc, "capabilities.add")).as(who).isNull();
        assertThat(str(sc, "seccompProfile.type")).as(who).isEqualTo("RuntimeDefault");
        assertThat(str(c, "resources.limits.memory")).as(who).isNotBlank();
        assertThat(str(c, "resources.requests.cpu")).as(who).isNotBlank();
        assertThat(at(c, "livenessProbe")).as(who).isNotNull();
        assertThat(at(c, "readinessProbe")).as(who).isNotNull();
        // A read-only root needs a writable /tmp for the JVM.
        assertThat(list(c, "volumeMounts"))
            .as(who)
            .anyMatch(v -> "/tmp".equals(v.get("mountPath")));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ValueSets.DEFAULTS, "securityContext: {runAsUser: 1000}"})
  void containersRunAsTheConfiguredUser(String values) {
    Map<String, Object> expected =
        ChartUnderTest.loadMap(values.isEmpty() ? "securityContext: {runAsUser: 65532}" : values);
    Object uid = at(expected, "securityContext.runAsUser");
    for (Map<String, Object> workload : ChartUnderTest.render(values).ofKind("Deployment")) {
      for (Map<String, Object> c : list(workload, "spec.template.spec.containers")) {
        assertThat(at(c, "securityContext.runAsUser")).isEqualTo(uid);
      }
    }
  }
}
