package dev.modelgate.cli;

import dev.modelgate.operator.ModelGateOperator;
import dev.modelgate.operator.OperatorConfig;
import dev.modelgate.operator.scan.ModelScannerAdapter;
import dev.modelgate.operator.source.HubModelSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelgate operator}: runs the HFModel/ModelPolicy operator against the current kube
 * context (or the in-cluster service account) until stopped. Every option also has an environment
 * variable, so the Helm chart configures it with env alone.
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the ModelGate operator against the current kube context.",
      "Resolves, downloads, verifies and scans every HFModel, publishes Available ones into the",
      "model store (Hugging Face cache layout) and keeps their status."
    })
public final class OperatorCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--store",
      description = "Model store root (env MODELGATE_STORE; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:MODELGATE_STORE:-/var/lib/modelgate}")
  Path store;

  @Option(
      names = {"--endpoint", "--hub-endpoint"},
      description = "Hub used when a spec names none (env HF_ENDPOINT; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:HF_ENDPOINT:-https://huggingface.co}")
  String endpoint;

  @Option(
      names = "--namespace",
      description = "Watch only this namespace (repeatable; env MODELGATE_NAMESPACES, commas).")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--max-parallel-downloads",
      description = "Files downloaded at once over all models (default ${DEFAULT-VALUE}).",
      defaultValue = "${env:MODELGATE_MAX_PARALLEL_DOWNLOADS:-4}")
  int maxParallelDownloads;

  @Option(
      names = "--max-parallel-scans",
      description = "Files scanned at once over all models (default ${DEFAULT-VALUE}).",
      defaultValue = "${env:MODELGATE_MAX_PARALLEL_SCANS:-2}")
  int maxParallelScans;

  @Option(
      names = "--max-model-size",
      description =
          "Refuse any model larger than this quantity, e.g. 500Gi (env MODELGATE_MAX_MODEL_SIZE).",
      defaultValue = "${env:MODELGATE_MAX_MODEL_SIZE}")
  String maxModelSize;

  @Option(
      names = "--ssa",
      negatable = true,
      description =
          "Patch status with server-side apply (default ${DEFAULT-VALUE}; --no-ssa for API servers"
              + " without SSA, such as the Fabric8 mock; env MODELGATE_SSA).",
      defaultValue = "${env:MODELGATE_SSA:-true}",
      fallbackValue = "true")
  boolean ssa;

  @Option(
      names = "--leader-election",
      negatable = true,
      description =
          "Hold a Lease before reconciling (default ${DEFAULT-VALUE}; env MODELGATE_LEADER_ELECTION).",
      defaultValue = "${env:MODELGATE_LEADER_ELECTION:-true}",
      fallbackValue = "true")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      description = "Name of the leader Lease (default ${DEFAULT-VALUE}).",
      defaultValue = "modelgate-operator")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      description = "Namespace of the leader Lease (env POD_NAMESPACE; default: the client's).",
      defaultValue = "${env:POD_NAMESPACE}")
  String leaseNamespace;

  @Option(
      names = {"--http-port", "--health-port"},
      description =
          "Port of /healthz, /readyz and /metrics (default ${DEFAULT-VALUE}; 0 = any, -1 = off).",
      defaultValue = "${env:MODELGATE_HEALTH_PORT:-8081}")
  int healthPort;

  @Option(names = "--max-seconds", hidden = true, description = "Stop after this many seconds.")
  long maxSeconds = -1;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    OperatorConfig config = config(System.getenv());
    try (StopSignal stop = new StopSignal("operator-shutdown");
        KubernetesClient client = new KubernetesClientBuilder().build();
        ModelGateOperator operator =
            ModelGateOperator.builder(client, config)
                .source(HubModelSource.forConfig(config))
                .scanner(new ModelScannerAdapter())
                .build()
                .start()) {
      out.println(
          "ModelGate operator running against "
              + client.getMasterUrl()
              + "; store "
              + config.storePath().toAbsolutePath()
              + (operator.healthPort() >= 0 ? "; health on port " + operator.healthPort() : ""));
      out.flush();
      stop.await(maxSeconds);
    }
    return 0;
  }

  /** The operator settings: environment defaults, then the options given. */
  OperatorConfig config(Map<String, String> env) {
    OperatorConfig base = OperatorConfig.fromEnvironment(env);
    var b =
        base.toBuilder()
            .storePath(store)
            .defaultEndpoint(endpoint)
            .maxParallelDownloads(maxParallelDownloads)
            .maxParallelScans(maxParallelScans)
            .useSsa(ssa)
            .leaderElection(leaderElection)
            .leaseName(leaseName)
            .leaseNamespace(leaseNamespace)
            .healthPort(healthPort);
    if (!namespaces.isEmpty()) {
      b.namespaces(new HashSet<>(namespaces));
    }
    if (maxModelSize != null && !maxModelSize.isBlank()) {
      b.maxModelBytes(Quantity.getAmountInBytes(new Quantity(maxModelSize)).longValueExact());
    }
    return b.build();
  }
}
