package dev.modelgate.cli.demo;

import dev.modelgate.mockcluster.MockCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process Kubernetes API server for the demo: the shared {@link MockCluster} (Fabric8's mock
 * in CRUD mode on 127.0.0.1 with ModelGate's CRDs), plus a kubeconfig for kubectl.
 */
public final class DemoApiServer implements AutoCloseable {

  private final MockCluster cluster;

  public DemoApiServer() throws IOException {
    cluster = new MockCluster();
  }

  /** A client of this API server (shared; closed with the server). */
  public KubernetesClient client() {
    return cluster.client();
  }

  /** The API server's URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return cluster.url();
  }

  /** Writes a kubeconfig pointing at this API server, for kubectl while the demo keeps running. */
  public Path writeKubeconfig(Path file) throws IOException {
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: modelgate-demo
          cluster:
            server: %s
        contexts:
        - name: modelgate-demo
          context:
            cluster: modelgate-demo
            user: demo
            namespace: ml-team
        current-context: modelgate-demo
        users:
        - name: demo
          user:
            token: demo
        """
            .formatted(url());
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
