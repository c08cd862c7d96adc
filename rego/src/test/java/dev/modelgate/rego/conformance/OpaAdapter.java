package dev.modelgate.rego.conformance;

import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import dev.modelgate.rego.value.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's format (also rego-cpp's, with file modules, data/input paths and print output): the result
 * set is an unordered list of binding maps; sets print as arrays.
 */
final class OpaAdapter {
  private final boolean regoCpp;

  OpaAdapter(boolean regoCpp) {
    this.regoCpp = regoCpp;
  }

  Outcome run(Map<String, Object> c, Path yamlFile) throws IOException {
    if (regoCpp && yamlFile.getFileName().toString().equals("bigint.yaml")) {
      // Upstream: "Speculative tests ... NOT part of the compliance suite" (integer division).
      return Outcome.notApplicable("rego-cpp speculative bigint tests");
    }
    List<RegoSource> modules = new ArrayList<>();
    Object ms = c.get("modules");
    if (ms instanceof List<?> list) {
      int i = 0;
      for (Object m : list) {
        String text = String.valueOf(m);
        if (regoCpp && text.trim().endsWith(".rego") && !text.contains("\n")) {
          Path f = yamlFile.resolveSibling(text.trim());
          if (!Files.exists(f)) {
            return Outcome.notApplicable("module file not copied: " + text.trim());
          }
          modules.add(RegoSource.of(text.trim(), Files.readString(f)));
        } else {
          modules.add(RegoSource.of("test-" + i + ".rego", text));
        }
        i++;
      }
    }
    Value data = c.containsKey("data") ? Values.fromJava(c.get("data")) : null;
    Value input = c.containsKey("input") ? Values.fromJava(c.get("input")) : null;
    if (c.get("input_term") != null) {
      input = CaseRunner.term(String.valueOf(c.get("input_term")));
    }
    if (c.get("data_path") != null) {
      data =
          ValueJson.parse(Files.readString(yamlFile.resolveSibling(c.get("data_path").toString())));
    }
    if (c.get("input_path") != null) {
      input =
          ValueJson.parse(
              Files.readString(yamlFile.resolveSibling(c.get("input_path").toString())));
    }
    boolean strict = Boolean.TRUE.equals(c.get("strict_error"));
    CaseRunner.Run r = CaseRunner.run(modules, String.valueOf(c.get("query")), input, data, strict);
    String observed = CaseRunner.observed(r, OpaAdapter::show);
    Object wantCode = c.get("want_error_code");
    Object wantError = c.get("want_error");
    if (wantCode != null || wantError != null) {
      if (r.error() == null) {
        return Outcome.fail(
            "expected error " + wantCode + " " + wantError + ", got results " + show(r.results()),
            observed);
      }
      if (wantCode != null && !wantCode.equals(r.error().code())) {
        return Outcome.fail(
            "expected code " + wantCode + ", got " + CaseRunner.describe(r.error()), observed);
      }
      if (wantError != null) {
        String want = wantError.toString();
        String got = r.error().code() + ": " + r.error().message();
        if (!want.isEmpty() && !got.contains(want) && !want.contains(r.error().message())) {
          return Outcome.fail(
              "expected error '" + want + "', got " + CaseRunner.describe(r.error()), observed);
        }
      }
      return Outcome.pass();
    }
    if (r.error() != null) {
      return Outcome.fail("unexpected error " + CaseRunner.describe(r.error()), observed);
    }
    if (c.get("want_output") != null) {
      String want = c.get("want_output").toString().stripTrailing();
      String got = String.join("\n", r.printed()).stripTrailing();
      if (!want.equals(got)) {
        return Outcome.fail("expected output '" + want + "', got '" + got + "'", observed);
      }
    }
    if (c.containsKey("want_defined")) {
      boolean want = Boolean.TRUE.equals(c.get("want_defined"));
      return want == !r.results().isEmpty()
          ? Outcome.pass()
          : Outcome.fail("definedness differs", observed);
    }
    if (!c.containsKey("want_result")) {
      return Outcome.pass();
    }
    boolean sort = Boolean.TRUE.equals(c.get("sort_bindings"));
    List<Value> want = new ArrayList<>();
    Object wr = c.get("want_result");
    if (wr instanceof List<?> list) {
      for (Object o : list) {
        want.add(normalize(Values.fromJava(o), sort));
      }
    }
    List<Value> got = new ArrayList<>();
    for (QueryResult q : r.results()) {
      ObjectValue.Builder b = ObjectValue.builder();
      q.bindings().forEach((k, v) -> b.put(k, v));
      got.add(normalize(b.build(), sort));
    }
    if (regoCpp) {
      want.removeIf(v -> v instanceof ObjectValue o && o.isEmpty());
      got.removeIf(v -> v instanceof ObjectValue o && o.isEmpty());
      if (new java.util.HashSet<>(want).equals(new java.util.HashSet<>(got))) {
        return Outcome.pass();
      }
    } else if (sameMultiset(want, got)) {
      return Outcome.pass();
    }
    return Outcome.fail("expected " + want + " got " + got, observed);
  }

  static boolean sameMultiset(List<Value> a, List<Value> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Map<Value, Integer> counts = new HashMap<>();
    a.forEach(v -> counts.merge(v, 1, Integer::sum));
    for (Value v : b) {
      Integer n = counts.get(v);
      if (n == null || n == 0) {
        return false;
      }
      counts.put(v, n - 1);
    }
    return true;
  }

  /** As OPA prints it (sets → sorted arrays, non-string keys → JSON text); optional sorting. */
  static Value normalize(Value v, boolean sortTopArrays) {
    Value n = ValueJson.parse(v.toJson());
    if (!sortTopArrays || !(n instanceof ObjectValue o)) {
      return n;
    }
    ObjectValue.Builder b = ObjectValue.builder();
    for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
      Value x = e.getValue();
      if (x instanceof ArrayValue a) {
        List<Value> items = new ArrayList<>(a.items());
        items.sort(null);
        x = ArrayValue.of(items);
      }
      b.put(e.getKey(), x);
    }
    return b.build();
  }

  static String show(List<QueryResult> rs) {
    List<String> out = new ArrayList<>();
    for (QueryResult q : rs) {
      ObjectValue.Builder b = ObjectValue.builder();
      q.bindings().forEach((k, v) -> b.put(StringValue.of(k), v));
      out.add(b.build().toJson());
    }
    return out.toString();
  }
}
