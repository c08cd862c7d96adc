package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Whether the policy compiled: Ready, or Invalid with a {@code line:col: message}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelPolicyStatus {
  /** The phases a policy can be in. */
  public enum PolicyPhase {
    Ready,
    Invalid
  }

  private PolicyPhase phase;
  private String message;
  private Long observedGeneration;

  public ModelPolicyStatus() {}

  public ModelPolicyStatus(PolicyPhase phase, String message, Long observedGeneration) {
    this.phase = phase;
    this.message = message;
    this.observedGeneration = observedGeneration;
  }

  public PolicyPhase getPhase() {
    return phase;
  }

  public void setPhase(PolicyPhase phase) {
    this.phase = phase;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelPolicyStatus s
        && phase == s.phase
        && Objects.equals(message, s.message)
        && Objects.equals(observedGeneration, s.observedGeneration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, message, observedGeneration);
  }
}
