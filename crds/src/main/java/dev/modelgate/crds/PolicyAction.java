package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a matching policy does: set the state, add tags or remove tags. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type != 'SetState' || has(self.state)",
    message = "SetState needs state (Available or Quarantined)")
@ValidationRule(
    value = "self.type == 'SetState' || (has(self.tags) && size(self.tags) > 0)",
    message = "AddTags and RemoveTags need at least one tag")
public class PolicyAction {
  /** The kinds of action, as Cloudsmith names them. */
  public enum Type {
    SetState,
    AddTags,
    RemoveTags
  }

  /** The states a policy may set. */
  public enum State {
    Available,
    Quarantined
  }

  /** At most this many tags per action. */
  public static final int MAX_TAGS = 32;

  @Required private Type type;
  private State state;

  @Size(max = MAX_TAGS)
  private List<String> tags = new ArrayList<>();

  public PolicyAction() {}

  public PolicyAction(Type type, State state, List<String> tags) {
    this.type = type;
    this.state = state;
    this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
  }

  /** A {@code SetState} action. */
  public static PolicyAction setStateTo(State state) {
    return new PolicyAction(Type.SetState, state, null);
  }

  /** An {@code AddTags} action. */
  public static PolicyAction addTags(String... tags) {
    return new PolicyAction(Type.AddTags, null, List.of(tags));
  }

  /** A {@code RemoveTags} action. */
  public static PolicyAction removeTags(String... tags) {
    return new PolicyAction(Type.RemoveTags, null, List.of(tags));
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public State getState() {
    return state;
  }

  public void setState(State state) {
    this.state = state;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  @Override
  public String toString() {
    return type == Type.SetState ? type + " " + state : type + " " + String.join(",", tags);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyAction a
        && type == a.type
        && state == a.state
        && Objects.equals(tags, a.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, state, tags);
  }
}
