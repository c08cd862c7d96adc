package dev.modelgate.policies.card;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model card's YAML front matter, normalised the way Cloudsmith presents it to policies: list
 * fields are always lists (a scalar {@code datasets: x} becomes {@code [x]}), every key that is not
 * a known field lands in {@code extras}.
 *
 * @param fields the known fields, normalised; absent fields are absent
 * @param extras every other top-level key, as parsed (plain JSON-like values)
 * @param problem why the front matter could not be used, or null; a broken card is a finding, not a
 *     failure
 */
public record ModelCard(Map<String, Object> fields, Map<String, Object> extras, String problem) {

  /** Known keys whose value is a list in the policy input even when the card wrote a scalar. */
  static final List<String> LIST_FIELDS =
      List.of("base_model", "datasets", "language", "metrics", "tags", "eval_results");

  /** Known keys kept as they are. */
  static final List<String> SCALAR_FIELDS =
      List.of(
          "license",
          "license_name",
          "license_link",
          "library_name",
          "model_name",
          "pipeline_tag",
          "base_model_relation");

  /** A card with nothing in it: no README, or no front matter. */
  public static final ModelCard EMPTY = new ModelCard(Map.of(), Map.of(), null);

  public ModelCard {
    fields = Map.copyOf(fields);
    extras = Map.copyOf(extras);
  }

  /** The card licence, or null. */
  public String license() {
    return fields.get("license") instanceof String s ? s : null;
  }

  /** The card as the policy input's {@code card} object: fields, lists present, plus extras. */
  public Map<String, Object> toInput() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String f : LIST_FIELDS) {
      out.put(f, fields.getOrDefault(f, List.of()));
    }
    for (String f : SCALAR_FIELDS) {
      if (fields.containsKey(f)) {
        out.put(f, fields.get(f));
      }
    }
    out.put("extras", extras);
    return out;
  }
}
