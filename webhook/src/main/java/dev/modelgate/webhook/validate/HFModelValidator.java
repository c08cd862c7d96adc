package dev.modelgate.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Structural checks of an HFModel spec (ARCHITECTURE §2). */
public final class HFModelValidator implements ResourceValidator {

  private static final String PART = "[A-Za-z0-9_](?:[\\w.]|-(?!-)){0,95}";
  private static final Pattern REPO = Pattern.compile(PART + "(/" + PART + ")?");
  private static final Pattern REVISION = Pattern.compile("[\\w.][\\w./-]{0,127}");
  private static final Pattern QUANTITY =
      Pattern.compile("[0-9]+(\\.[0-9]+)?([KMGTPE]i?|[kmunE])?");
  private static final Pattern DURATION =
      Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");

  @Override
  public List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    JsonNode spec = object.path("spec");
    if (!spec.isObject()) {
      errors.add("spec is required");
      return errors;
    }
    String repo = spec.path("repo").asText("");
    if (repo.isEmpty()) errors.add("spec.repo is required");
    else if (!REPO.matcher(repo).matches() || repo.contains("..")) {
      errors.add("spec.repo must be a Hub repo id like org/name");
    }
    JsonNode rev = spec.get("revision");
    if (rev != null
        && !(rev.isTextual()
            && REVISION.matcher(rev.asText()).matches()
            && !rev.asText().contains(".."))) {
      errors.add("spec.revision must be a branch, tag, refs/pr/N or a 40-hex commit");
    }
    JsonNode files = spec.get("files");
    if (files != null) {
      boolean ok = files.isArray();
      if (ok) for (JsonNode f : files) ok &= f.isTextual() && !f.asText().isBlank();
      if (!ok) errors.add("spec.files must be a list of glob patterns");
    }
    JsonNode endpoint = spec.get("endpoint");
    if (endpoint != null
        && !(endpoint.isTextual() && endpoint.asText().matches("https?://[^\\s/]+(/\\S*)?"))) {
      errors.add("spec.endpoint must be an http(s) URL");
    }
    JsonNode token = spec.get("tokenSecretRef");
    if (token != null
        && !(token.path("name").isTextual() && !token.path("name").asText().isBlank())) {
      errors.add("spec.tokenSecretRef.name is required");
    }
    JsonNode size = spec.get("maxTotalSize");
    if (size != null
        && !(size.isTextual() && QUANTITY.matcher(size.asText()).matches())
        && !size.isIntegralNumber()) {
      errors.add("spec.maxTotalSize must be a quantity such as 200Gi");
    }
    JsonNode interval = spec.get("refreshInterval");
    if (interval != null
        && !(interval.isTextual() && DURATION.matcher(interval.asText()).matches())) {
      errors.add("spec.refreshInterval must be a duration such as 24h");
    }
    return errors;
  }
}
