package dev.modelgate.cli.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API server: Fabric8's mock server in CRUD mode on 127.0.0.1, with
 * ModelGate's CRDs installed from the YAML the crds module generates (shipped inside the jar).
 */
public final class DemoApiServer implements AutoCloseable {

  /** The generated CRDs, as the crds module puts them on the classpath. */
  static final List<String> CRD_RESOURCES =
      List.of(
          "/META-INF/fabric8/hfmodels.modelgate.dev-v1.yml",
          "/META-INF/fabric8/modelpolicies.modelgate.dev-v1.yml");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public DemoApiServer() throws IOException {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    for (String resource : CRD_RESOURCES) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd(resource)).create();
    }
  }

  private static CustomResourceDefinition crd(String resource) throws IOException {
    try (InputStream in = DemoApiServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(
            "CRD " + resource + " is not on the classpath (build the crds module)");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  /** A client of this API server (shared; closed with the server). */
  public KubernetesClient client() {
    return client;
  }

  /** The API server's URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
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
    client.close();
    server.destroy();
  }
}
