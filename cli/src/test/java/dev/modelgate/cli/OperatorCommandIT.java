package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.Phase;
import dev.modelgate.hub.server.HubServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelgate operator} against a kube context that points at the Fabric8 mock API server
 * (CRUD mode, CRDs created from the generated YAML), with the Hub served from a temp folder.
 */
class OperatorCommandIT {
  @TempDir Path tmp;

  @Test
  void runsTheOperatorAgainstTheCurrentKubeContext() throws Exception {
    KubernetesMockServer k8s =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    k8s.init(InetAddress.getByName("127.0.0.1"), 0);
    Path repo = Files.createDirectories(tmp.resolve("hub/acme/tiny"));
    Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}");
    Files.writeString(repo.resolve("README.md"), "---\nlicense: mit\n---\n# tiny\n");
    Path kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: u, user: {token: not-a-secret}}]
        contexts: [{name: mock, context: {cluster: mock, user: u, namespace: ml}}]
        current-context: mock
        """
            .formatted(k8s.getPort()));
    String previous = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kubeconfig.toString());
    AtomicInteger exit = new AtomicInteger(-1);
    try (KubernetesClient client = k8s.createClient();
        HubServer hub = HubServer.builder(tmp.resolve("hub")).start()) {
      for (String crd :
          List.of("hfmodels.modelgate.dev-v1.yml", "modelpolicies.modelgate.dev-v1.yml")) {
        try (InputStream in = HFModel.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
          client.load(in).create();
        }
      }
      Thread run =
          new Thread(
              () ->
                  exit.set(
                      Main.run(
                          "operator",
                          "--store",
                          tmp.resolve("store").toString(),
                          "--endpoint",
                          hub.uri().toString(),
                          "--no-ssa",
                          "--no-leader-election",
                          "--health-port",
                          "0",
                          "--max-seconds",
                          "60")));
      run.start();
      HFModel m = new HFModel();
      m.getMetadata().setName("tiny");
      m.getMetadata().setNamespace("ml");
      m.setSpec(new HFModelSpec("acme/tiny", null));
      client.resource(m).create();

      HFModel done =
          await()
              .atMost(Duration.ofSeconds(45))
              .until(
                  () -> client.resources(HFModel.class).inNamespace("ml").withName("tiny").get(),
                  x -> x.getStatus() != null && x.getStatus().getPhase() == Phase.Available);
      assertThat(
              tmp.resolve("store/ml/hub/models--acme--tiny/snapshots")
                  .resolve(done.getStatus().getResolvedRevision())
                  .resolve("config.json"))
          .hasContent("{\"model_type\": \"llama\"}");
      run.interrupt();
      run.join(30_000);
      assertThat(exit.get()).isZero();
    } finally {
      if (previous == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", previous);
      }
      k8s.destroy();
    }
  }
}
