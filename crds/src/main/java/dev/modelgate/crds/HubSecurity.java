package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The Hub's own security scanners' verdict on the commit, as Cloudsmith reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HubSecurity {
  private String availability;
  private String scanSummary;

  public HubSecurity() {}

  public HubSecurity(String availability, String scanSummary) {
    this.availability = availability;
    this.scanSummary = scanSummary;
  }

  /** COMPLETE, PARTIAL or UNAVAILABLE. */
  public String getAvailability() {
    return availability;
  }

  public void setAvailability(String availability) {
    this.availability = availability;
  }

  /** SAFE, UNSAFE, SUSPICIOUS or UNKNOWN. */
  public String getScanSummary() {
    return scanSummary;
  }

  public void setScanSummary(String scanSummary) {
    this.scanSummary = scanSummary;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HubSecurity h
        && Objects.equals(availability, h.availability)
        && Objects.equals(scanSummary, h.scanSummary);
  }

  @Override
  public int hashCode() {
    return Objects.hash(availability, scanSummary);
  }
}
