package dev.modelgate.webhook.extract;

import java.util.HashMap;
import java.util.Map;

/**
 * The ConfigMaps of one namespace, as the extractor may read them while it resolves a container's
 * environment. Pure seam: the production view reads through a bounded cache, tests hand in a map.
 * Implementations never throw; a ConfigMap that cannot be read is {@link Unreadable}.
 */
@FunctionalInterface
public interface ConfigMapView {

  /** Answers every lookup with {@link Unreadable}, so a pod that needs a ConfigMap never passes. */
  ConfigMapView NONE = name -> new Unreadable("no ConfigMap access is configured");

  /** The ConfigMap named {@code name} in this view's namespace. */
  Lookup get(String name);

  /** What a lookup found. */
  sealed interface Lookup permits Found, Missing, Unreadable {}

  /**
   * @param data the ConfigMap's {@code data} (never {@code binaryData}: the kubelet builds the
   *     environment from {@code data} only)
   */
  record Found(Map<String, String> data) implements Lookup {
    public Found {
      data = Map.copyOf(data);
    }
  }

  /** The API server says there is no such ConfigMap. */
  record Missing() implements Lookup {}

  /**
   * @param reason why it could not be read (API error, timeout, a value over the size cap); names
   *     and sizes only, never values
   */
  record Unreadable(String reason) implements Lookup {}

  /** A view over fixed contents: names absent from {@code configMaps} are {@link Missing}. */
  static ConfigMapView of(Map<String, Map<String, String>> configMaps) {
    Map<String, Map<String, String>> copy = Map.copyOf(configMaps);
    return name -> {
      Map<String, String> data = copy.get(name);
      return data == null ? new Missing() : new Found(data);
    };
  }

  /**
   * Remembers each answer for the life of the returned view (one admission request), so every
   * container of a pod sees the same contents, as the kubelet's per-pod lookup does, and no
   * ConfigMap is fetched twice. At most {@code maxNames} distinct ConfigMaps are looked up; the
   * rest are {@link Unreadable}, so a pod cannot make the webhook fetch without bound.
   */
  default ConfigMapView perRequest(int maxNames) {
    ConfigMapView inner = this;
    Map<String, Lookup> seen = new HashMap<>();
    return name -> {
      Lookup known = seen.get(name);
      if (known != null) return known;
      Lookup answer =
          seen.size() >= maxNames
              ? new Unreadable("the pod references more than " + maxNames + " ConfigMaps")
              : inner.get(name);
      seen.put(name, answer);
      return answer;
    };
  }
}
