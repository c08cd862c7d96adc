package dev.modelgate.crds.validation;

import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.crds.SpecPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Structural checks of a ModelPolicy spec: everything except compiling the Rego, which belongs to
 * the policy engine. Pure; the operator and the webhook share it.
 */
public final class ModelPolicySpecValidator {
  private static final Pattern QUERY = Pattern.compile(SpecPatterns.QUERY);
  private static final Pattern TAG = Pattern.compile(SpecPatterns.TAG);
  private static final int MAX_QUERY = 256;
  private static final int MAX_DESCRIPTION = 1024;

  private ModelPolicySpecValidator() {}

  /** Returns every violation found; an empty list means the spec is structurally valid. */
  public static List<Violation> validate(ModelPolicySpec spec) {
    List<Violation> out = new ArrayList<>();
    if (spec == null) {
      out.add(new Violation("spec", "is required"));
      return out;
    }
    if (spec.getRego() == null || spec.getRego().isBlank()) {
      out.add(new Violation("spec.rego", "is required: the Rego module to evaluate"));
    } else if (spec.getRego().length() > ModelPolicySpec.MAX_REGO_CHARS) {
      out.add(
          new Violation(
              "spec.rego", "is longer than " + ModelPolicySpec.MAX_REGO_CHARS + " characters"));
    }
    if (spec.getQuery() != null
        && (spec.getQuery().length() > MAX_QUERY || !QUERY.matcher(spec.getQuery()).matches())) {
      out.add(
          new Violation(
              "spec.query",
              "'"
                  + HFModelSpecValidator.abbreviate(spec.getQuery())
                  + "' is not a rule reference such as data.cloudsmith.match"));
    }
    if (spec.getDescription() != null && spec.getDescription().length() > MAX_DESCRIPTION) {
      out.add(
          new Violation("spec.description", "is longer than " + MAX_DESCRIPTION + " characters"));
    }
    checkActions(spec.getActions(), out);
    return out;
  }

  private static void checkActions(List<PolicyAction> actions, List<Violation> out) {
    if (actions == null) {
      return;
    }
    if (actions.size() > ModelPolicySpec.MAX_ACTIONS) {
      out.add(
          new Violation(
              "spec.actions", "at most " + ModelPolicySpec.MAX_ACTIONS + " actions are allowed"));
      return;
    }
    for (int i = 0; i < actions.size(); i++) {
      checkAction("spec.actions[" + i + "]", actions.get(i), out);
    }
  }

  private static void checkAction(String at, PolicyAction action, List<Violation> out) {
    if (action == null || action.getType() == null) {
      out.add(new Violation(at + ".type", "is required: SetState, AddTags or RemoveTags"));
      return;
    }
    List<String> tags = action.getTags() == null ? List.of() : action.getTags();
    if (action.getType() == PolicyAction.Type.SetState) {
      if (action.getState() == null) {
        out.add(new Violation(at + ".state", "SetState needs state: Available or Quarantined"));
      }
      if (!tags.isEmpty()) {
        out.add(new Violation(at + ".tags", "SetState takes no tags"));
      }
      return;
    }
    if (action.getState() != null) {
      out.add(new Violation(at + ".state", action.getType() + " takes no state"));
    }
    if (tags.isEmpty()) {
      out.add(new Violation(at + ".tags", action.getType() + " needs at least one tag"));
    } else if (tags.size() > PolicyAction.MAX_TAGS) {
      out.add(new Violation(at + ".tags", "at most " + PolicyAction.MAX_TAGS + " tags"));
    }
    for (int i = 0; i < tags.size() && i < PolicyAction.MAX_TAGS; i++) {
      String tag = tags.get(i);
      if (tag == null || !TAG.matcher(tag).matches()) {
        out.add(
            new Violation(
                at + ".tags[" + i + "]",
                "'"
                    + (tag == null ? "null" : HFModelSpecValidator.abbreviate(tag))
                    + "' is not a tag (letters, digits, '.', '_', ':', '-'; at most 63)"));
      }
    }
  }
}
