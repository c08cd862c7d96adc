package dev.modelgate.cli;

import dev.modelgate.cli.webhookbench.WebhookBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelgate webhook-bench}: a load benchmark of the admission webhook. Runs an in-process
 * Kubernetes API (Fabric8 CRUD mock) with N HFModels, starts {@code modelgate webhook} as a child
 * process against it, sends a realistic mix of AdmissionReviews over loopback HTTPS, and prints
 * throughput, latency percentiles, errors and the webhook process's RSS.
 */
@Command(
    name = "webhook-bench",
    mixinStandardHelpOptions = true,
    description =
        "Load-tests `modelgate webhook` against an in-process API server with N HFModels.")
public final class WebhookBenchCommand implements Callable<Integer> {

  @Option(
      names = "--models",
      defaultValue = "1000",
      description = "HFModels in the cache (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(
      names = "--requests",
      defaultValue = "100000",
      description = "Measured requests (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--warmup",
      defaultValue = "20000",
      description = "Warm-up requests, not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--max-seconds",
      defaultValue = "300",
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  int maxSeconds;

  @Option(
      names = "--webhook-jvm-opts",
      defaultValue = "-Xms64m -Xmx192m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError",
      description = "JVM options of the webhook child process (default: ${DEFAULT-VALUE}).")
  String jvmOpts;

  @Override
  public Integer call() throws Exception {
    if (models < 1 || requests < 1 || concurrency < 1 || warmup < 0 || maxSeconds < 1) {
      throw new IllegalArgumentException(
          "--models, --requests, --concurrency and --max-seconds must be positive");
    }
    WebhookBench.Report report =
        new WebhookBench(models, requests, warmup, concurrency, maxSeconds, jvmOpts).run();
    System.out.println(report.text());
    return report.errors() == 0 ? 0 : 1;
  }
}
