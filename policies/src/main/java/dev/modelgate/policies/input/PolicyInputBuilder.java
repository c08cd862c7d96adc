package dev.modelgate.policies.input;

import dev.modelgate.policies.card.ModelCard;
import dev.modelgate.scanner.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the policy {@code input} document (ARCHITECTURE §5): ModelGate's native view ({@code
 * model}, {@code files}, {@code scan}, {@code card}, {@code hub}) and the Cloudsmith-compatible
 * {@code v0} view, so that Cloudsmith's Hugging Face recipes run unmodified.
 */
public final class PolicyInputBuilder {

  /**
   * Cloudsmith's uploader slug for packages fetched from the upstream Hub; every HFModel is one,
   * and the recipes skip packages without it.
   */
  public static final String UPSTREAM_UPLOADER_SLUG = "cloudsmith-o6v";

  /** The severities counted in {@code scan.counts}. */
  private static final List<Severity> COUNTED =
      List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);

  private PolicyInputBuilder() {}

  /** The whole input document, as plain JSON-like Java values. */
  public static Map<String, Object> build(ModelFacts facts) {
    HubSecuritySummary hub =
        HubSecuritySummary.of(
            facts.hub(), facts.files().stream().map(ModelFacts.FileFacts::path).toList());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", model(facts));
    doc.put("files", files(facts));
    doc.put("scan", scan(facts));
    Map<String, Object> card = new LinkedHashMap<>(facts.card().toInput());
    if (facts.card().problem() != null) {
      card.put("problem", facts.card().problem());
    }
    doc.put("card", card);
    doc.put("hub", hub(facts, hub));
    doc.put("v0", v0(facts, hub));
    return doc;
  }

  private static Map<String, Object> model(ModelFacts f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("repo", f.repo());
    m.put("publisher", f.publisher());
    m.put("revision", f.revision());
    m.put("commit", f.commit());
    m.put("namespace", f.namespace());
    m.put("name", f.name());
    m.put("gated", f.gated());
    m.put("private", f.isPrivate());
    m.put("lastModified", f.lastModified());
    m.put("tags", f.hubTags());
    m.put("pipelineTag", f.pipelineTag());
    return m;
  }

  private static List<Object> files(ModelFacts facts) {
    List<Object> out = new ArrayList<>();
    for (ModelFacts.FileFacts file : facts.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", file.path());
      m.put("extension", extension(file.path()));
      m.put("size", file.size());
      m.put("sha256", file.sha256());
      m.put("format", file.format() == null ? "unscanned" : file.format());
      m.put("severity", file.severity() == null ? Severity.NONE.name() : file.severity());
      List<Object> findings = new ArrayList<>();
      for (ModelFacts.FindingFacts finding : file.findings()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("severity", finding.severity());
        fm.put("rule", finding.rule());
        fm.put("message", finding.message());
        fm.put("location", finding.location());
        findings.add(fm);
      }
      if (file.error() != null) {
        m.put("error", file.error());
      }
      m.put("findings", findings);
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> scan(ModelFacts facts) {
    Severity max = Severity.NONE;
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (ModelFacts.FileFacts file : facts.files()) {
      Severity fileSeverity = severity(file.severity());
      if (fileSeverity.compareTo(max) > 0) {
        max = fileSeverity;
      }
      for (ModelFacts.FindingFacts finding : file.findings()) {
        counts.merge(severity(finding.severity()), 1, Integer::sum);
      }
    }
    Map<String, Object> countMap = new LinkedHashMap<>();
    for (Severity s : COUNTED) {
      countMap.put(s.name(), counts.getOrDefault(s, 0));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxSeverity", max.name());
    m.put("counts", countMap);
    return m;
  }

  /**
   * A severity name as the scanner spells it; an unknown name counts as the worst (fail closed).
   */
  private static Severity severity(String name) {
    if (name == null) {
      return Severity.NONE;
    }
    try {
      return Severity.valueOf(name);
    } catch (IllegalArgumentException e) {
      return Severity.CRITICAL;
    }
  }

  private static Map<String, Object> hub(ModelFacts facts, HubSecuritySummary summary) {
    Map<String, HubSecurityData.FileStatus> byPath = new LinkedHashMap<>();
    facts.hub().files().forEach(f -> byPath.put(f.path(), f));
    List<Object> files = new ArrayList<>();
    summary
        .perFile()
        .forEach(
            (path, verdict) -> {
              HubSecurityData.FileStatus raw = byPath.get(path);
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("path", path);
              m.put("status", raw == null || raw.status() == null ? "unscanned" : raw.status());
              m.put("verdict", verdict.name());
              m.put("scanners", raw == null ? Map.of() : raw.scanners());
              files.add(m);
            });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("availability", summary.availability());
    m.put("scanSummary", summary.scanSummary().name());
    m.put("scansDone", facts.hub().scansDone());
    m.put("filesWithIssues", facts.hub().filesWithIssues());
    m.put("files", files);
    return m;
  }

  private static Map<String, Object> v0(ModelFacts facts, HubSecuritySummary hub) {
    Map<String, Object> pkg = new LinkedHashMap<>();
    pkg.put("format", "huggingface");
    pkg.put("name", facts.repo());
    pkg.put("version", facts.commit());
    pkg.put("uploader", Map.of("slug", UPSTREAM_UPLOADER_SLUG));
    pkg.put("is_local", false);
    pkg.put("tags", packageTags(facts));
    String license = facts.card().license();
    Map<String, Object> licenseMap = new LinkedHashMap<>();
    licenseMap.put("raw_license", license);
    pkg.put("license", license == null ? null : licenseMap);
    Map<String, Object> upstream = new LinkedHashMap<>();
    upstream.put("published_at", facts.lastModified());
    pkg.put("upstream_metadata", upstream);
    List<Object> files = new ArrayList<>();
    long total = 0;
    for (ModelFacts.FileFacts file : facts.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", file.path());
      m.put("filename", basename(file.path()));
      m.put("file_extension", extension(file.path()));
      m.put("oid", file.oid());
      m.put("size", file.size());
      files.add(m);
      total += Math.max(0, file.size());
    }
    pkg.put("files", files);
    pkg.put("num_files", files.size());
    pkg.put("size", total);
    pkg.put("card", cloudsmithCard(facts.card()));

    Map<String, Object> security = new LinkedHashMap<>();
    security.put("availability", hub.availability());
    security.put("scan_summary", hub.scanSummary().name());
    security.put("source", "HUGGINGFACE_HUB");
    security.put("scan_details", hub.details());

    Map<String, Object> v0 = new LinkedHashMap<>();
    v0.put("package", pkg);
    v0.put("model_security", security);
    v0.put("repository", Map.of("name", facts.namespace()));
    v0.put("osv", List.of());
    v0.put("vulnerabilities", List.of());
    return v0;
  }

  private static Map<String, Object> cloudsmithCard(ModelCard card) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "model");
    m.putAll(card.toInput());
    return m;
  }

  /** The revision as a package tag, then the card's tags, as Cloudsmith copies them. */
  private static List<Object> packageTags(ModelFacts facts) {
    Set<String> names = new LinkedHashSet<>();
    if (!facts.revision().equals(facts.commit())) {
      names.add(facts.revision());
    }
    Object cardTags = facts.card().fields().get("tags");
    if (cardTags instanceof List<?> l) {
      l.forEach(t -> names.add(String.valueOf(t)));
    }
    List<Object> out = new ArrayList<>();
    for (String name : names) {
      out.add(Map.of("name", name, "source", "MANUAL", "tag_type", "INFO"));
    }
    return out;
  }

  /** The final {@code .suffix}, lower-cased with its dot; empty when the name has none. */
  static String extension(String path) {
    String base = basename(path);
    int dot = base.lastIndexOf('.');
    return dot <= 0 ? "" : base.substring(dot).toLowerCase(Locale.ROOT);
  }

  private static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
