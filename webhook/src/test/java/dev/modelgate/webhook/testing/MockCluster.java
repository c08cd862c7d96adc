package dev.modelgate.webhook.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fabric8 CRUD mock as a Kubernetes API server on loopback, with the HFModel CRD installed and
 * helpers to create namespaces and HFModels with a status.
 */
public final class MockCluster implements AutoCloseable {

  public static final ResourceDefinitionContext HFMODELS =
      new ResourceDefinitionContext.Builder()
          .withGroup("modelgate.dev")
          .withVersion("v1alpha1")
          .withKind("HFModel")
          .withPlural("hfmodels")
          .withNamespaced(true)
          .build();

  /** Held so the level sticks: the mock logs every request at INFO through java.util.logging. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockCluster() throws Exception {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions().resource(hfModelCrd()).create();
  }

  public KubernetesClient client() {
    return client;
  }

  /** The HFModel CRD exactly as the crds module generates and checks it in. */
  static CustomResourceDefinition hfModelCrd() throws Exception {
    String root = System.getenv().getOrDefault("MODELGATE_REPO_ROOT", "..");
    Path generated = Path.of(root, "crds/yaml/hfmodels.modelgate.dev-v1.yml");
    try (InputStream in = Files.newInputStream(generated)) {
      return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
          in, CustomResourceDefinition.class);
    }
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

  /** Creates an HFModel and then writes its status through the status sub-resource. */
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

  public static Map<String, Object> status(String phase, String sha, List<String> reasons) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("phase", phase);
    if (sha != null) s.put("resolvedRevision", sha);
    if (!reasons.isEmpty()) {
      s.put(
          "decisions",
          List.of(
              Map.of(
                  "policy",
                  "hub-scan",
                  "precedence",
                  1,
                  "matched",
                  true,
                  "terminal",
                  false,
                  "reasons",
                  reasons,
                  "actions",
                  List.of())));
    }
    return s;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
