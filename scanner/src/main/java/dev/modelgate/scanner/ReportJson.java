package dev.modelgate.scanner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The stable JSON form of reports (ARCHITECTURE §8): {@code {"files": [{"path", "format",
 * "severity", "findings": [{"severity", "rule", "message", "location": {"member"?, "offset"?}}],
 * "error"?, "size", "bytesRead"}], "summary": {...}}}. Fields are only ever added.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static String toJson(ScanReport report) {
    try {
      return MAPPER.writeValueAsString(toTree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode toTree(ScanReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode files = root.putArray("files");
    report.files().forEach(f -> files.add(toTree(f)));
    ObjectNode s = root.putObject("summary");
    ScanReport.Summary sum = report.summary();
    s.put("files", sum.files());
    s.put("bytes", sum.bytes());
    s.put("bytesRead", sum.bytesRead());
    s.put("maxSeverity", sum.maxSeverity().name());
    ObjectNode counts = s.putObject("findings");
    for (Severity sev :
        List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
      counts.put(sev.name(), sum.findings().getOrDefault(sev, 0));
    }
    s.put("errors", sum.errors());
    s.put("scannerVersion", sum.scannerVersion());
    return root;
  }

  public static ObjectNode toTree(FileReport f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("path", f.path());
    n.put("format", f.format());
    n.put("severity", f.severity().name());
    ArrayNode arr = n.putArray("findings");
    for (Finding x : f.findings()) {
      ObjectNode fn = arr.addObject();
      fn.put("severity", x.severity().name());
      fn.put("rule", x.rule());
      fn.put("message", x.message());
      ObjectNode loc = fn.putObject("location");
      if (x.location().member() != null) {
        loc.put("member", x.location().member());
      }
      if (x.location().hasOffset()) {
        loc.put("offset", x.location().offset());
      }
    }
    if (f.error() != null) {
      n.put("error", f.error());
    }
    n.put("size", f.size());
    n.put("bytesRead", f.bytesRead());
    return n;
  }

  /** Reads a report written by {@link #toJson} (the summary is recomputed from the files). */
  public static ScanReport fromJson(String json) throws JsonProcessingException {
    JsonNode root = MAPPER.readTree(json);
    List<FileReport> files = new ArrayList<>();
    for (JsonNode f : root.path("files")) {
      List<Finding> findings = new ArrayList<>();
      for (JsonNode x : f.path("findings")) {
        JsonNode loc = x.path("location");
        findings.add(
            new Finding(
                Severity.parse(x.path("severity").asText()),
                x.path("rule").asText(),
                x.path("message").asText(),
                new Location(
                    loc.hasNonNull("member") ? loc.get("member").asText() : null,
                    loc.path("offset").asLong(-1))));
      }
      files.add(
          new FileReport(
              f.path("path").asText(),
              f.path("format").asText("unknown"),
              Severity.parse(f.path("severity").asText("NONE")),
              findings,
              f.hasNonNull("error") ? f.get("error").asText() : null,
              f.path("size").asLong(-1),
              f.path("bytesRead").asLong(0)));
    }
    return ScanReport.of(files);
  }

  /** Per-severity counts in the order CRITICAL..INFO, for text output. */
  public static Map<Severity, Integer> counts(ScanReport r) {
    return new EnumMap<>(r.summary().findings());
  }
}
