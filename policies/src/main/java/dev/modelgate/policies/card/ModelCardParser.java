package dev.modelgate.policies.card;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads the YAML front matter of a model card (README.md) the way {@code huggingface_hub} does,
 * with SnakeYAML in safe mode and hard limits, since the card is attacker-controlled text.
 */
public final class ModelCardParser {

  /** The largest README we look at; anything beyond is not front matter we would trust anyway. */
  public static final int MAX_README_CHARS = 1024 * 1024;

  /** The largest front-matter block, in code points. */
  public static final int MAX_FRONT_MATTER_CODE_POINTS = 256 * 1024;

  private static final int MAX_ALIASES = 50;
  private static final int MAX_DEPTH = 32;
  private static final int MAX_LIST_ITEMS = 10_000;

  // huggingface_hub's REGEX_YAML_BLOCK: a block between '---' lines at the very start.
  private static final Pattern FRONT_MATTER =
      Pattern.compile(
          "^(\\s*---(?:\\r\\n|\\r|\\n))([\\S\\s]*?)((?:\\r\\n|\\r|\\n)---[ \\t]*(\\r\\n|\\n|$))");

  private ModelCardParser() {}

  /** Parses the card; never throws: problems are reported in {@link ModelCard#problem()}. */
  public static ModelCard parse(String readme) {
    if (readme == null || readme.isEmpty()) {
      return ModelCard.EMPTY;
    }
    String text =
        readme.length() > MAX_README_CHARS ? readme.substring(0, MAX_README_CHARS) : readme;
    Matcher m = FRONT_MATTER.matcher(text);
    if (!m.find()) {
      return ModelCard.EMPTY;
    }
    String block = m.group(2);
    if (block.codePointCount(0, block.length()) > MAX_FRONT_MATTER_CODE_POINTS) {
      return broken("front matter is larger than " + MAX_FRONT_MATTER_CODE_POINTS + " characters");
    }
    Object parsed;
    try {
      parsed = yaml().load(block);
    } catch (YAMLException | IllegalArgumentException | StackOverflowError e) {
      return broken("front matter is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (parsed == null) {
      return ModelCard.EMPTY;
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      return broken("front matter is not a mapping");
    }
    try {
      return normalise(map);
    } catch (IllegalStateException e) {
      return broken(e.getMessage());
    }
  }

  private static ModelCard normalise(Map<?, ?> map) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, Object> extras = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = plain(e.getValue(), 0);
      if (ModelCard.LIST_FIELDS.contains(key)) {
        fields.put(key, asList(value));
      } else if (ModelCard.SCALAR_FIELDS.contains(key)) {
        fields.put(
            key, value == null ? null : value instanceof String s ? s : String.valueOf(value));
      } else {
        extras.put(key, value);
      }
    }
    fields.values().removeIf(v -> v == null);
    return new ModelCard(fields, extrasWithoutNulls(extras), null);
  }

  private static Map<String, Object> extrasWithoutNulls(Map<String, Object> extras) {
    // Map.copyOf rejects nulls; a YAML "key:" with no value is kept as an empty string.
    extras.replaceAll((k, v) -> v == null ? "" : v);
    return extras;
  }

  private static List<Object> asList(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        if (o != null) {
          out.add(o);
        }
      }
      return out;
    }
    return List.of(value);
  }

  /** Converts SnakeYAML's objects to plain JSON-like values (strings for dates and odd keys). */
  private static Object plain(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("front matter nests deeper than " + MAX_DEPTH + " levels");
    }
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object child = plain(e.getValue(), depth + 1);
        out.put(String.valueOf(e.getKey()), child == null ? "" : child);
      }
      return out;
    }
    if (v instanceof List<?> l) {
      if (l.size() > MAX_LIST_ITEMS) {
        throw new IllegalStateException("front matter has a list longer than " + MAX_LIST_ITEMS);
      }
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        Object child = plain(o, depth + 1);
        out.add(child == null ? "" : child);
      }
      return out;
    }
    if (v instanceof Date d) {
      return d.toInstant().toString();
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    return String.valueOf(v);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH + 2);
    options.setCodePointLimit(MAX_FRONT_MATTER_CODE_POINTS + 16);
    options.setAllowDuplicateKeys(true);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
  }

  private static ModelCard broken(String problem) {
    return new ModelCard(Map.of(), Map.of(), problem);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
