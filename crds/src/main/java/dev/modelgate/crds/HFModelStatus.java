package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the operator observed and decided. Everything below {@code resolvedRevision} refers to that
 * commit. {@code findings} is bounded; the full scan report lives in the store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HFModelStatus {
  /** The most findings kept in the status; the store keeps the full report. */
  public static final int MAX_FINDINGS = 50;

  private Phase phase;
  private String message;
  private String resolvedRevision;
  private String shortRevision;
  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private List<String> tags = new ArrayList<>();
  private ScanSummary summary;
  private List<FindingSummary> findings = new ArrayList<>();
  private HubSecurity hub;
  private List<PolicyDecision> decisions = new ArrayList<>();
  private Progress progress;
  private String storePath;
  private String scannerVersion;
  private String lastResolvedTime;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  /** A one-line, user-readable reason for the phase (why it failed, what it waits for). */
  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getResolvedRevision() {
    return resolvedRevision;
  }

  public void setResolvedRevision(String resolvedRevision) {
    this.resolvedRevision = resolvedRevision;
  }

  /** The first 7 characters of {@code resolvedRevision}, for the printer column. */
  public String getShortRevision() {
    return shortRevision;
  }

  public void setShortRevision(String shortRevision) {
    this.shortRevision = shortRevision;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  public ScanSummary getSummary() {
    return summary;
  }

  public void setSummary(ScanSummary summary) {
    this.summary = summary;
  }

  public List<FindingSummary> getFindings() {
    return findings;
  }

  public void setFindings(List<FindingSummary> findings) {
    this.findings = findings;
  }

  public HubSecurity getHub() {
    return hub;
  }

  public void setHub(HubSecurity hub) {
    this.hub = hub;
  }

  public List<PolicyDecision> getDecisions() {
    return decisions;
  }

  public void setDecisions(List<PolicyDecision> decisions) {
    this.decisions = decisions;
  }

  public Progress getProgress() {
    return progress;
  }

  public void setProgress(Progress progress) {
    this.progress = progress;
  }

  /** Where the published snapshot lives in the store (empty unless Available). */
  public String getStorePath() {
    return storePath;
  }

  public void setStorePath(String storePath) {
    this.storePath = storePath;
  }

  /** Version of the scanner that produced {@code summary} and {@code findings}. */
  public String getScannerVersion() {
    return scannerVersion;
  }

  public void setScannerVersion(String scannerVersion) {
    this.scannerVersion = scannerVersion;
  }

  /** When the revision was last resolved against the Hub (RFC 3339), for refreshInterval. */
  public String getLastResolvedTime() {
    return lastResolvedTime;
  }

  public void setLastResolvedTime(String lastResolvedTime) {
    this.lastResolvedTime = lastResolvedTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HFModelStatus s
        && phase == s.phase
        && Objects.equals(message, s.message)
        && Objects.equals(resolvedRevision, s.resolvedRevision)
        && Objects.equals(shortRevision, s.shortRevision)
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(tags, s.tags)
        && Objects.equals(summary, s.summary)
        && Objects.equals(findings, s.findings)
        && Objects.equals(hub, s.hub)
        && Objects.equals(decisions, s.decisions)
        && Objects.equals(progress, s.progress)
        && Objects.equals(storePath, s.storePath)
        && Objects.equals(scannerVersion, s.scannerVersion)
        && Objects.equals(lastResolvedTime, s.lastResolvedTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, message, resolvedRevision, observedGeneration, conditions);
  }
}
