package dev.modelgate.operator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the operator can be told, with production defaults. Built from environment variables
 * by {@link #fromEnvironment(Map)}; the CLI maps its flags onto the same fields.
 *
 * @param storePath the model store root (env {@code MODELGATE_STORE})
 * @param defaultEndpoint the Hub used when a spec names none (env {@code HF_ENDPOINT})
 * @param namespaces namespaces to watch; empty = all (env {@code MODELGATE_NAMESPACES}, commas)
 * @param maxParallelDownloads files downloaded at once, over all models
 * @param maxParallelScans files scanned at once, over all models
 * @param maxModelBytes refuse any model whose selected files exceed this (on top of the spec's
 *     {@code maxTotalSize}); {@code Long.MAX_VALUE} = no limit
 * @param defaultRefreshInterval how often a moving revision is re-resolved when the spec sets none
 * @param retryInitial first wait before retrying a transient Hub failure
 * @param retryMax the longest wait between retries of a transient failure
 * @param failedRecheck how often a Failed model is retried without a spec change (gating and
 *     permissions change on the Hub side)
 * @param hubRetries the Hub client's own retries per request (429/5xx/cut connections)
 * @param hubInitialBackoff the Hub client's first backoff
 * @param hubMaxBackoff the Hub client's longest backoff and longest honoured Retry-After
 * @param hubTimeout connect and read timeout per Hub request
 * @param progressInterval the shortest interval between progress status writes
 * @param useSsa patch status with server-side apply (real clusters) or JSON patch (mock API server)
 * @param leaderElection elect a leader with a Lease before reconciling
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace (env {@code POD_NAMESPACE}); null = client default
 * @param healthPort port of the liveness/readiness HTTP endpoints; 0 = pick a free port; -1 = none
 * @param reconcileThreads HFModels reconciled at once
 */
public record OperatorConfig(
    Path storePath,
    String defaultEndpoint,
    Set<String> namespaces,
    int maxParallelDownloads,
    int maxParallelScans,
    long maxModelBytes,
    Duration defaultRefreshInterval,
    Duration retryInitial,
    Duration retryMax,
    Duration failedRecheck,
    int hubRetries,
    Duration hubInitialBackoff,
    Duration hubMaxBackoff,
    Duration hubTimeout,
    Duration progressInterval,
    boolean useSsa,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int healthPort,
    int reconcileThreads) {

  /** The public Hub. */
  public static final String HUGGING_FACE = "https://huggingface.co";

  public OperatorConfig {
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(defaultEndpoint, "defaultEndpoint");
    namespaces = Set.copyOf(namespaces);
    if (maxParallelDownloads < 1 || maxParallelScans < 1 || reconcileThreads < 1) {
      throw new IllegalArgumentException("parallelism settings must be at least 1");
    }
    if (hubRetries < 0) {
      throw new IllegalArgumentException("hubRetries must be >= 0");
    }
  }

  /** Production defaults with the store at {@code storePath}. */
  public static OperatorConfig defaults(Path storePath) {
    return new OperatorConfig(
        storePath,
        HUGGING_FACE,
        Set.of(),
        4,
        2,
        Long.MAX_VALUE,
        Duration.ofHours(24),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofHours(1),
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofSeconds(2),
        true,
        true,
        "modelgate-operator",
        null,
        8081,
        8);
  }

  /**
   * Defaults overridden by environment variables: {@code MODELGATE_STORE}, {@code HF_ENDPOINT},
   * {@code MODELGATE_NAMESPACES}, {@code MODELGATE_MAX_PARALLEL_DOWNLOADS}, {@code
   * MODELGATE_MAX_PARALLEL_SCANS}, {@code MODELGATE_MAX_MODEL_BYTES}, {@code MODELGATE_SSA}, {@code
   * MODELGATE_LEADER_ELECTION}, {@code POD_NAMESPACE}, {@code MODELGATE_HEALTH_PORT}.
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    OperatorConfig d = defaults(Path.of(env.getOrDefault("MODELGATE_STORE", "/var/lib/modelgate")));
    return d.toBuilder()
        .defaultEndpoint(env.getOrDefault("HF_ENDPOINT", d.defaultEndpoint()))
        .namespaces(
            env.containsKey("MODELGATE_NAMESPACES")
                ? Set.of(env.get("MODELGATE_NAMESPACES").split("\\s*,\\s*"))
                : d.namespaces())
        .maxParallelDownloads(
            intEnv(env, "MODELGATE_MAX_PARALLEL_DOWNLOADS", d.maxParallelDownloads()))
        .maxParallelScans(intEnv(env, "MODELGATE_MAX_PARALLEL_SCANS", d.maxParallelScans()))
        .maxModelBytes(
            env.containsKey("MODELGATE_MAX_MODEL_BYTES")
                ? Long.parseLong(env.get("MODELGATE_MAX_MODEL_BYTES"))
                : d.maxModelBytes())
        .useSsa(Boolean.parseBoolean(env.getOrDefault("MODELGATE_SSA", "true")))
        .leaderElection(Boolean.parseBoolean(env.getOrDefault("MODELGATE_LEADER_ELECTION", "true")))
        .leaseNamespace(env.get("POD_NAMESPACE"))
        .healthPort(intEnv(env, "MODELGATE_HEALTH_PORT", d.healthPort()))
        .build();
  }

  private static int intEnv(Map<String, String> env, String key, int fallback) {
    String v = env.get(key);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy-and-change builder, so callers override a few settings and keep the rest. */
  public static final class Builder {
    private Path storePath;
    private String defaultEndpoint;
    private Set<String> namespaces;
    private int maxParallelDownloads;
    private int maxParallelScans;
    private long maxModelBytes;
    private Duration defaultRefreshInterval;
    private Duration retryInitial;
    private Duration retryMax;
    private Duration failedRecheck;
    private int hubRetries;
    private Duration hubInitialBackoff;
    private Duration hubMaxBackoff;
    private Duration hubTimeout;
    private Duration progressInterval;
    private boolean useSsa;
    private boolean leaderElection;
    private String leaseName;
    private String leaseNamespace;
    private int healthPort;
    private int reconcileThreads;

    private Builder(OperatorConfig c) {
      storePath = c.storePath;
      defaultEndpoint = c.defaultEndpoint;
      namespaces = c.namespaces;
      maxParallelDownloads = c.maxParallelDownloads;
      maxParallelScans = c.maxParallelScans;
      maxModelBytes = c.maxModelBytes;
      defaultRefreshInterval = c.defaultRefreshInterval;
      retryInitial = c.retryInitial;
      retryMax = c.retryMax;
      failedRecheck = c.failedRecheck;
      hubRetries = c.hubRetries;
      hubInitialBackoff = c.hubInitialBackoff;
      hubMaxBackoff = c.hubMaxBackoff;
      hubTimeout = c.hubTimeout;
      progressInterval = c.progressInterval;
      useSsa = c.useSsa;
      leaderElection = c.leaderElection;
      leaseName = c.leaseName;
      leaseNamespace = c.leaseNamespace;
      healthPort = c.healthPort;
      reconcileThreads = c.reconcileThreads;
    }

    public Builder storePath(Path v) {
      storePath = v;
      return this;
    }

    public Builder defaultEndpoint(String v) {
      defaultEndpoint = v;
      return this;
    }

    public Builder namespaces(Set<String> v) {
      namespaces = v;
      return this;
    }

    public Builder maxParallelDownloads(int v) {
      maxParallelDownloads = v;
      return this;
    }

    public Builder maxParallelScans(int v) {
      maxParallelScans = v;
      return this;
    }

    public Builder maxModelBytes(long v) {
      maxModelBytes = v;
      return this;
    }

    public Builder defaultRefreshInterval(Duration v) {
      defaultRefreshInterval = v;
      return this;
    }

    public Builder retryInitial(Duration v) {
      retryInitial = v;
      return this;
    }

    public Builder retryMax(Duration v) {
      retryMax = v;
      return this;
    }

    public Builder failedRecheck(Duration v) {
      failedRecheck = v;
      return this;
    }

    public Builder hubRetries(int v) {
      hubRetries = v;
      return this;
    }

    public Builder hubInitialBackoff(Duration v) {
      hubInitialBackoff = v;
      return this;
    }

    public Builder hubMaxBackoff(Duration v) {
      hubMaxBackoff = v;
      return this;
    }

    public Builder hubTimeout(Duration v) {
      hubTimeout = v;
      return this;
    }

    public Builder progressInterval(Duration v) {
      progressInterval = v;
      return this;
    }

    public Builder useSsa(boolean v) {
      useSsa = v;
      return this;
    }

    public Builder leaderElection(boolean v) {
      leaderElection = v;
      return this;
    }

    public Builder leaseName(String v) {
      leaseName = v;
      return this;
    }

    public Builder leaseNamespace(String v) {
      leaseNamespace = v;
      return this;
    }

    public Builder healthPort(int v) {
      healthPort = v;
      return this;
    }

    public Builder reconcileThreads(int v) {
      reconcileThreads = v;
      return this;
    }

    public OperatorConfig build() {
      return new OperatorConfig(
          storePath,
          defaultEndpoint,
          namespaces,
          maxParallelDownloads,
          maxParallelScans,
          maxModelBytes,
          defaultRefreshInterval,
          retryInitial,
          retryMax,
          failedRecheck,
          hubRetries,
          hubInitialBackoff,
          hubMaxBackoff,
          hubTimeout,
          progressInterval,
          useSsa,
          leaderElection,
          leaseName,
          leaseNamespace,
          healthPort,
          reconcileThreads);
    }
  }
}
