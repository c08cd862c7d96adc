package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One EPM-style policy: a Rego rule and the actions applied when it matches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelPolicySpec {
  /** The largest Rego source accepted, in characters (the API server's object limit is ~1.5 MB). */
  public static final int MAX_REGO_CHARS = 256 * 1024;

  /** At most this many actions per policy. */
  public static final int MAX_ACTIONS = 32;

  @Size(max = 1024)
  private String description;

  @Default("true")
  private Boolean enabled;

  @Default("0")
  @JsonPropertyDescription("Ascending order of evaluation.")
  private Integer precedence;

  @Default("false")
  @JsonPropertyDescription("A matching terminal policy stops evaluation.")
  private Boolean terminal;

  @Pattern(SpecPatterns.QUERY)
  @JsonPropertyDescription("Rule to evaluate; default data.<package of the rego>.match.")
  private String query;

  @Required
  @Size(min = 1, max = MAX_REGO_CHARS)
  private String rego;

  @Size(max = MAX_ACTIONS)
  private List<PolicyAction> actions = new ArrayList<>();

  /** Whether evaluation includes this policy ({@code enabled} defaults to true). */
  @JsonIgnore
  public boolean isEffectivelyEnabled() {
    return enabled == null || enabled;
  }

  /** {@code precedence}, defaulting to 0. */
  @JsonIgnore
  public int effectivePrecedence() {
    return precedence == null ? 0 : precedence;
  }

  /** {@code terminal}, defaulting to false. */
  @JsonIgnore
  public boolean isEffectivelyTerminal() {
    return terminal != null && terminal;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getPrecedence() {
    return precedence;
  }

  public void setPrecedence(Integer precedence) {
    this.precedence = precedence;
  }

  public Boolean getTerminal() {
    return terminal;
  }

  public void setTerminal(Boolean terminal) {
    this.terminal = terminal;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getRego() {
    return rego;
  }

  public void setRego(String rego) {
    this.rego = rego;
  }

  public List<PolicyAction> getActions() {
    return actions;
  }

  public void setActions(List<PolicyAction> actions) {
    this.actions = actions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelPolicySpec s
        && Objects.equals(description, s.description)
        && Objects.equals(enabled, s.enabled)
        && Objects.equals(precedence, s.precedence)
        && Objects.equals(terminal, s.terminal)
        && Objects.equals(query, s.query)
        && Objects.equals(rego, s.rego)
        && Objects.equals(actions, s.actions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(description, enabled, precedence, terminal, query, rego, actions);
  }
}
