package dev.modelgate.cli;

import dev.modelgate.cli.demo.DemoExpectations;
import dev.modelgate.cli.demo.DemoReport;
import dev.modelgate.cli.demo.DemoScenario;
import dev.modelgate.cli.demo.DemoSystem;
import dev.modelgate.cli.demo.ExampleSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelgate demo}: the whole system on one machine with nothing installed, playing the
 * examples and printing what the operator decided and what the webhook answered.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs ModelGate on this machine with nothing installed: an in-process Kubernetes API server,",
      "the Hub server over examples/hub, the operator and the webhook (HTTPS), all on 127.0.0.1.",
      "Applies examples/*.yaml, waits for every HFModel to settle, prints each model's phase, tags",
      "and reasons and the webhook's answer for each example workload. Exits 0 when the outcome is",
      "the expected one (Available and Quarantined models, allowed and denied workloads)."
    })
public final class DemoCommand implements Callable<Integer> {

  /** Held so the level set on it is not lost when the logger is garbage-collected. */
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--examples",
      paramLabel = "DIR",
      description =
          "Manifests to apply, with the Hub repos in DIR/hub (default: the repository's examples/).")
  Path examples;

  @Option(
      names = "--keep-running",
      description = "Leave everything running and print how to reach it.")
  boolean keepRunning;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Longest wait for the HFModels to settle (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--verbose", description = "Show the components' own logs.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!verbose) {
      // Set before any component's logger exists; slf4j-simple reads it once. The mock API server
      // logs every request through java.util.logging.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = examples != null ? examples : defaultExamples();
    if (dir == null || !Files.isDirectory(dir.resolve("hub"))) {
      err.println("error: no examples folder with a hub/ inside; pass --examples DIR");
      return 2;
    }
    if (timeoutSeconds < 1) {
      err.println("error: --timeout must be at least 1");
      return 2;
    }
    ExampleSet set = ExampleSet.load(dir);
    out.println(
        "ModelGate demo: API server, Hub, operator and webhook on 127.0.0.1 (examples: "
            + dir
            + ")");
    out.flush();
    long started = System.nanoTime();
    try (DemoSystem system = DemoSystem.start(dir.resolve("hub"))) {
      DemoScenario.Outcome outcome =
          new DemoScenario(system, Duration.ofSeconds(timeoutSeconds)).run(set);
      out.println();
      DemoReport.print(outcome, out);
      List<String> problems = DemoExpectations.check(outcome);
      out.println();
      if (problems.isEmpty()) {
        out.printf("The demo ran as expected in %.1f s.%n", (System.nanoTime() - started) / 1e9);
      } else {
        out.println("The demo did NOT run as expected:");
        problems.forEach(p -> out.println("  - " + p));
      }
      out.flush();
      if (keepRunning) {
        waitForInterrupt(system, out);
      }
      return problems.isEmpty() ? 0 : 1;
    }
  }

  private static void waitForInterrupt(DemoSystem system, PrintWriter out) throws Exception {
    Path kubeconfig = system.api().writeKubeconfig(system.workDir().resolve("kubeconfig"));
    out.println();
    out.println("Everything keeps running until you press Ctrl-C:");
    out.println("  Kubernetes API  " + system.api().url());
    out.println(
        "                  kubectl --kubeconfig "
            + kubeconfig
            + " get hfmodels -n ml-team -o yaml");
    out.println("  Hub             " + system.hub().uri());
    out.println("                  curl " + system.hub().uri() + "/api/models/acme-ml/tiny-chat");
    out.println("  Webhook         " + system.webhookUri() + " (POST AdmissionReview v1)");
    out.println("                  certificate: " + system.tls().certFile());
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-shutdown"));
    stop.await();
  }

  /** The repository's examples/: beside the jar's cli/target/, else above the working directory. */
  static Path defaultExamples() {
    try {
      Path jar =
          Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = jar.toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("examples").resolve("hub"))) {
          return p.resolve("examples");
        }
      }
    } catch (Exception ignored) {
      // fall back to the working directory
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples").resolve("hub"))) {
        return p.resolve("examples");
      }
    }
    return null;
  }
}
