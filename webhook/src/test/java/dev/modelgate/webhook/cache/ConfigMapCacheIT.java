package dev.modelgate.webhook.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.mockcluster.MockCluster;
import dev.modelgate.webhook.extract.ConfigMapView;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Fabric8 fetcher against real sockets on loopback: answers, absences, silence, refusal. */
class ConfigMapCacheIT {

  static final ConfigMapCache.Limits QUICK =
      new ConfigMapCache.Limits(
          Duration.ofSeconds(15),
          16,
          1024,
          1024 * 1024,
          Duration.ofMillis(300),
          Duration.ofSeconds(3));

  static ConfigMapCache cache(KubernetesClient client) {
    return new ConfigMapCache(
        ConfigMapCache.fabric8(client, QUICK), QUICK, new SimpleMeterRegistry(), System::nanoTime);
  }

  static KubernetesClient clientFor(String url) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder()
                .withMasterUrl(url)
                .withRequestRetryBackoffLimit(3)
                .withRequestTimeout(60_000)
                .build())
        .build();
  }

  static ConfigMapBuilder configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(data);
  }

  static void create(MockCluster cluster, ConfigMap configMap) {
    cluster.client().configMaps().inNamespace("ml").resource(configMap).create();
  }

  @Test
  void readsDataAndAbsenceFromTheApiServerAndCapsValues() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      cluster.namespace("ml", Map.of());
      create(
          cluster,
          configMap("cfg", Map.of("HF_MODEL_ID", "org/a"))
              .withBinaryData(Map.of("blob", "AAAA"))
              .build());
      create(cluster, configMap("big", Map.of("file", "x".repeat(2000))).build());
      ConfigMapView ml = cache(cluster.client()).in("ml");
      assertThat(ml.get("cfg")).isEqualTo(new ConfigMapView.Found(Map.of("HF_MODEL_ID", "org/a")));
      assertThat(ml.get("nope")).isEqualTo(new ConfigMapView.Missing());
      assertThat(ml.get("big"))
          .isEqualTo(
              new ConfigMapView.Unreadable(
                  "a value is larger than the webhook's cap of 1024 bytes"));
    }
  }

  @Test
  void aSilentApiServerIsUnreadableWithinTheRequestTimeout() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (true) accepted.add(silent.accept());
                    } catch (Exception e) {
                      // closed
                    }
                  });
      try (KubernetesClient client = clientFor("http://127.0.0.1:" + silent.getLocalPort())) {
        long start = System.nanoTime();
        ConfigMapView.Lookup answer = cache(client).in("ml").get("cfg");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answer).isInstanceOf(ConfigMapView.Unreadable.class);
        assertThat(((ConfigMapView.Unreadable) answer).reason())
            .isEqualTo("no answer within 300 ms");
        // No retries with backoff: one timeout, not the client's configured minute or its retries.
        assertThat(took).isLessThan(Duration.ofSeconds(3));
      } finally {
        acceptor.interrupt();
        for (Socket s : accepted) s.close();
      }
    }
  }

  @Test
  void aRefusedConnectionIsUnreadableNotAnException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    try (KubernetesClient client = clientFor("http://127.0.0.1:" + port)) {
      long start = System.nanoTime();
      ConfigMapView.Lookup answer = cache(client).in("ml").get("cfg");
      assertThat(answer).isInstanceOf(ConfigMapView.Unreadable.class);
      assertThat(((ConfigMapView.Unreadable) answer).reason()).isEqualTo("API server unreachable");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }
}
