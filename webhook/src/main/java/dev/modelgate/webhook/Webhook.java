package dev.modelgate.webhook;

import dev.modelgate.webhook.cache.ClusterCaches;
import dev.modelgate.webhook.cache.ConfigMapCache;
import dev.modelgate.webhook.decide.AdmissionDecider;
import dev.modelgate.webhook.decide.EnforcementMode;
import dev.modelgate.webhook.decide.EnforcementPolicy;
import dev.modelgate.webhook.decide.MissingModelPolicy;
import dev.modelgate.webhook.extract.PodSpecExtractor;
import dev.modelgate.webhook.extract.WorkloadExtractor;
import dev.modelgate.webhook.tls.ReloadingKeyManager;
import dev.modelgate.webhook.validate.HFModelValidator;
import dev.modelgate.webhook.validate.ModelPolicyValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The assembled webhook: informer caches, decision engine and HTTPS server. */
public final class Webhook implements AutoCloseable {

  /**
   * Everything the {@code modelgate webhook} command configures.
   *
   * @param certFile PEM certificate chain, re-read when it changes
   * @param keyFile PEM private key, re-read when it changes
   * @param host bind address
   * @param port HTTPS port (0 = any free port)
   * @param defaultMode mode for namespaces without the {@code modelgate.dev/enforcement} label
   * @param exemptNamespaces namespaces never checked
   * @param missingModel what a reference to a model without an HFModel gets
   * @param storeClaims PVC names that hold the model store
   * @param maxBodyBytes larger request bodies get 413
   * @param maxThreads request threads
   * @param certCheckInterval how often the PEM files are checked for rotation
   */
  public record Config(
      Path certFile,
      Path keyFile,
      String host,
      int port,
      EnforcementMode defaultMode,
      Set<String> exemptNamespaces,
      MissingModelPolicy missingModel,
      Set<String> storeClaims,
      long maxBodyBytes,
      int maxThreads,
      Duration certCheckInterval) {

    public static final long DEFAULT_MAX_BODY_BYTES = 3L * 1024 * 1024;

    public Config {
      exemptNamespaces = Set.copyOf(exemptNamespaces);
      storeClaims = Set.copyOf(storeClaims);
    }
  }

  private final ClusterCaches caches;
  private final WebhookServer server;
  private final WebhookMetrics metrics;
  private final ReloadingKeyManager keys;
  private int port = -1;

  public Webhook(Config config, KubernetesClient client) throws IOException {
    this(config, client, ConfigMapCache.Limits.DEFAULT);
  }

  /**
   * @param configMapLimits how ConfigMaps that workloads take their environment from are fetched
   *     and cached
   */
  public Webhook(Config config, KubernetesClient client, ConfigMapCache.Limits configMapLimits)
      throws IOException {
    this.keys =
        new ReloadingKeyManager(
            config.certFile(), config.keyFile(), config.certCheckInterval(), Clock.systemUTC());
    this.caches = new ClusterCaches(client);
    this.metrics = new WebhookMetrics();
    io.micrometer.core.instrument.Gauge.builder(
            "modelgate.webhook.cached.hfmodels", caches.models(), m -> m.size())
        .description("HFModels in the webhook's cache")
        .register(metrics.registry());
    // ConfigMaps are read on demand (GET + bounded TTL cache), not by a third informer: see
    // ConfigMapCache for why.
    ConfigMapCache configMaps =
        new ConfigMapCache(
            ConfigMapCache.fabric8(client, configMapLimits),
            configMapLimits,
            metrics.registry(),
            System::nanoTime);
    AdmissionHandler handler =
        new AdmissionHandler(
            new WorkloadExtractor(new PodSpecExtractor(config.storeClaims())),
            new AdmissionDecider(caches.models(), config.missingModel()),
            new EnforcementPolicy(config.defaultMode(), config.exemptNamespaces(), caches),
            Map.of("HFModel", new HFModelValidator(), "ModelPolicy", new ModelPolicyValidator()),
            configMaps);
    this.server =
        new WebhookServer(
            new WebhookServer.Options(
                config.host(), config.port(), config.maxBodyBytes(), config.maxThreads()),
            keys,
            handler,
            metrics,
            caches::ready);
  }

  /** Starts the informers and the server; returns the HTTPS port. */
  public int start() {
    caches.start();
    port = server.start();
    return port;
  }

  public int port() {
    return port;
  }

  public boolean ready() {
    return caches.ready();
  }

  public ReloadingKeyManager keys() {
    return keys;
  }

  public WebhookMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    server.close();
    caches.close();
  }
}
