package dev.modelgate.cli;

import dev.modelgate.webhook.Webhook;
import dev.modelgate.webhook.decide.EnforcementMode;
import dev.modelgate.webhook.decide.MissingModelPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelgate webhook}: runs the validating admission webhook until stopped. */
@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the validating admission webhook over HTTPS: rejects workloads that reference a model"
          + " that is not Available in their namespace, and validates HFModel and ModelPolicy"
          + " objects.",
      "Endpoints: POST /validate, GET /healthz, GET /readyz, GET /metrics."
    })
public final class WebhookCommand implements Callable<Integer> {

  @Option(
      names = "--cert",
      defaultValue = "/etc/modelgate/tls/tls.crt",
      description = "PEM certificate chain; reloaded when it changes (default: ${DEFAULT-VALUE}).")
  Path cert;

  @Option(
      names = "--key",
      defaultValue = "/etc/modelgate/tls/tls.key",
      description = "PEM private key; reloaded when it changes (default: ${DEFAULT-VALUE}).")
  Path key;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--default-mode",
      defaultValue = "enforce",
      description =
          "Mode for namespaces without the label modelgate.dev/enforcement: enforce, warn or off"
              + " (default: ${DEFAULT-VALUE}).")
  String defaultMode;

  @Option(
      names = "--exempt-namespace",
      split = ",",
      description =
          "Namespace never checked; repeatable or comma-separated (default: kube-system).")
  List<String> exempt = new ArrayList<>(List.of("kube-system"));

  @Option(
      names = "--missing-model",
      defaultValue = "deny",
      description =
          "A reference to a model with no HFModel: deny, warn or allow (default: ${DEFAULT-VALUE}).")
  String missingModel;

  @Option(
      names = "--store-claim",
      split = ",",
      description = "PersistentVolumeClaim holding the model store (default: modelgate-store).")
  List<String> storeClaims = new ArrayList<>(List.of("modelgate-store"));

  @Option(
      names = "--max-body-bytes",
      defaultValue = "3145728",
      description = "Larger request bodies are answered 413 (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(
      names = "--threads",
      defaultValue = "16",
      description = "Request threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--cert-check-seconds",
      defaultValue = "10",
      description =
          "How often the certificate files are checked for rotation (default: ${DEFAULT-VALUE}).")
  long certCheckSeconds;

  @Override
  public Integer call() throws Exception {
    Webhook.Config config = config();
    try (KubernetesClient client = new KubernetesClientBuilder().build();
        Webhook webhook = new Webhook(config, client)) {
      int bound = webhook.start();
      System.out.println(
          "modelgate webhook listening on https://" + bind + ":" + bound + "/validate");
      try (StopSignal stop = new StopSignal("webhook-shutdown")) {
        stop.await(-1);
      }
    }
    return 0;
  }

  /** Checks every flag before anything starts, so a typo fails fast with a clear message. */
  Webhook.Config config() {
    EnforcementMode mode =
        EnforcementMode.parse(defaultMode)
            .orElseThrow(
                () -> new IllegalArgumentException("--default-mode must be enforce, warn or off"));
    MissingModelPolicy missing =
        MissingModelPolicy.parse(missingModel)
            .orElseThrow(
                () -> new IllegalArgumentException("--missing-model must be deny, warn or allow"));
    for (Path p : List.of(cert, key)) {
      if (!Files.isReadable(p)) throw new IllegalArgumentException("cannot read " + p);
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0-65535");
    if (maxBodyBytes < 1024)
      throw new IllegalArgumentException("--max-body-bytes must be at least 1024");
    if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1");
    return new Webhook.Config(
        cert,
        key,
        bind,
        port,
        mode,
        clean(exempt),
        missing,
        clean(storeClaims),
        maxBodyBytes,
        threads,
        Duration.ofSeconds(Math.max(1, certCheckSeconds)));
  }

  private static Set<String> clean(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) if (!v.isBlank()) out.add(v.strip());
    return out;
  }
}
