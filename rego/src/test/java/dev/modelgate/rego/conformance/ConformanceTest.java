package dev.modelgate.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.value.ValueYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every YAML case under {@code ../shared/rego-conformance/} (and folders named by {@code
 * REGO_CONFORMANCE_EXTRA}, separated by the path separator) with one adapter per format, prints
 * {@code N passed, M failed} per folder and in total, and checks the outcome against the checked-in
 * known-failures list: an unlisted failure fails the build, and so does a listed case that now
 * passes (the list only shrinks). {@code REGO_CONFORMANCE_UPDATE=1} rewrites the list.
 *
 * <p>A second list names the regorus and rego-cpp cases whose expectation differs from what OPA
 * does (their own extensions, float64 arithmetic, stricter or looser checks). Each entry says what
 * OPA does there, and the build checks that our engine does exactly that: such a case counts as
 * "OPA-divergent (checked)", not as a pass, and it leaves the applicable total. See {@link
 * OpaDivergence}.
 */
class ConformanceTest {
  private static final String KNOWN = "rego-conformance-known-failures.tsv";
  private static ExecutorService worker;

  @BeforeAll
  static void start() {
    worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(null, r, "conformance", 64L << 20);
              t.setDaemon(true);
              return t;
            });
  }

  @AfterAll
  static void stop() {
    worker.shutdownNow();
  }

  static Path corpus() {
    String root = System.getenv("MODELGATE_REPO_ROOT");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return base.resolve("../shared/rego-conformance").normalize();
  }

  record Folder(String name, Path dir, String format) {}

  static List<Folder> folders() {
    List<Folder> out = new ArrayList<>();
    Path c = corpus();
    out.add(new Folder("opa", c.resolve("opa"), "opa"));
    out.add(new Folder("regorus", c.resolve("regorus"), "regorus"));
    out.add(new Folder("rego-cpp", c.resolve("rego-cpp"), "rego-cpp"));
    String extra = System.getenv("REGO_CONFORMANCE_EXTRA");
    if (extra != null && !extra.isBlank()) {
      for (String p : extra.split(java.io.File.pathSeparator)) {
        Path d = Path.of(p.trim());
        String n = d.getFileName().toString();
        String format = n.contains("regorus") ? "regorus" : n.contains("cpp") ? "rego-cpp" : "opa";
        out.add(new Folder("extra:" + n, d, format));
      }
    }
    return out;
  }

  @Test
  void conformance() throws Exception {
    Map<String, String> known = loadKnown();
    Map<String, OpaDivergence> divergent = OpaDivergence.load(listFile(OpaDivergence.FILE));
    Map<String, String> failures = new TreeMap<>();
    List<String> unexpected = new ArrayList<>();
    List<String> nowPassing = new ArrayList<>();
    int totalPass = 0;
    int totalFail = 0;
    int totalNa = 0;
    int totalDivergent = 0;
    StringBuilder report = new StringBuilder();
    for (Folder f : folders()) {
      if (!Files.isDirectory(f.dir())) {
        report.append(f.name()).append(": folder missing (").append(f.dir()).append(")\n");
        continue;
      }
      int pass = 0;
      int fail = 0;
      int na = 0;
      int div = 0;
      List<Path> files;
      try (Stream<Path> s = Files.walk(f.dir())) {
        files =
            s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                .sorted()
                .toList();
      }
      for (Path file : files) {
        String rel = f.dir().relativize(file).toString().replace('\\', '/');
        List<Map<String, Object>> cases = loadCases(file);
        Map<String, Integer> seen = new HashMap<>();
        for (Map<String, Object> c : cases) {
          String note = String.valueOf(c.get("note"));
          int n = seen.merge(note, 1, Integer::sum);
          String id = f.name() + "/" + rel + "#" + note + (n > 1 ? "#" + n : "");
          Outcome o = runCase(f, c, file, rel);
          switch (o.status()) {
            case PASS -> {
              pass++;
              if (known.containsKey(id) || divergent.containsKey(id)) {
                nowPassing.add(id);
              }
            }
            case NOT_APPLICABLE -> na++;
            case FAIL -> {
              OpaDivergence d = divergent.get(id);
              if (d != null) {
                if (d.matches(o.observed())) {
                  div++;
                } else {
                  unexpected.add(
                      id
                          + "\tlisted as OPA-divergent (OPA: "
                          + d.check()
                          + ") but we did: "
                          + o.observed());
                }
                continue;
              }
              fail++;
              if (System.getenv("REGO_CONFORMANCE_OBSERVED") != null) {
                System.out.println("OBSERVED\t" + id + "\t" + o.observed());
              }
              String detail = o.detail().replace('\n', ' ').replace('\t', ' ');
              if (detail.length() > 300) {
                detail = detail.substring(0, 300) + "...";
              }
              failures.put(id, detail);
              if (!known.containsKey(id)) {
                unexpected.add(id + "\t" + detail);
              }
            }
          }
        }
      }
      report.append(
          String.format(
              "%s: %d passed, %d failed, %d OPA-divergent (checked), %d not applicable — %.1f%% of"
                  + " applicable%n",
              f.name(), pass, fail, div, na, 100.0 * pass / Math.max(1, pass + fail)));
      totalDivergent += div;
      totalPass += pass;
      totalFail += fail;
      totalNa += na;
    }
    report.append(
        String.format(
            "total: %d passed, %d failed, %d OPA-divergent (checked), %d not applicable%n",
            totalPass, totalFail, totalDivergent, totalNa));
    System.out.println("== Rego conformance ==");
    System.out.print(report);
    if (!failures.isEmpty()) {
      System.out.println("failing cases:");
      failures.forEach((id, d) -> System.out.println("  " + id + " :: " + d));
    }
    if ("1".equals(System.getenv("REGO_CONFORMANCE_UPDATE"))) {
      writeKnown(failures, known);
      return;
    }
    assertThat(unexpected)
        .as(
            "failing cases not on the known-failures list "
                + KNOWN
                + " (fix them, or add them with a reason)")
        .isEmpty();
    assertThat(nowPassing)
        .as(
            "cases on the known-failures list that now pass: remove them from "
                + KNOWN
                + " (REGO_CONFORMANCE_UPDATE=1 ./mvnw -pl rego verify -Dtest=ConformanceTest"
                + " rewrites the list) or from "
                + OpaDivergence.FILE)
        .isEmpty();
  }

  private Outcome runCase(Folder f, Map<String, Object> c, Path file, String rel) throws Exception {
    Future<Outcome> fut =
        worker.submit(
            () ->
                switch (f.format()) {
                  case "regorus" -> new RegorusAdapter().run(c, file, rel);
                  case "rego-cpp" -> new OpaAdapter(true).run(c, file);
                  default -> new OpaAdapter(false).run(c, file);
                });
    try {
      return fut.get(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      fut.cancel(true);
      return Outcome.fail("timed out");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable t = e.getCause();
      return Outcome.fail("harness exception " + t);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> loadCases(Path file) throws IOException {
    String text = Files.readString(file);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : ValueYaml.yaml(text.length()).loadAll(text)) {
      if (doc instanceof Map<?, ?> m && m.get("cases") instanceof List<?> cases) {
        for (Object c : cases) {
          if (c instanceof Map<?, ?> cm) {
            out.add((Map<String, Object>) cm);
          }
        }
      }
    }
    return out;
  }

  private static Path knownFile() {
    return listFile(KNOWN);
  }

  static Path listFile(String name) {
    String root = System.getenv("MODELGATE_REPO_ROOT");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return base.resolve("rego/src/test/resources/" + name);
  }

  private static Map<String, String> loadKnown() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path f = knownFile();
    if (!Files.exists(f)) {
      return out;
    }
    for (String line : Files.readAllLines(f)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      out.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
    }
    return out;
  }

  /** A short category in front of the failure detail, so the list reads as reasons. */
  static String reason(String id, String detail) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("undefined function ([\\w.]+)").matcher(detail);
    if (m.find()) {
      return "builtin " + m.group(1) + " not implemented yet :: " + detail;
    }
    if (id.startsWith("regorus/") && detail.startsWith("expected error")) {
      return "regorus rejects this, we evaluate it (regorus-specific check) :: " + detail;
    }
    if (detail.contains("rego_parse_error")) {
      return "syntax not supported by our parser :: " + detail;
    }
    if (id.startsWith("regorus/") && detail.matches(".*\\d\\.\\d{15,}.*")) {
      return "regorus uses float64 arithmetic, OPA exact decimals :: " + detail;
    }
    return "result differs :: " + detail;
  }

  private static void writeKnown(Map<String, String> failures, Map<String, String> old)
      throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# Conformance cases known to fail, one per line: <case id> TAB <reason>.\n");
    b.append("# The build fails if another case fails or if a listed case passes.\n");
    for (Map.Entry<String, String> e : failures.entrySet()) {
      // A reason written by hand outlives the rewrite; new failures get a generated one.
      String reason =
          old.containsKey(e.getKey()) ? old.get(e.getKey()) : reason(e.getKey(), e.getValue());
      b.append(e.getKey()).append('\t').append(reason).append('\n');
    }
    Files.writeString(knownFile(), b.toString());
  }
}
