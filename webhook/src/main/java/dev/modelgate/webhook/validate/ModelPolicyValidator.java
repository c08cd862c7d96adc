package dev.modelgate.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Structural checks of a ModelPolicy spec (ARCHITECTURE §2), then its Rego through the {@link
 * RegoCompiler} seam so a broken policy is rejected at {@code kubectl apply} with line:column.
 */
public final class ModelPolicyValidator implements ResourceValidator {

  private static final Set<String> STATES = Set.of("Available", "Quarantined");

  private static final int MAX_REGO_CHARS = 256 * 1024;

  private final RegoCompiler compiler;

  public ModelPolicyValidator(RegoCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    JsonNode spec = object.path("spec");
    if (!spec.isObject()) {
      errors.add("spec is required");
      return errors;
    }
    JsonNode rego = spec.get("rego");
    if (rego == null || !rego.isTextual() || rego.asText().isBlank()) {
      errors.add("spec.rego is required");
    } else if (rego.asText().length() > MAX_REGO_CHARS) {
      errors.add("spec.rego is longer than " + MAX_REGO_CHARS + " characters");
    }
    checkType(spec, "enabled", JsonNode::isBoolean, "a boolean", errors);
    checkType(spec, "terminal", JsonNode::isBoolean, "a boolean", errors);
    checkType(spec, "precedence", JsonNode::isIntegralNumber, "an integer", errors);
    checkType(spec, "description", JsonNode::isTextual, "a string", errors);
    JsonNode query = spec.get("query");
    if (query != null
        && !(query.isTextual() && query.asText().matches("data(\\.[A-Za-z_][\\w]*)+"))) {
      errors.add("spec.query must look like data.<package>.<rule>");
    }
    JsonNode actions = spec.get("actions");
    if (actions != null && !actions.isArray()) {
      errors.add("spec.actions must be a list");
    } else if (actions != null) {
      for (int i = 0; i < actions.size(); i++)
        action(actions.get(i), "spec.actions[" + i + "]", errors);
    }
    if (errors.isEmpty()) {
      String q = query == null ? null : query.asText();
      for (String e : compiler.compile(rego.asText(), q)) errors.add("spec.rego: " + e);
    }
    return errors;
  }

  private static void action(JsonNode a, String at, List<String> errors) {
    String type = a.path("type").asText("");
    switch (type) {
      case "SetState" -> {
        if (!STATES.contains(a.path("state").asText(""))) {
          errors.add(at + ".state must be Available or Quarantined");
        }
      }
      case "AddTags", "RemoveTags" -> {
        JsonNode tags = a.get("tags");
        boolean ok = tags != null && tags.isArray() && !tags.isEmpty();
        if (ok) for (JsonNode t : tags) ok &= t.isTextual() && !t.asText().isBlank();
        if (!ok) errors.add(at + ".tags must be a non-empty list of strings");
      }
      default -> errors.add(at + ".type must be SetState, AddTags or RemoveTags");
    }
  }

  private static void checkType(
      JsonNode spec,
      String field,
      java.util.function.Predicate<JsonNode> ok,
      String what,
      List<String> errors) {
    JsonNode v = spec.get(field);
    if (v != null && !v.isNull() && !ok.test(v)) {
      String msg = "spec." + field + " must be " + what;
      if (!errors.contains(msg)) errors.add(msg);
    }
  }
}
