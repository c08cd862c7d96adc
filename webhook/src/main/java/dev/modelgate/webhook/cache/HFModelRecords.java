package dev.modelgate.webhook.cache;

import dev.modelgate.webhook.decide.ModelRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Distils an HFModel (as a generic map, the shape of ARCHITECTURE §2) into a {@link ModelRecord}:
 * repo, revision, phase, approved commit and the reasons a user should see when it is not
 * Available.
 */
final class HFModelRecords {

  private static final int MAX_REASONS = 5;

  private HFModelRecords() {}

  static ModelRecord from(
      String namespace,
      String name,
      Long generation,
      Map<String, Object> spec,
      Map<String, Object> status) {
    String repo = string(spec.get("repo"));
    String revision = string(spec.get("revision"));
    if (revision == null || revision.isBlank()) revision = "main";
    String phase = string(status.get("phase"));
    if (phase == null || phase.isBlank()) phase = "Pending";
    Long observed = number(status.get("observedGeneration"));
    boolean current = generation == null || observed == null || observed >= generation;
    return new ModelRecord(
        namespace,
        name,
        repo == null ? "" : repo,
        revision,
        phase,
        string(status.get("resolvedRevision")),
        reasons(status),
        current);
  }

  /**
   * Reasons of matched policies from the decision log; failing that the worst findings; failing
   * that the Ready condition's message.
   */
  static List<String> reasons(Map<String, Object> status) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> d : maps(status.get("decisions"))) {
      if (!Boolean.TRUE.equals(d.get("matched"))) continue;
      List<?> rs = d.get("reasons") instanceof List<?> l ? l : List.of();
      if (rs.isEmpty() && d.get("policy") != null) out.add("policy " + d.get("policy"));
      for (Object r : rs) if (r != null && out.size() < MAX_REASONS) out.add(r.toString());
    }
    if (out.isEmpty()) {
      for (Map<String, Object> f : maps(status.get("findings"))) {
        String sev = string(f.get("severity"));
        if (!"CRITICAL".equals(sev) && !"HIGH".equals(sev)) continue;
        if (out.size() >= MAX_REASONS) break;
        out.add(sev + " " + f.get("file") + ": " + f.get("message"));
      }
    }
    if (out.isEmpty()) {
      String message = string(status.get("message"));
      if (message != null && !message.isBlank()) out.add(message);
    }
    if (out.isEmpty()) {
      for (Map<String, Object> c : maps(status.get("conditions"))) {
        String msg = string(c.get("message"));
        if ("Ready".equals(c.get("type"))
            && "False".equals(c.get("status"))
            && msg != null
            && !msg.isBlank()) {
          out.add(msg);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object o) {
    if (!(o instanceof List<?> list)) return List.of();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object e : list) if (e instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
    return out;
  }

  private static String string(Object o) {
    return o instanceof String s ? s : null;
  }

  private static Long number(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }
}
