package dev.modelgate.cli.webhookbench;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process Kubernetes API (Fabric8 CRUD mock on loopback) holding the HFModel CRD and a
 * realistic population of HFModels: most Available, some Quarantined (with a decision log and
 * findings), some Failed, spread over several namespaces.
 */
final class BenchCluster implements AutoCloseable {

  static final ResourceDefinitionContext HFMODELS =
      new ResourceDefinitionContext.Builder()
          .withGroup("modelgate.dev")
          .withVersion("v1alpha1")
          .withKind("HFModel")
          .withPlural("hfmodels")
          .withNamespaced(true)
          .build();

  static final String WARN_NAMESPACE = "bench-warn";

  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<String> namespaces = new ArrayList<>();

  /** One model the bench can reference, with what the webhook should answer for it. */
  record Model(String namespace, String repo, String commit, String phase) {}

  private final List<Model> models = new ArrayList<>();

  BenchCluster() throws IOException {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
    try (InputStream in =
        BenchCluster.class.getResourceAsStream("/META-INF/fabric8/hfmodels.modelgate.dev-v1.yml")) {
      if (in == null) throw new IOException("HFModel CRD not on the classpath");
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
          .create();
    }
  }

  /**
   * Creates {@code count} HFModels over {@code namespaceCount} namespaces (the last one in warn
   * mode).
   */
  void seed(int count, int namespaceCount) {
    for (int n = 0; n < namespaceCount; n++) {
      String ns = n == namespaceCount - 1 ? WARN_NAMESPACE : "bench-" + n;
      Map<String, String> labels =
          ns.equals(WARN_NAMESPACE) ? Map.of("modelgate.dev/enforcement", "warn") : Map.of();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .withLabels(labels)
                  .endMetadata()
                  .build())
          .create();
      namespaces.add(ns);
    }
    for (int i = 0; i < count; i++) {
      String ns = namespaces.get(i % namespaces.size());
      String phase = i % 20 == 7 ? "Quarantined" : i % 20 == 13 ? "Failed" : "Available";
      String commit = String.format("%040x", 0x5eedL * 1_000_003L + i);
      String repo = "bench-org-" + (i % 37) + "/model-" + i;
      create(ns, "model-" + i, repo, commit, phase);
      models.add(new Model(ns, repo, commit, phase));
    }
  }

  private void create(String ns, String name, String repo, String commit, String phase) {
    GenericKubernetesResource obj =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("modelgate.dev/v1alpha1")
            .withKind("HFModel")
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .endMetadata()
            .build();
    obj.setAdditionalProperty("spec", Map.of("repo", repo, "revision", "main"));
    GenericKubernetesResource created =
        client.genericKubernetesResources(HFMODELS).inNamespace(ns).resource(obj).create();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    status.put("resolvedRevision", commit);
    status.put("shortRevision", commit.substring(0, 7));
    Long gen = created.getMetadata().getGeneration();
    status.put("observedGeneration", gen == null ? 1L : gen);
    status.put("tags", List.of("safetensors", "trusted-publisher"));
    status.put(
        "summary",
        Map.of(
            "files",
            12,
            "bytes",
            269060552L,
            "maxSeverity",
            phase.equals("Quarantined") ? "HIGH" : "NONE"));
    List<Map<String, Object>> findings = new ArrayList<>();
    for (int f = 0; f < 10; f++) {
      findings.add(
          Map.of(
              "file",
              "pytorch_model-" + f + ".bin",
              "severity",
              phase.equals("Quarantined") && f == 0 ? "HIGH" : "LOW",
              "rule",
              "pickle-import",
              "message",
              "pickle imports collections.OrderedDict"));
    }
    status.put("findings", findings);
    status.put(
        "decisions",
        List.of(
            Map.of(
                "policy",
                "hub-scan-unsafe",
                "precedence",
                1,
                "matched",
                phase.equals("Quarantined"),
                "terminal",
                false,
                "reasons",
                List.of("Hub security scan reports unsafe files"),
                "actions",
                List.of("SetState Quarantined"))));
    if (phase.equals("Failed")) status.put("message", "sha256 mismatch for model.safetensors");
    created.setAdditionalProperty("status", status);
    client.genericKubernetesResources(HFMODELS).inNamespace(ns).resource(created).updateStatus();
  }

  List<Model> models() {
    return models;
  }

  /** A kubeconfig that points a Fabric8 client at this mock. */
  Path writeKubeconfig(Path dir) throws IOException {
    String url = client.getMasterUrl().toString();
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: "
            + url
            + "\ncontexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\n"
            + "current-context: bench\nusers:\n- name: bench\n  user:\n    token: bench\n");
    return file;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
