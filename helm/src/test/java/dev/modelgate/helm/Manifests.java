package dev.modelgate.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The objects of one rendering, with small typed accessors for the assertions. */
record Manifests(List<Map<String, Object>> objects) {

  @SuppressWarnings("unchecked")
  static Manifests parse(String multiDocumentYaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object doc : new Yaml(new LoaderOptions()).loadAll(multiDocumentYaml)) {
      if (doc instanceof Map<?, ?> map && !map.isEmpty()) {
        objects.add((Map<String, Object>) map);
      }
    }
    return new Manifests(List.copyOf(objects));
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  Map<String, Object> one(String kind, String name) {
    List<Map<String, Object>> found =
        ofKind(kind).stream().filter(o -> name.equals(str(o, "metadata.name"))).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + kind + " named " + name + ", found " + found.size());
    }
    return found.get(0);
  }

  /**
   * The value at a dotted path ("spec.template.spec"), or null when any step is missing. Keys that
   * themselves contain dots ("tls.crt", "helm.sh/resource-policy") are matched whole.
   */
  static Object at(Object root, String path) {
    return at(root, path.split("\\."), 0);
  }

  private static Object at(Object cur, String[] steps, int from) {
    if (from == steps.length) {
      return cur;
    }
    if (!(cur instanceof Map<?, ?> map)) {
      return null;
    }
    for (int to = steps.length; to > from; to--) {
      String key = String.join(".", java.util.Arrays.copyOfRange(steps, from, to));
      if (map.containsKey(key)) {
        Object found = at(map.get(key), steps, to);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  static String str(Object root, String path) {
    Object v = at(root, path);
    return v == null ? null : Objects.toString(v);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object root, String path) {
    Object v = at(root, path);
    if (!(v instanceof Map<?, ?>)) {
      throw new AssertionError("no map at " + path + " (found " + v + ")");
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object root, String path) {
    Object v = at(root, path);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?>)) {
      throw new AssertionError("no list at " + path + " (found " + v + ")");
    }
    return (List<Map<String, Object>>) v;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object root, String path) {
    Object v = at(root, path);
    return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).toList();
  }
}
