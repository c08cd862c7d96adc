package dev.modelgate.operator;

import dev.modelgate.operator.decision.ModelDecider;
import dev.modelgate.operator.decision.PolicyDecider;
import dev.modelgate.operator.hfmodel.HFModelController;
import dev.modelgate.operator.policy.ModelPolicyReconciler;
import dev.modelgate.operator.policy.PolicyChecker;
import dev.modelgate.operator.policy.RegoPolicyChecker;
import dev.modelgate.operator.scan.FileScanner;
import dev.modelgate.operator.source.ModelSource;
import dev.modelgate.operator.store.ModelStore;
import dev.modelgate.policies.epm.PolicyCatalog;
import dev.modelgate.policies.epm.PolicyEngine;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with the HFModel controller, bounded download and scan pools, the
 * model store, leader election and the health endpoints. {@link #start()} returns once the
 * informers are synced; {@link #close()} stops everything it started (not the client it was given).
 */
public final class ModelGateOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelGateOperator.class);
  private static final int EVENT_QUEUE = 4096;

  private final OperatorConfig config;
  private final Operator operator;
  private final ExecutorService downloads;
  private final ExecutorService scans;
  private final ExecutorService events;
  private final ModelStore store;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private HealthServer health;

  private ModelGateOperator(Builder b) throws IOException {
    this.config = b.config;
    this.store = new ModelStore(config.storePath());
    this.downloads =
        Executors.newFixedThreadPool(
            config.maxParallelDownloads(), HealthServer.daemon("modelgate-download"));
    this.scans =
        Executors.newFixedThreadPool(
            config.maxParallelScans(), HealthServer.daemon("modelgate-scan"));
    this.events = eventPoster();
    KubernetesClient client = b.client;
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withUseSSAToPatchPrimaryResource(config.useSsa())
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics));
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        config.leaseName(), config.leaseNamespace(), leaderIdentity()));
              }
            });
    var reconciler =
        HFModelController.create(
            client, config, store, b.source, b.scanner, b.decider, downloads, scans, events,
            b.clock);
    operator.register(
        reconciler,
        c -> {
          if (!config.namespaces().isEmpty()) {
            c.settingNamespaces(config.namespaces());
          }
        });
    operator.register(new ModelPolicyReconciler(client, b.policyChecker));
  }

  /**
   * Events are informational and must never slow a reconcile: two posters (the API server takes
   * them in parallel; more would only compete with status writes) and a bounded queue, beyond which
   * events are dropped (and logged) rather than piling up in memory.
   */
  private static ExecutorService eventPoster() {
    return new ThreadPoolExecutor(
        2,
        2,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(EVENT_QUEUE),
        HealthServer.daemon("modelgate-events"),
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** The pod name (set by the Helm chart from the downward API), else the host name, else none. */
  private static String leaderIdentity() {
    String pod = System.getenv("POD_NAME");
    return pod != null && !pod.isBlank() ? pod : System.getenv("HOSTNAME");
  }

  public static Builder builder(KubernetesClient client, OperatorConfig config) {
    return new Builder(client, config);
  }

  /** Starts the controllers (and the health endpoints unless the port is -1). */
  public ModelGateOperator start() throws IOException {
    if (config.healthPort() >= 0) {
      health =
          new HealthServer(
              config.healthPort(),
              () -> null,
              () -> {
                var info = operator.getRuntimeInfo();
                if (!info.isStarted()) {
                  return "operator not started";
                }
                return info.allEventSourcesAreHealthy()
                    ? null
                    : "unhealthy event sources: " + info.unhealthyEventSources().keySet();
              },
              metrics::scrape);
      LOG.info("health endpoints on port {}", health.port());
    }
    operator.start();
    LOG.info("operator started; store {}", store.root());
    return this;
  }

  /** The health endpoints' port, or -1 when they are off. */
  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  public ModelStore store() {
    return store;
  }

  public Operator operator() {
    return operator;
  }

  @Override
  public void close() {
    // Interrupt the work first, then stop JOSDK: a reconcile blocked on a stalled download ends
    // now, and operator.stop() waits for it. Stopping JOSDK first could return while that
    // reconcile still runs, and its late status write would then land after a successor
    // operator's (status writes carry no resourceVersion).
    downloads.shutdownNow();
    scans.shutdownNow();
    operator.stop();
    events.shutdown(); // events already decided on are still posted, for up to 5 s
    try {
      downloads.awaitTermination(5, TimeUnit.SECONDS);
      scans.awaitTermination(5, TimeUnit.SECONDS);
      if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
        events.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (health != null) {
      health.close();
    }
  }

  /** Collects the operator's parts; source and scanner are required. */
  public static final class Builder {
    private final KubernetesClient client;
    private final OperatorConfig config;
    private ModelSource source;
    private FileScanner scanner;
    // One catalog for the decider and the ModelPolicy check, so each policy compiles once.
    private final PolicyCatalog policyCatalog = new PolicyCatalog();
    private ModelDecider decider = new PolicyDecider(policyCatalog, new PolicyEngine());
    private Clock clock = Clock.systemUTC();
    private PolicyChecker policyChecker = new RegoPolicyChecker(policyCatalog);

    private Builder(KubernetesClient client, OperatorConfig config) {
      this.client = Objects.requireNonNull(client);
      this.config = Objects.requireNonNull(config);
    }

    public Builder source(ModelSource source) {
      this.source = source;
      return this;
    }

    public Builder scanner(FileScanner scanner) {
      this.scanner = scanner;
      return this;
    }

    /** Replaces the decider (default: ModelPolicies over the scanner baseline). */
    public Builder decider(ModelDecider decider) {
      this.decider = decider;
      return this;
    }

    /** Replaces the ModelPolicy check (default: structure plus Rego compilation). */
    public Builder policyChecker(PolicyChecker checker) {
      this.policyChecker = checker;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public ModelGateOperator build() throws IOException {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(scanner, "scanner");
      return new ModelGateOperator(this);
    }
  }
}
