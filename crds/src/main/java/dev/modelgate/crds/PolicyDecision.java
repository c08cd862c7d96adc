package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One entry of the decision log: how one policy (or the scanner baseline) judged the model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyDecision {
  private String policy;
  private Integer precedence;
  private Boolean matched;
  private Boolean terminal;
  private List<String> reasons = new ArrayList<>();
  private List<String> actions = new ArrayList<>();
  private String error;
  private Long durationMicros;

  public PolicyDecision() {}

  public PolicyDecision(
      String policy,
      Integer precedence,
      boolean matched,
      boolean terminal,
      List<String> reasons,
      List<String> actions) {
    this.policy = policy;
    this.precedence = precedence;
    this.matched = matched;
    this.terminal = terminal;
    this.reasons = new ArrayList<>(reasons);
    this.actions = new ArrayList<>(actions);
  }

  public String getPolicy() {
    return policy;
  }

  public void setPolicy(String policy) {
    this.policy = policy;
  }

  public Integer getPrecedence() {
    return precedence;
  }

  public void setPrecedence(Integer precedence) {
    this.precedence = precedence;
  }

  public Boolean getMatched() {
    return matched;
  }

  public void setMatched(Boolean matched) {
    this.matched = matched;
  }

  public Boolean getTerminal() {
    return terminal;
  }

  public void setTerminal(Boolean terminal) {
    this.terminal = terminal;
  }

  public List<String> getReasons() {
    return reasons;
  }

  public void setReasons(List<String> reasons) {
    this.reasons = reasons;
  }

  /** The actions applied, as text, e.g. {@code SetState Quarantined}, {@code AddTags a,b}. */
  public List<String> getActions() {
    return actions;
  }

  public void setActions(List<String> actions) {
    this.actions = actions;
  }

  /** Set when the policy failed to evaluate (the model is then quarantined: fail closed). */
  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  public Long getDurationMicros() {
    return durationMicros;
  }

  public void setDurationMicros(Long durationMicros) {
    this.durationMicros = durationMicros;
  }

  @Override
  public boolean equals(Object o) {
    // durationMicros is left out on purpose: re-evaluating the same inputs must not look like a
    // status change and trigger another write.
    return o instanceof PolicyDecision d
        && Objects.equals(policy, d.policy)
        && Objects.equals(precedence, d.precedence)
        && Objects.equals(matched, d.matched)
        && Objects.equals(terminal, d.terminal)
        && Objects.equals(reasons, d.reasons)
        && Objects.equals(actions, d.actions)
        && Objects.equals(error, d.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policy, precedence, matched, terminal, reasons, actions, error);
  }
}
