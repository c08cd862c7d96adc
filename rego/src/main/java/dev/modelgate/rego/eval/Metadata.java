package dev.modelgate.rego.eval;

import dev.modelgate.rego.compiler.CompiledRule;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code rego.metadata.rule()} and {@code rego.metadata.chain()} from parsed METADATA blocks. */
final class Metadata {
  private Metadata() {}

  static Value call(String name, CompiledRule rule) {
    Value ann = rule == null || rule.annotations() == null ? ObjectValue.EMPTY : rule.annotations();
    ann = withoutScope(ann);
    if (name.equals("rego.metadata.rule")) {
      return ann;
    }
    List<Value> chain = new ArrayList<>();
    if (rule != null) {
      List<Value> path = new ArrayList<>();
      path.add(StringValue.of("data"));
      for (String s : rule.path()) {
        path.add(StringValue.of(s));
      }
      ObjectValue.Builder b = ObjectValue.builder().put("path", ArrayValue.of(path));
      if (rule.annotations() != null) {
        b.put("annotations", ann);
      }
      chain.add(b.build());
    }
    return ArrayValue.of(chain);
  }

  private static Value withoutScope(Value ann) {
    if (ann instanceof ObjectValue o && o.containsKey(StringValue.of("scope"))) {
      ObjectValue.Builder b = ObjectValue.builder();
      for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
        if (!e.getKey().equals(StringValue.of("scope"))) {
          b.put(e.getKey(), e.getValue());
        }
      }
      return b.build();
    }
    return ann;
  }
}
