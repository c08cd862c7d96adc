package dev.modelgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.ScanReport;
import dev.modelgate.scanner.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one run, one rule per rule id, one result per finding
 * (CRITICAL/HIGH → error, MEDIUM → warning, LOW/INFO → note). Members appear as logical locations;
 * byte offsets of top-level findings as regions.
 */
final class SarifReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SarifReport() {}

  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      default -> "note";
    };
  }

  static String toJson(ScanReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "ModelGate");
    driver.put("version", ModelScanner.VERSION);
    driver.put("informationUri", "https://github.com/modelgate/modelgate");
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    ArrayNode artifacts = run.putArray("artifacts");
    for (int fi = 0; fi < report.files().size(); fi++) {
      FileReport f = report.files().get(fi);
      ObjectNode art = artifacts.addObject();
      art.putObject("location").put("uri", f.path());
      if (f.size() >= 0) {
        art.put("length", f.size());
      }
      art.putObject("properties").put("format", f.format()).put("severity", f.severity().name());
      for (Finding x : f.findings()) {
        Integer idx = ruleIndex.get(x.rule());
        if (idx == null) {
          idx = ruleIndex.size();
          ruleIndex.put(x.rule(), idx);
          ObjectNode rule = rules.addObject();
          rule.put("id", x.rule());
          rule.putObject("shortDescription").put("text", x.rule());
        }
        ObjectNode r = results.addObject();
        r.put("ruleId", x.rule());
        r.put("ruleIndex", idx);
        r.put("level", level(x.severity()));
        r.putObject("message").put("text", x.message());
        ObjectNode loc = r.putArray("locations").addObject();
        ObjectNode phys = loc.putObject("physicalLocation");
        phys.putObject("artifactLocation").put("uri", f.path()).put("index", fi);
        if (x.location().member() != null) {
          loc.putArray("logicalLocations")
              .addObject()
              .put("fullyQualifiedName", x.location().member())
              .put("kind", "member");
        } else if (x.location().hasOffset()) {
          phys.putObject("region").put("byteOffset", x.location().offset());
        }
        r.putObject("properties").put("severity", x.severity().name());
      }
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
