package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.HFModelStatus;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyDecision;
import dev.modelgate.crds.validation.GoDuration;
import dev.modelgate.crds.validation.HFModelSpecValidator;
import dev.modelgate.crds.validation.Violation;
import dev.modelgate.operator.OperatorConfig;
import dev.modelgate.operator.decision.Decision;
import dev.modelgate.operator.decision.DecisionInput;
import dev.modelgate.operator.decision.ModelDecider;
import dev.modelgate.operator.decision.ModelRef;
import dev.modelgate.operator.source.SourceException;
import dev.modelgate.operator.source.SourceRequest;
import dev.modelgate.operator.store.Claim;
import dev.modelgate.operator.store.ModelReport;
import dev.modelgate.operator.store.ModelStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what one reconcile of an HFModel does, and does it: validate, then either re-decide from
 * the cached report (a ModelPolicy changed, the operator restarted: no Hub traffic) or run the
 * pipeline; publish or withdraw; build the status. Failures become a status with a readable
 * message, never an exception out of here (except failures to talk to the API server, which JOSDK
 * retries).
 */
final class ModelProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(ModelProcessor.class);
  private static final String TOKEN_SECRET_MISSING = "TokenSecretMissing";

  /** What a reconcile produced: the status to write and when to look again (null = on events). */
  record Outcome(HFModelStatus status, Duration requeue) {}

  private final ModelPipeline pipeline;
  private final ModelStore store;
  private final ModelDecider decider;
  private final TokenReader tokens;
  private final StatusWriter writer;
  private final ModelEvents events;
  private final OperatorConfig config;
  private final Clock clock;
  private final Map<String, Integer> transientAttempts = new ConcurrentHashMap<>();
  private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();

  ModelProcessor(
      ModelPipeline pipeline,
      ModelStore store,
      ModelDecider decider,
      TokenReader tokens,
      StatusWriter writer,
      ModelEvents events,
      OperatorConfig config,
      Clock clock) {
    this.pipeline = pipeline;
    this.store = store;
    this.decider = decider;
    this.tokens = tokens;
    this.writer = writer;
    this.events = events;
    this.config = config;
    this.clock = clock;
  }

  Outcome process(HFModel m, HFModelStatus status, List<ModelPolicy> policies)
      throws InterruptedException {
    String ns = m.getMetadata().getNamespace();
    String name = m.getMetadata().getName();
    String uid = m.getMetadata().getUid();
    Long gen = m.getMetadata().getGeneration();
    HFModelSpec spec = m.getSpec();
    Instant now = clock.instant();

    List<Violation> violations = HFModelSpecValidator.validate(spec);
    if (!violations.isEmpty()) {
      withdraw(ns, name);
      String msg =
          "invalid spec: "
              + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
      StatusUpdates.failed(status, gen, "InvalidSpec", msg, now);
      return new Outcome(status, null);
    }

    boolean sameGeneration = gen != null && gen.equals(status.getObservedGeneration());
    boolean settled =
        status.getPhase() == Phase.Available || status.getPhase() == Phase.Quarantined;
    Optional<ModelReport> cached = store.readReport(ns, name);
    if (sameGeneration && settled && current(cached, status, spec) && !refreshDue(status, spec)) {
      // The cheap path: a ModelPolicy changed or the operator restarted. No Hub traffic.
      return decide(m, status, cached.get(), policies, now);
    }
    if (sameGeneration && status.getPhase() == Phase.Failed) {
      Instant since = failedAt.get(uid);
      if (since != null && since.plus(config.failedRecheck()).isAfter(now)) {
        return new Outcome(status, Duration.between(now, since.plus(config.failedRecheck())));
      }
    }
    return runPipeline(m, status, policies, sameGeneration && settled);
  }

  private Outcome runPipeline(
      HFModel m, HFModelStatus status, List<ModelPolicy> policies, boolean refreshOnly)
      throws InterruptedException {
    String ns = m.getMetadata().getNamespace();
    String name = m.getMetadata().getName();
    String uid = m.getMetadata().getUid();
    Long gen = m.getMetadata().getGeneration();
    HFModelSpec spec = m.getSpec();
    PipelineListener listener =
        refreshOnly ? new QuietListener() : new StatusListener(m, status, gen);
    try {
      String token = tokens.read(ns, spec.getTokenSecretRef());
      String endpoint = spec.getEndpoint() != null ? spec.getEndpoint() : config.defaultEndpoint();
      long limit = Math.min(HFModelSpecValidator.maxTotalBytes(spec), config.maxModelBytes());
      String limitLabel =
          spec.getMaxTotalSize() != null
                  && HFModelSpecValidator.maxTotalBytes(spec) <= config.maxModelBytes()
              ? spec.getMaxTotalSize().toString() + " (spec.maxTotalSize)"
              : Bytes.human(config.maxModelBytes()) + " (operator limit)";
      ModelJob job =
          new ModelJob(
              ns,
              name,
              spec.effectiveRevision(),
              spec.getFiles(),
              limit,
              limitLabel,
              new SourceRequest(endpoint, token, spec.getRepo()));
      ModelReport report = pipeline.run(job, listener);
      status.setLastResolvedTime(clock.instant().toString());
      transientAttempts.remove(uid);
      failedAt.remove(uid);
      return decide(m, status, report, policies, clock.instant());
    } catch (ModelRejectedException e) {
      return fail(m, status, e.reason(), e.getMessage());
    } catch (SourceException e) {
      if (e.kind().retryable()) {
        return retry(m, status, "HubUnavailable", e.getMessage());
      }
      return fail(m, status, reasonOf(e.kind()), e.getMessage());
    } catch (IOException e) {
      LOG.warn("store failure for {}", m.key(), e);
      return retry(m, status, "StoreError", "model store error: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("unexpected failure reconciling {}", m.key(), e);
      return retry(m, status, "InternalError", "internal error: " + e);
    }
  }

  private Outcome decide(
      HFModel m, HFModelStatus status, ModelReport report, List<ModelPolicy> policies, Instant t) {
    String ns = m.getMetadata().getNamespace();
    String name = m.getMetadata().getName();
    ModelRef ref =
        new ModelRef(ns, name, report.repo(), m.getSpec().effectiveRevision(), report.commit());
    Decision decision;
    try {
      decision = decider.decide(new DecisionInput(ref, report, policies));
    } catch (RuntimeException e) {
      // Fail closed: a decider that cannot decide never lets a model through.
      LOG.error("decider failed for {}", m.key(), e);
      PolicyDecision entry = new PolicyDecision("decider", null, true, false, List.of(), List.of());
      entry.setError(e.toString());
      decision =
          new Decision(
              Phase.Quarantined, List.of(), List.of(entry), "policy evaluation failed: " + e);
    }
    try {
      String storePath = null;
      if (decision.phase() == Phase.Available) {
        Claim claim =
            new Claim(
                report.repo(),
                m.getSpec().effectiveRevision(),
                report.commit(),
                report.files().stream()
                    .map(f -> new Claim.Entry(f.path(), f.contentId()))
                    .toList());
        storePath = store.publish(ns, name, claim).toString();
      } else {
        store.unpublish(ns, name);
      }
      StatusUpdates.decided(
          status, m.getMetadata().getGeneration(), report, decision, storePath, t);
      return new Outcome(status, untilRefresh(status, m.getSpec()));
    } catch (IOException e) {
      LOG.warn("could not publish {}", m.key(), e);
      return retry(m, status, "StoreError", "could not publish into the model store: " + e);
    }
  }

  private Outcome fail(HFModel m, HFModelStatus status, String reason, String message) {
    withdraw(m.getMetadata().getNamespace(), m.getMetadata().getName());
    StatusUpdates.failed(status, m.getMetadata().getGeneration(), reason, message, clock.instant());
    String uid = m.getMetadata().getUid();
    if (TOKEN_SECRET_MISSING.equals(reason)) {
      // The Secret is often applied together with the HFModel, and may land just after it: look
      // again soon (with backoff) rather than at the slow recheck of Hub-side failures.
      return new Outcome(status, backoff(transientAttempts.merge(uid, 1, Integer::sum)));
    }
    transientAttempts.remove(uid);
    failedAt.put(uid, clock.instant());
    return new Outcome(status, config.failedRecheck());
  }

  private Outcome retry(HFModel m, HFModelStatus status, String reason, String message) {
    int attempt = transientAttempts.merge(m.getMetadata().getUid(), 1, Integer::sum);
    Duration wait = backoff(attempt);
    String msg = message + "; retrying in " + human(wait) + " (attempt " + attempt + ")";
    if (attempt == 1) {
      events.warning(m, reason, msg);
    }
    StatusUpdates.retrying(status, m.getMetadata().getGeneration(), reason, msg, clock.instant());
    return new Outcome(status, wait);
  }

  /** Forgets per-model memory when the HFModel is deleted. */
  void forget(String uid) {
    transientAttempts.remove(uid);
    failedAt.remove(uid);
  }

  private void withdraw(String ns, String name) {
    try {
      store.unpublish(ns, name);
    } catch (IOException e) {
      LOG.warn("could not withdraw {}/{} from the store", ns, name, e);
    }
  }

  private Duration backoff(int attempt) {
    long initial = Math.max(1, config.retryInitial().toMillis());
    long ms = initial << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(ms, config.retryMax().toMillis()));
  }

  /** Whether a cached report describes what the status says was decided, for this spec. */
  private boolean current(Optional<ModelReport> cached, HFModelStatus status, HFModelSpec spec) {
    if (cached.isEmpty()) {
      return false;
    }
    ModelReport r = cached.get();
    List<String> globs = spec.getFiles() == null ? List.of() : spec.getFiles();
    return r.commit().equals(status.getResolvedRevision())
        && r.repo().equals(spec.getRepo())
        && r.selection().equals(globs)
        && r.scannerVersion().equals(pipeline.scannerVersion());
  }

  private boolean refreshDue(HFModelStatus status, HFModelSpec spec) {
    return untilRefresh(status, spec).isZero();
  }

  private Duration untilRefresh(HFModelStatus status, HFModelSpec spec) {
    if (status.getLastResolvedTime() == null) {
      return Duration.ZERO;
    }
    Duration interval =
        spec.getRefreshInterval() != null
            ? GoDuration.parse(spec.getRefreshInterval())
            : config.defaultRefreshInterval();
    Instant due = Instant.parse(status.getLastResolvedTime()).plus(interval);
    Duration left = Duration.between(clock.instant(), due);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static String reasonOf(SourceException.Kind kind) {
    return switch (kind) {
      case REPO_NOT_FOUND -> "RepoNotFound";
      case REVISION_NOT_FOUND -> "RevisionNotFound";
      case ENTRY_NOT_FOUND -> "FileNotFound";
      case GATED -> "GatedRepo";
      case UNAUTHORIZED -> "Unauthorized";
      case CHECKSUM_MISMATCH -> "ChecksumMismatch";
      case TRANSIENT -> "HubUnavailable";
      case PROTOCOL -> "HubProtocolError";
    };
  }

  static String human(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    if (d.toSeconds() < 120) {
      return d.toSeconds() + "s";
    }
    return d.toMinutes() + "m";
  }

  /** Shows the pipeline's phases and progress in the status while it runs. */
  private final class StatusListener implements PipelineListener {
    private final HFModel model;
    private final HFModelStatus status;
    private final Long gen;
    private Instant lastProgressWrite = Instant.EPOCH;

    StatusListener(HFModel model, HFModelStatus status, Long gen) {
      this.model = model;
      this.status = status;
      this.gen = gen;
    }

    @Override
    public void onPhase(Phase phase, String commit, String message) {
      Phase before = status.getPhase();
      StatusUpdates.working(status, gen, phase, commit, message, clock.instant());
      if (phase == Phase.Downloading && before != Phase.Downloading) {
        events.normal(model, "Downloading", message);
      }
      writeQuietly();
    }

    /** Progress writes are best effort: a failed one must not fail the download. */
    private void writeQuietly() {
      try {
        writer.write(model, status);
      } catch (RuntimeException e) {
        LOG.debug("could not write progress of {}: {}", model.key(), e.toString());
      }
    }

    @Override
    public void onProgress(long bytesDone, long bytesTotal) {
      StatusUpdates.progress(status, bytesDone, bytesTotal);
      Instant now = clock.instant();
      if (Duration.between(lastProgressWrite, now).compareTo(config.progressInterval()) >= 0) {
        lastProgressWrite = now;
        writeQuietly();
      }
    }
  }

  /** A refresh of a settled model: the model stays as it is until the new result is in. */
  private static final class QuietListener implements PipelineListener {
    @Override
    public void onPhase(Phase phase, String commit, String message) {}

    @Override
    public void onProgress(long bytesDone, long bytesTotal) {}
  }
}
