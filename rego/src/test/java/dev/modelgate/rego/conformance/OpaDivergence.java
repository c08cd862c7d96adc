package dev.modelgate.rego.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A regorus or rego-cpp case whose expectation is not what OPA does, with what OPA does instead.
 *
 * <p>The list file has one entry per line: {@code <case id> TAB <check> TAB <why, with evidence>}.
 * The check is what our engine must observably do, because OPA does it:
 *
 * <ul>
 *   <li>{@code error} — evaluation or compilation fails (OPA fails too, in its own words);
 *   <li>{@code error ~text} — it fails with a message containing {@code text};
 *   <li>{@code result <json>} — it succeeds with exactly this result (as the adapter renders it).
 * </ul>
 */
record OpaDivergence(String id, String check, String why) {
  static final String FILE = "rego-conformance-opa-divergent.tsv";

  boolean matches(String observed) {
    if (check.equals("error")) {
      return observed.startsWith("error ");
    }
    if (check.startsWith("error ~")) {
      return observed.startsWith("error ") && observed.contains(check.substring(7));
    }
    return observed.equals(check);
  }

  static Map<String, OpaDivergence> load(Path file) throws IOException {
    Map<String, OpaDivergence> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    int n = 0;
    for (String line : Files.readAllLines(file)) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 3);
      if (parts.length < 3 || parts[2].isBlank()) {
        throw new IllegalStateException(
            file + ":" + n + ": want <case id> TAB <check> TAB <why>, got: " + line);
      }
      String check = parts[1];
      if (!check.equals("error")
          && !check.startsWith("error ~")
          && !check.startsWith("result ")
          && !check.startsWith("prints ")) {
        throw new IllegalStateException(file + ":" + n + ": unknown check '" + check + "'");
      }
      out.put(parts[0], new OpaDivergence(parts[0], check, parts[2]));
    }
    return out;
  }
}
