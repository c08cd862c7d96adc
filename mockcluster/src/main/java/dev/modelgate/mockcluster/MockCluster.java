package dev.modelgate.mockcluster;

import dev.modelgate.crds.HFModel;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Fabric8 CRUD mock as a Kubernetes API server on loopback (127.0.0.1, a free port), with
 * ModelGate's CRDs installed and helpers to create namespaces and HFModels with a status.
 */
public final class MockCluster implements AutoCloseable {

  /** HFModels as generic resources, described by the crds module's own type. */
  public static final ResourceDefinitionContext HFMODELS =
      ResourceDefinitionContext.fromResourceType(HFModel.class);

  /** ModelGate's CRDs as the crds module generates them into its jar. */
  private static final List<String> CRDS =
      List.of(
          "/META-INF/fabric8/hfmodels.modelgate.dev-v1.yml",
          "/META-INF/fabric8/modelpolicies.modelgate.dev-v1.yml");

  /** Held so the level sticks: the mock logs every request at INFO through java.util.logging. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockCluster() throws IOException {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
    try {
      for (String crd : CRDS) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd(crd)).create();
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private static CustomResourceDefinition crd(String resource) throws IOException {
    try (InputStream in = MockCluster.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(
            "CRD " + resource + " is not on the classpath (build the crds module)");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  /** The API server's URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  /** A client for this API server (closed with it). */
  public KubernetesClient client() {
    return client;
  }

  public void namespace(String name, Map<String, String> labels) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  /**
   * Creates an HFModel and then writes its status through the status sub-resource.
   *
   * @param revision the spec's revision, or null to leave it out
   */
  public GenericKubernetesResource hfModel(
      String namespace, String name, String repo, String revision, Map<String, Object> status) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("repo", repo);
    if (revision != null) spec.put("revision", revision);
    GenericKubernetesResource obj =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("modelgate.dev/v1alpha1")
            .withKind("HFModel")
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .build();
    obj.setAdditionalProperty("spec", spec);
    GenericKubernetesResource created =
        client.genericKubernetesResources(HFMODELS).inNamespace(namespace).resource(obj).create();
    return setStatus(created, status);
  }

  /** Replaces the status; {@code observedGeneration} defaults to the object's generation. */
  public GenericKubernetesResource setStatus(
      GenericKubernetesResource obj, Map<String, Object> status) {
    Map<String, Object> s = new LinkedHashMap<>(status);
    Long gen = obj.getMetadata().getGeneration();
    s.putIfAbsent("observedGeneration", gen == null ? 1L : gen);
    obj.setAdditionalProperty("status", s);
    return client
        .genericKubernetesResources(HFMODELS)
        .inNamespace(obj.getMetadata().getNamespace())
        .resource(obj)
        .updateStatus();
  }

  public GenericKubernetesResource get(String namespace, String name) {
    return client.genericKubernetesResources(HFMODELS).inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
