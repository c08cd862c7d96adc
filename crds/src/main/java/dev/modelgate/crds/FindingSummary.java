package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** One scanner finding as shown in the status (the store keeps the full report). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FindingSummary {
  private String file;
  private Severity severity;
  private String rule;
  private String message;

  public FindingSummary() {}

  public FindingSummary(String file, Severity severity, String rule, String message) {
    this.file = file;
    this.severity = severity;
    this.rule = rule;
    this.message = message;
  }

  public String getFile() {
    return file;
  }

  public void setFile(String file) {
    this.file = file;
  }

  public Severity getSeverity() {
    return severity;
  }

  public void setSeverity(Severity severity) {
    this.severity = severity;
  }

  public String getRule() {
    return rule;
  }

  public void setRule(String rule) {
    this.rule = rule;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FindingSummary f
        && Objects.equals(file, f.file)
        && severity == f.severity
        && Objects.equals(rule, f.rule)
        && Objects.equals(message, f.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, severity, rule, message);
  }
}
