package dev.modelgate.mockcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockClusterTest {

  @Test
  void servesOnLoopbackWithTheHfModelCrdInstalled() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      String host = cluster.client().getMasterUrl().getHost();
      assertThat(java.net.InetAddress.getByName(host).isLoopbackAddress()).as(host).isTrue();
      assertThat(
              cluster
                  .client()
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("hfmodels.modelgate.dev")
                  .get())
          .isNotNull();
    }
  }

  @Test
  void storesNamespacesAndHfModelsWithTheirStatus() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      cluster.namespace("ml", Map.of("modelgate.dev/enforcement", "warn"));
      cluster.hfModel("ml", "bert", "org/bert", null, Map.of("phase", "Available"));

      assertThat(cluster.client().namespaces().withName("ml").get().getMetadata().getLabels())
          .containsEntry("modelgate.dev/enforcement", "warn");
      GenericKubernetesResource read = cluster.get("ml", "bert");
      assertThat(read.<Object>get("spec")).isEqualTo(Map.of("repo", "org/bert"));
      assertThat(read.<String>get("status", "phase")).isEqualTo("Available");
      assertThat(read.<Object>get("status", "observedGeneration")).isNotNull();

      cluster.setStatus(read, Map.of("phase", "Quarantined"));
      assertThat(cluster.get("ml", "bert").<String>get("status", "phase")).isEqualTo("Quarantined");
    }
  }
}
