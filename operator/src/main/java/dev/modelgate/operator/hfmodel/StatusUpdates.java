package dev.modelgate.operator.hfmodel;

import static dev.modelgate.operator.hfmodel.Conditions.DOWNLOADED;
import static dev.modelgate.operator.hfmodel.Conditions.POLICY_EVALUATED;
import static dev.modelgate.operator.hfmodel.Conditions.READY;
import static dev.modelgate.operator.hfmodel.Conditions.RESOLVED;
import static dev.modelgate.operator.hfmodel.Conditions.SCANNED;

import dev.modelgate.crds.FindingSummary;
import dev.modelgate.crds.HFModelStatus;
import dev.modelgate.crds.HubSecurity;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.Progress;
import dev.modelgate.crds.ScanSummary;
import dev.modelgate.crds.Severity;
import dev.modelgate.operator.decision.Decision;
import dev.modelgate.operator.scan.ScanFinding;
import dev.modelgate.operator.store.ModelReport;
import dev.modelgate.operator.store.ScannedFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure functions from "what happened" to the HFModel status. They mutate the status they are given
 * (callers pass a copy) and keep {@code lastTransitionTime} stable, so an unchanged outcome
 * produces an equal status and no write.
 */
final class StatusUpdates {
  private StatusUpdates() {}

  /** The pipeline entered a working phase. */
  static void working(
      HFModelStatus s, Long gen, Phase phase, String commit, String msg, Instant t) {
    s.setPhase(phase);
    s.setMessage(msg);
    s.setObservedGeneration(gen);
    if (commit != null) {
      setCommit(s, commit);
    }
    var c = s.getConditions();
    switch (phase) {
      case Resolving -> c = Conditions.set(c, RESOLVED, "Unknown", "Resolving", msg, gen, t);
      case Downloading -> {
        c = Conditions.set(c, RESOLVED, "True", "Resolved", "resolved to " + commit, gen, t);
        c = Conditions.set(c, DOWNLOADED, "False", "Downloading", msg, gen, t);
      }
      case Scanning -> {
        c = Conditions.set(c, DOWNLOADED, "True", "Verified", "every file verified", gen, t);
        c = Conditions.set(c, SCANNED, "False", "Scanning", msg, gen, t);
      }
      default -> {}
    }
    c = Conditions.set(c, READY, "False", phase.name(), msg, gen, t);
    s.setConditions(c);
  }

  /** Download progress. */
  static void progress(HFModelStatus s, long done, long total) {
    s.setProgress(new Progress(done, total));
  }

  /** The model was decided from a report. */
  static void decided(
      HFModelStatus s, Long gen, ModelReport r, Decision d, String storePath, Instant t) {
    s.setPhase(d.phase());
    s.setMessage(d.reason());
    s.setObservedGeneration(gen);
    setCommit(s, r.commit());
    s.setTags(new ArrayList<>(d.tags()));
    s.setSummary(summary(r));
    s.setFindings(topFindings(r));
    s.setHub(new HubSecurity(r.hub().availability(), r.hub().scanSummary()));
    s.setDecisions(new ArrayList<>(d.log()));
    s.setProgress(new Progress(r.totalBytes(), r.totalBytes()));
    s.setStorePath(storePath);
    s.setScannerVersion(r.scannerVersion());
    var c = s.getConditions();
    String rev = r.revision() + " → " + r.commit();
    c = Conditions.set(c, RESOLVED, "True", "Resolved", rev, gen, t);
    c =
        Conditions.set(
            c,
            DOWNLOADED,
            "True",
            "Verified",
            r.files().size() + " file(s), " + Bytes.human(r.totalBytes()) + " verified",
            gen,
            t);
    c =
        Conditions.set(
            c,
            SCANNED,
            "True",
            "Scanned",
            "max severity " + r.maxSeverity() + " (scanner " + r.scannerVersion() + ")",
            gen,
            t);
    c = Conditions.set(c, POLICY_EVALUATED, "True", d.phase().name(), d.reason(), gen, t);
    c =
        d.phase() == Phase.Available
            ? Conditions.set(c, READY, "True", "Available", "published at " + storePath, gen, t)
            : Conditions.set(c, READY, "False", d.phase().name(), d.reason(), gen, t);
    s.setConditions(c);
  }

  /** The model failed for good (until the spec changes or the periodic recheck). */
  static void failed(HFModelStatus s, Long gen, String reason, String msg, Instant t) {
    s.setPhase(Phase.Failed);
    s.setMessage(msg);
    s.setObservedGeneration(gen);
    s.setStorePath(null);
    var c = s.getConditions();
    String step = stepOf(reason);
    if (step != null) {
      c = Conditions.set(c, step, "False", reason, msg, gen, t);
    }
    c = Conditions.set(c, READY, "False", reason, msg, gen, t);
    s.setConditions(c);
  }

  /** A transient failure: the phase stays, the message says when the next attempt is. */
  static void retrying(HFModelStatus s, Long gen, String reason, String msg, Instant t) {
    s.setMessage(msg);
    if (s.getPhase() == null) {
      s.setPhase(Phase.Pending);
    }
    boolean settled = s.getPhase() == Phase.Available || s.getPhase() == Phase.Quarantined;
    if (!settled) {
      s.setObservedGeneration(gen);
      s.setConditions(Conditions.set(s.getConditions(), READY, "False", reason, msg, gen, t));
    }
  }

  private static String stepOf(String reason) {
    return switch (reason) {
      case "RepoNotFound", "RevisionNotFound", "GatedRepo", "Unauthorized", "TokenSecretMissing" ->
          RESOLVED;
      case "ChecksumMismatch", "TooLarge", "FileNotFound", "UnverifiableFile", "NoFiles" ->
          DOWNLOADED;
      default -> null;
    };
  }

  private static void setCommit(HFModelStatus s, String commit) {
    s.setResolvedRevision(commit);
    s.setShortRevision(commit.length() > 7 ? commit.substring(0, 7) : commit);
  }

  static ScanSummary summary(ModelReport r) {
    Map<Severity, Integer> counts = r.findingCounts();
    Map<String, Integer> shown = new LinkedHashMap<>();
    for (Severity sev : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      shown.put(sev.name(), counts.getOrDefault(sev, 0));
    }
    return new ScanSummary(r.files().size(), r.totalBytes(), r.maxSeverity(), shown);
  }

  /**
   * The worst {@link HFModelStatus#MAX_FINDINGS} findings, worst first, stable within a severity.
   */
  static List<FindingSummary> topFindings(ModelReport r) {
    List<FindingSummary> all = new ArrayList<>();
    for (ScannedFile f : r.files()) {
      for (ScanFinding x : f.findings()) {
        all.add(
            new FindingSummary(f.path(), x.severity(), x.rule(), Conditions.truncate(x.message())));
      }
      if (f.findings().isEmpty() && f.error() != null) {
        all.add(
            new FindingSummary(
                f.path(), f.severity(), "scan-error", Conditions.truncate(f.error())));
      }
    }
    all.sort(Comparator.comparing(FindingSummary::getSeverity, Comparator.reverseOrder()));
    return new ArrayList<>(all.subList(0, Math.min(all.size(), HFModelStatus.MAX_FINDINGS)));
  }
}
