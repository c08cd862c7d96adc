package dev.modelgate.rego.builtins.encoding;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML for yaml.marshal/unmarshal/is_valid, via SnakeYAML's safe constructor (no types, no
 * timestamps) with bounded aliases, nesting and size — YAML documents arrive from policy input.
 */
public final class YamlCodec {
  private static final int MAX_DEPTH = 100;
  private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

  /** Aliases can make a small document describe a huge tree: bound the expanded size. */
  private static final int MAX_NODES = 1_000_000;

  private YamlCodec() {}

  /** Resolves YAML 1.1 scalars like go-yaml v2 would, but leaves timestamps as strings. */
  private static final class NoTimestamps extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
      addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.MERGE, MERGE, "<");
      addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
    }
  }

  private static Yaml loader() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(false);
    o.setMaxAliasesForCollections(50);
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setCodePointLimit(MAX_CODE_POINTS);
    DumperOptions d = new DumperOptions();
    return new Yaml(new SafeConstructor(o), new Representer(d), d, o, new NoTimestamps());
  }

  /**
   * Parses one YAML document into a value (an empty document is null).
   *
   * @throws IllegalArgumentException with the parser's message
   */
  public static Value parse(String text) {
    Object o = null;
    try {
      // Every document must be valid; the first one is the value (as go-yaml's Unmarshal).
      boolean first = true;
      for (Object doc : loader().loadAll(text)) {
        if (first) {
          o = doc;
          first = false;
        }
      }
    } catch (YAMLException e) {
      throw new IllegalArgumentException(firstLine(e.getMessage()));
    }
    return toValue(o, 0, new int[] {MAX_NODES});
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "yaml: invalid document";
    }
    int nl = s.indexOf('\n');
    return "yaml: " + (nl >= 0 ? s.substring(0, nl) : s);
  }

  private static Value toValue(Object o, int depth, int[] budget) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("yaml: document nested too deeply");
    }
    if (--budget[0] < 0) {
      throw new IllegalArgumentException("yaml: document contains excessive aliasing");
    }
    return switch (o) {
      case null -> NullValue.INSTANCE;
      case String s -> StringValue.of(s);
      case Boolean b -> BooleanValue.of(b);
      case Integer i -> NumberValue.of(i);
      case Long l -> NumberValue.of(l);
      case BigInteger b -> NumberValue.of(b);
      case Double d -> {
        if (d.isNaN() || d.isInfinite()) {
          throw new IllegalArgumentException("yaml: unsupported value: " + d);
        }
        yield NumberValue.of(new BigDecimal(Double.toString(d)));
      }
      case Map<?, ?> m -> {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          // YAML-to-JSON conversion: keys become strings.
          Object k = e.getKey();
          String key =
              k instanceof String s
                  ? s
                  : k == null ? "null" : ValueJson.write(toValue(k, depth + 1, budget));
          b.put(StringValue.of(key), toValue(e.getValue(), depth + 1, budget));
        }
        yield b.build();
      }
      case Collection<?> c -> {
        List<Value> items = new ArrayList<>(c.size());
        for (Object x : c) {
          items.add(toValue(x, depth + 1, budget));
        }
        yield ArrayValue.of(items);
      }
      case byte[] bytes -> StringValue.of(java.util.Base64.getEncoder().encodeToString(bytes));
      default -> StringValue.of(o.toString());
    };
  }

  /** Block-style YAML like go-yaml v2 via JSON: keys sorted, sets as sorted sequences. */
  public static String write(Value v) {
    DumperOptions d = new DumperOptions();
    d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    d.setIndent(2);
    d.setIndicatorIndent(0);
    d.setSplitLines(false);
    Yaml yaml = new Yaml(new Representer(d), d);
    return yaml.dump(toJava(v));
  }

  private static Object toJava(Value v) {
    return switch (v) {
      case NullValue n -> null;
      case BooleanValue b -> b.value();
      case NumberValue n -> n.isInteger() ? n.bigIntegerOrNull() : (Object) n.doubleValue();
      case StringValue s -> s.value();
      case ArrayValue a -> {
        List<Object> out = new ArrayList<>();
        for (Value x : a.items()) {
          out.add(toJava(x));
        }
        yield out;
      }
      case SetValue s -> {
        List<Object> out = new ArrayList<>();
        for (Value x : s.sorted()) {
          out.add(toJava(x));
        }
        yield out;
      }
      case ObjectValue o -> {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (Value k : o.sortedKeys()) {
          out.put(k instanceof StringValue s ? s.value() : ValueJson.write(k), toJava(o.get(k)));
        }
        yield new LinkedHashMap<>(out);
      }
    };
  }
}
