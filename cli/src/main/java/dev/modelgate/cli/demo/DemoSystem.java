package dev.modelgate.cli.demo;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.hub.server.HubServer;
import dev.modelgate.operator.ModelGateOperator;
import dev.modelgate.operator.OperatorConfig;
import dev.modelgate.operator.scan.ModelScannerAdapter;
import dev.modelgate.operator.source.HubModelSource;
import dev.modelgate.policies.shipped.ShippedPolicies;
import dev.modelgate.webhook.Webhook;
import dev.modelgate.webhook.decide.EnforcementMode;
import dev.modelgate.webhook.decide.MissingModelPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole of ModelGate on one machine, every server on 127.0.0.1: the in-process API server, the
 * Hub server over a folder of repos, the shipped ModelPolicies, the operator (server-side apply
 * off, as the mock API server needs) and the webhook over real HTTPS. Each part can be stopped and
 * started again, which the end-to-end tests use.
 */
public final class DemoSystem implements AutoCloseable {

  /** The namespace the operator keeps out of admission, as the chart does with its own. */
  public static final String SYSTEM_NAMESPACE = "modelgate-system";

  private final Path workDir;
  private final Path hubDir;
  private final DemoApiServer api;
  private final CompletableFuture<DemoTls> tlsInTheBackground;
  private HubServer hub;
  private ModelGateOperator operator;
  private Webhook webhook;
  private int webhookPort;

  private DemoSystem(Path workDir, Path hubDir) throws IOException {
    this.workDir = workDir;
    this.hubDir = hubDir;
    // keytool runs in its own JVM: let it work while the API server starts.
    Path tlsDir = Files.createDirectories(workDir.resolve("tls"));
    this.tlsInTheBackground =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return DemoTls.generate(tlsDir);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    this.api = new DemoApiServer();
  }

  /** Starts everything; {@code hubDir} holds {@code <org>/<name>/} repos. */
  public static DemoSystem start(Path hubDir) throws IOException {
    Path work = Files.createTempDirectory("modelgate-demo-");
    DemoSystem system = new DemoSystem(work, hubDir);
    try {
      system.installShippedPolicies();
      system.startHub(0);
      system.startOperator();
      system.startWebhook(0);
      return system;
    } catch (IOException | RuntimeException e) {
      system.close();
      throw e;
    }
  }

  /**
   * Creates the ModelPolicies ModelGate ships (policies/shipped), as the Helm chart installs them.
   */
  public void installShippedPolicies() {
    for (ModelPolicy policy : ShippedPolicies.load()) {
      api.client().resource(policy).create();
    }
  }

  /** Starts the Hub server ({@code port} 0 = any free port). */
  public void startHub(int port) throws IOException {
    hub = HubServer.builder(hubDir).port(port).start();
  }

  public void stopHub() {
    if (hub != null) {
      hub.close();
      hub = null;
    }
  }

  /** Starts the operator against the Hub server; returns once its informers are synced. */
  public void startOperator() throws IOException {
    OperatorConfig config =
        OperatorConfig.defaults(workDir.resolve("store")).toBuilder()
            .defaultEndpoint(hub.uri().toString())
            .useSsa(false)
            .leaderElection(false)
            .healthPort(-1)
            .retryInitial(Duration.ofMillis(200))
            .retryMax(Duration.ofSeconds(2))
            .hubRetries(3)
            .hubInitialBackoff(Duration.ofMillis(50))
            .hubMaxBackoff(Duration.ofSeconds(2))
            .hubTimeout(Duration.ofSeconds(10))
            .progressInterval(Duration.ofMillis(200))
            .build();
    operator =
        ModelGateOperator.builder(api.client(), config)
            .source(HubModelSource.forConfig(config))
            .scanner(new ModelScannerAdapter())
            .build()
            .start();
  }

  public void stopOperator() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
  }

  /** Starts the webhook over HTTPS ({@code port} 0 = any free port; reuse one to restart). */
  public void startWebhook(int port) throws IOException {
    DemoTls tls = tls();
    Webhook.Config config =
        new Webhook.Config(
            tls.certFile(),
            tls.keyFile(),
            "127.0.0.1",
            port,
            EnforcementMode.ENFORCE,
            Set.of("kube-system", SYSTEM_NAMESPACE),
            MissingModelPolicy.DENY,
            Set.of("modelgate-store"),
            Webhook.Config.DEFAULT_MAX_BODY_BYTES,
            8,
            Duration.ofSeconds(10));
    webhook = new Webhook(config, api.client());
    webhookPort = webhook.start();
  }

  public void stopWebhook() {
    if (webhook != null) {
      webhook.close();
      webhook = null;
    }
  }

  /** True once the webhook's informer caches are synced (it answers from them). */
  public boolean webhookReady() {
    return webhook != null && webhook.ready();
  }

  public DemoApiServer api() {
    return api;
  }

  public HubServer hub() {
    return hub;
  }

  public ModelGateOperator operator() {
    return operator;
  }

  public int webhookPort() {
    return webhookPort;
  }

  public URI webhookUri() {
    return URI.create("https://127.0.0.1:" + webhookPort + "/validate");
  }

  /** The webhook's certificate (waits for keytool the first time). */
  public DemoTls tls() throws IOException {
    try {
      return tlsInTheBackground.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IOException(
          "could not make the webhook's certificate: " + e.getCause(), e.getCause());
    }
  }

  public Path workDir() {
    return workDir;
  }

  /** A client that calls the webhook as the API server would. */
  public AdmissionClient admissionClient() throws IOException {
    return new AdmissionClient(webhookUri(), tls().clientContext(), Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    List<Runnable> stops =
        new ArrayList<>(List.of(this::stopWebhook, this::stopOperator, this::stopHub, api::close));
    for (Runnable stop : stops) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        System.err.println("demo: while stopping: " + e);
      }
    }
    tlsInTheBackground.cancel(false);
    deleteTree(workDir);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("demo: could not remove " + root + ": " + e.getMessage());
    }
  }
}
