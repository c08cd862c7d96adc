package dev.modelgate.rego.value;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML to values, close to Go's YAML 1.2 handling used by OPA: only {@code true/false} are booleans
 * (not {@code yes/no}), timestamps stay strings. Bounded: aliases, size and depth.
 */
public final class ValueYaml {
  private ValueYaml() {}

  /** Parses one YAML document (an empty document is null). */
  public static Value parse(String yaml) {
    try {
      Object o = yaml(yaml.length()).load(yaml);
      return Values.fromJava(o);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid YAML: " + e.getMessage(), e);
    }
  }

  /** A SnakeYAML loader configured as above, for callers that need the Java objects. */
  public static Yaml yaml(int size) {
    LoaderOptions opts = new LoaderOptions();
    opts.setMaxAliasesForCollections(50);
    opts.setNestingDepthLimit(ValueJson.MAX_DEPTH);
    opts.setCodePointLimit(Math.max(size + 16, 3 * 1024 * 1024));
    opts.setAllowDuplicateKeys(true);
    return new Yaml(
        new ExactNumbers(opts),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        opts,
        new GoLikeResolver());
  }

  /** Floats become exact decimals (a YAML 1e400 must not turn into Infinity). */
  private static final class ExactNumbers extends SafeConstructor {
    ExactNumbers(LoaderOptions opts) {
      super(opts);
      Construct plain = this.yamlConstructors.get(Tag.FLOAT);
      this.yamlConstructors.put(
          Tag.FLOAT,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              String text = ((ScalarNode) node).getValue().replace("_", "");
              try {
                return new BigDecimal(text);
              } catch (NumberFormatException e) {
                return plain.construct(node);
              }
            }
          });
    }
  }

  private static final class GoLikeResolver extends Resolver {
    private static final Pattern BOOL12 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

    @Override
    public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
      if (tag.equals(Tag.TIMESTAMP)) {
        return;
      }
      if (tag.equals(Tag.BOOL)) {
        super.addImplicitResolver(tag, BOOL12, "tTfF", limit);
        return;
      }
      super.addImplicitResolver(tag, regexp, first, limit);
    }
  }
}
