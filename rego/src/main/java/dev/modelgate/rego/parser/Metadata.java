package dev.modelgate.rego.parser;

import dev.modelgate.rego.ast.Location;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.Values;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Finds {@code # METADATA} comment blocks and parses their YAML. */
final class Metadata {
  private Metadata() {}

  /** Annotations by the line of the rule/package they precede (the line after the block). */
  static Map<Integer, Value> blocks(TreeMap<Integer, String> comments, String file) {
    Map<Integer, Value> out = new HashMap<>();
    for (Map.Entry<Integer, String> e : comments.entrySet()) {
      if (!e.getValue().trim().equals("METADATA")) {
        continue;
      }
      StringBuilder yaml = new StringBuilder();
      int line = e.getKey() + 1;
      while (comments.containsKey(line)) {
        String text = comments.get(line);
        yaml.append(text.startsWith(" ") ? text.substring(1) : text).append('\n');
        line++;
      }
      try {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(10);
        opts.setCodePointLimit(1 << 20);
        Object parsed = new Yaml(new SafeConstructor(opts)).load(yaml.toString());
        out.put(line, Values.fromJava(parsed == null ? Map.of() : parsed));
      } catch (RuntimeException ex) {
        throw new RegoParseException(
            new Location(file, e.getKey(), 1), "invalid METADATA block: " + ex.getMessage());
      }
    }
    return out;
  }
}
