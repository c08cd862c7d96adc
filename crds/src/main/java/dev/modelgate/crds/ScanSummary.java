package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Totals over the selected files of the resolved commit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScanSummary {
  private Integer files;
  private Long bytes;
  private Severity maxSeverity;
  private Map<String, Integer> findings = new LinkedHashMap<>();

  public ScanSummary() {}

  public ScanSummary(int files, long bytes, Severity maxSeverity, Map<String, Integer> findings) {
    this.files = files;
    this.bytes = bytes;
    this.maxSeverity = maxSeverity;
    this.findings = new LinkedHashMap<>(findings);
  }

  public Integer getFiles() {
    return files;
  }

  public void setFiles(Integer files) {
    this.files = files;
  }

  public Long getBytes() {
    return bytes;
  }

  public void setBytes(Long bytes) {
    this.bytes = bytes;
  }

  public Severity getMaxSeverity() {
    return maxSeverity;
  }

  public void setMaxSeverity(Severity maxSeverity) {
    this.maxSeverity = maxSeverity;
  }

  /** Finding counts by severity name: CRITICAL, HIGH, MEDIUM, LOW. */
  public Map<String, Integer> getFindings() {
    return findings;
  }

  public void setFindings(Map<String, Integer> findings) {
    this.findings = findings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanSummary s
        && Objects.equals(files, s.files)
        && Objects.equals(bytes, s.bytes)
        && maxSeverity == s.maxSeverity
        && Objects.equals(findings, s.findings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(files, bytes, maxSeverity, findings);
  }
}
