package dev.modelgate.rego.conformance;

import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Regorus' format: v0 modules (except bindings.yaml), shaped results, special encodings. Expected
 * errors are matched by occurrence, not by regorus' wording.
 */
final class RegorusAdapter {

  Outcome run(Map<String, Object> c, Path yamlFile, String relPath) {
    if (relPath.startsWith("target/")
        || relPath.startsWith("rego-extensions/")
        || relPath.startsWith("limits/")) {
      return Outcome.notApplicable("regorus-specific feature");
    }
    if (Boolean.TRUE.equals(c.get("skip"))) {
      return Outcome.notApplicable("skipped upstream");
    }
    if (c.containsKey("want_inferred_resource_types") || c.containsKey("execution_timer")) {
      return Outcome.notApplicable("regorus-specific key");
    }
    boolean v1 = yamlFile.getFileName().toString().equals("bindings.yaml");
    List<RegoSource> modules = new ArrayList<>();
    int i = 0;
    for (Object m : (List<?>) c.getOrDefault("modules", List.of())) {
      String name = "test-" + i++ + ".rego";
      modules.add(v1 ? RegoSource.of(name, m.toString()) : RegoSource.v0(name, m.toString()));
    }
    Value data = c.containsKey("data") ? Values.fromJava(c.get("data")) : null;
    boolean strict = !Boolean.FALSE.equals(c.get("strict"));
    List<Value> inputs = new ArrayList<>();
    Object in = c.get("input");
    if (in instanceof Map<?, ?> m && m.containsKey("many!")) {
      for (Object o : (List<?>) m.get("many!")) {
        inputs.add(decode(o));
      }
    } else {
      inputs.add(c.containsKey("input") ? decode(in) : null);
    }
    List<Value> got = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    String query = String.valueOf(c.get("query"));
    for (Value input : inputs) {
      CaseRunner.Run r = CaseRunner.run(modules, query, input, data, strict);
      printed.addAll(r.printed());
      if (r.error() != null) {
        Object want = c.get("error");
        if (want == null) {
          return Outcome.fail(
              "unexpected error " + CaseRunner.describe(r.error()),
              CaseRunner.observed(r, rs -> ""));
        }
        // regorus' error texts are its own (e.g. "`indexof` expects string argument."); an
        // OPA-compatible engine reports OPA's text. The case passes when evaluation fails where
        // regorus expects it to fail; the wording is not compared.
        return Outcome.pass();
      }
      shape(r.results(), got);
    }
    String observed = "result " + ArrayValue.of(got).toJson();
    if (c.get("error") != null) {
      return Outcome.fail("expected error '" + c.get("error") + "', got " + got, observed);
    }
    if (c.get("want_prints") instanceof List<?> wp) {
      List<String> want = new ArrayList<>();
      wp.forEach(x -> want.add(String.valueOf(x)));
      if (!want.equals(printed)) {
        return Outcome.fail(
            "expected prints " + want + " got " + printed,
            "prints "
                + ArrayValue.of(printed.stream().map(x -> (Value) StringValue.of(x)).toList())
                    .toJson());
      }
    }
    if (Boolean.TRUE.equals(c.get("no_result")) || !c.containsKey("want_result")) {
      return Outcome.pass();
    }
    Object wr = c.get("want_result");
    List<Value> want = new ArrayList<>();
    if (wr instanceof Map<?, ?> m && m.containsKey("many!")) {
      for (Object o : (List<?>) m.get("many!")) {
        want.add(decode(o));
      }
    } else {
      want.add(decode(wr));
    }
    want.removeIf(v -> v == null);
    if (want.equals(got)) {
      return Outcome.pass();
    }
    return Outcome.fail("expected " + want + " got " + got, observed);
  }

  /** regorus' push_query_results. */
  private static void shape(List<QueryResult> results, List<Value> out) {
    if (results.size() == 1) {
      QueryResult r = results.get(0);
      if (!r.bindings().isEmpty()) {
        out.add(bindings(r));
      } else {
        out.addAll(r.expressions());
      }
      return;
    }
    for (QueryResult r : results) {
      out.add(r.bindings().isEmpty() ? ArrayValue.of(r.expressions()) : bindings(r));
    }
  }

  private static Value bindings(QueryResult r) {
    ObjectValue.Builder b = ObjectValue.builder();
    r.bindings().forEach((k, v) -> b.put(StringValue.of(k), v));
    return b.build();
  }

  /** Decodes {@code set!}, {@code object!} and {@code #undefined} (null). */
  static Value decode(Object o) {
    if ("#undefined".equals(o)) {
      return null;
    }
    if (o instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.containsKey("set!")) {
        SetValue.Builder b = SetValue.builder();
        for (Object x : (List<?>) m.get("set!")) {
          b.add(decode(x));
        }
        return b.build();
      }
      if (m.size() == 1 && m.containsKey("object!")) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Object x : (List<?>) m.get("object!")) {
          Map<?, ?> kv = (Map<?, ?>) x;
          b.put(decode(kv.get("key")), decode(kv.get("value")));
        }
        return b.build();
      }
      ObjectValue.Builder b = ObjectValue.builder();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Value v = decode(e.getValue());
        if (v != null) {
          b.put(Values.fromJava(e.getKey()), v);
        }
      }
      return b.build();
    }
    if (o instanceof List<?> l) {
      List<Value> items = new ArrayList<>();
      for (Object x : l) {
        Value v = decode(x);
        if (v != null) {
          items.add(v);
        }
      }
      return ArrayValue.of(items);
    }
    return Values.fromJava(o);
  }
}
