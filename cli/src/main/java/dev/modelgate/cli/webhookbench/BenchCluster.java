package dev.modelgate.cli.webhookbench;

import dev.modelgate.mockcluster.MockCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process Kubernetes API ({@link MockCluster}) holding a realistic population of HFModels:
 * most Available, some Quarantined (with a decision log and findings), some Failed, spread over
 * several namespaces.
 */
final class BenchCluster implements AutoCloseable {

  static final String WARN_NAMESPACE = "bench-warn";

  private final MockCluster cluster;
  private final List<String> namespaces = new ArrayList<>();

  /** One model the bench can reference, with what the webhook should answer for it. */
  record Model(String namespace, String repo, String commit, String phase) {}

  private final List<Model> models = new ArrayList<>();

  BenchCluster() throws IOException {
    cluster = new MockCluster();
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
      cluster.namespace(ns, labels);
      namespaces.add(ns);
    }
    for (int i = 0; i < count; i++) {
      String ns = namespaces.get(i % namespaces.size());
      String phase = i % 20 == 7 ? "Quarantined" : i % 20 == 13 ? "Failed" : "Available";
      String commit = String.format("%040x", 0x5eedL * 1_000_003L + i);
      String repo = "bench-org-" + (i % 37) + "/model-" + i;
      cluster.hfModel(ns, "model-" + i, repo, "main", status(phase, commit));
      models.add(new Model(ns, repo, commit, phase));
    }
  }

  /** A status as the operator writes it, with ten findings and a decision log. */
  private static Map<String, Object> status(String phase, String commit) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    status.put("resolvedRevision", commit);
    status.put("shortRevision", commit.substring(0, 7));
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
    return status;
  }

  List<Model> models() {
    return models;
  }

  /** A kubeconfig that points a Fabric8 client at this mock. */
  Path writeKubeconfig(Path dir) throws IOException {
    String url = cluster.client().getMasterUrl().toString();
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
    cluster.close();
  }
}
