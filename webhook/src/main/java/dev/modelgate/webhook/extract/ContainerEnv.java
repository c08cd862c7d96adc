package dev.modelgate.webhook.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A container's environment built the way the kubelet builds it: {@code envFrom} sources in order
 * (a later source overrides an earlier one), then {@code env} entries in order overriding them,
 * each {@code value} {@code $(VAR)}-expanded with the variables defined so far, {@code
 * configMapKeyRef} values read from the namespace's ConfigMaps.
 *
 * <p>Values ModelGate cannot see (Secrets, which it never reads, and pod fields) are stood in for
 * by {@link #UNKNOWN_ORG}{@code /<n>}: shaped like a repo id, so wherever a model is read from such
 * a value the reference names the marker and {@link #origin} says where the value would come from.
 *
 * <p>A ConfigMap the pod needs but that cannot be read, or that does not exist although the pod
 * requires it (the kubelet would retry until someone creates it, with any contents), is a {@link
 * #problems() problem}: ModelGate cannot check what the container would load.
 */
final class ContainerEnv {

  /** The organisation of the stand-in for an unknown value. */
  static final String UNKNOWN_ORG = "modelgate-unknown-value";

  /** The kubelet skips {@code envFrom} keys that are not valid environment variable names. */
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private static final int MAX_ENV_FROM = 256;
  private static final int MAX_KEYS_PER_SOURCE = 4096;

  private final Map<String, String> values = new LinkedHashMap<>();

  /** By stand-in number: the variable and where its value would come from. */
  private final List<Unknown> origins = new ArrayList<>();

  /**
   * @param slashFree the value cannot contain {@code /} (pod names, labels, IPs, resource
   *     quantities), so it can never be an {@code org/name} id, only a bare one
   */
  private record Unknown(String var, String origin, boolean slashFree) {}

  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Boolean> reported = new HashMap<>();

  /** The ConfigMap each variable's value came from, for messages; absent for literal values. */
  private final Map<String, String> provenance = new HashMap<>();

  /** {@code envFrom} Secrets as (name, prefix): they may define any variable with that prefix. */
  private final List<String[]> secretSources = new ArrayList<>();

  /** Stand-ins handed out for variables only an {@code envFrom} Secret could define. */
  private final Map<String, String> maybeSecret = new HashMap<>();

  /**
   * A reason ModelGate cannot check what the container loads.
   *
   * @param source where it arises, e.g. {@code envFrom ConfigMap cfg}; names only, never values
   * @param message a sentence fragment, e.g. {@code could not read ConfigMap cfg to check ...}
   */
  record Problem(String source, String message) {}

  private ContainerEnv() {}

  /**
   * @param container a {@code Container} object
   * @param maxEnv at most this many {@code env} entries are read
   */
  static ContainerEnv resolve(JsonNode container, ConfigMapView configMaps, int maxEnv) {
    ContainerEnv env = new ContainerEnv();
    int n = 0;
    for (JsonNode from : container.path("envFrom")) {
      if (++n > MAX_ENV_FROM) break;
      env.addSource(from, configMaps);
    }
    n = 0;
    for (JsonNode e : container.path("env")) {
      if (++n > maxEnv) break;
      env.addVar(e, configMaps);
    }
    return env;
  }

  /**
   * Where {@code var}'s value came from, as a suffix for a reference's source: {@code " from
   * ConfigMap cfg"}, or empty for a value written in the pod spec.
   */
  String from(String var) {
    String cm = provenance.get(var);
    return cm == null ? "" : " from ConfigMap " + cm;
  }

  /** Every variable in the order the kubelet defines it; unknown values hold their stand-in. */
  Map<String, String> values() {
    return values;
  }

  /**
   * The variables as {@code $(VAR)} expansion sees them: {@link #values()}, and for a name defined
   * nowhere while an {@code envFrom} Secret (whose keys are unknown) could define it, a stand-in
   * naming that Secret. So {@code --model $(M)} with {@code M} perhaps from an {@code envFrom}
   * Secret is uncheckable, while a variable nothing could define stays as written, as in the
   * kubelet.
   */
  Map<String, String> forExpansion() {
    if (secretSources.isEmpty()) return values;
    return new java.util.AbstractMap<>() {
      @Override
      public String get(Object key) {
        String v = values.get(key);
        return v != null || !(key instanceof String name) ? v : fromSecretSource(name);
      }

      @Override
      public java.util.Set<Map.Entry<String, String>> entrySet() {
        return values.entrySet();
      }
    };
  }

  private String fromSecretSource(String var) {
    String known = maybeSecret.get(var);
    if (known != null) return known;
    if (!ENV_NAME.matcher(var).matches() || maybeSecret.size() >= MAX_KEYS_PER_SOURCE) return null;
    // The last matching source would win in the kubelet; name it.
    String secret = null;
    for (String[] src : secretSources) {
      if (var.startsWith(src[1])) secret = src[0];
    }
    if (secret == null) return null;
    String marker = UNKNOWN_ORG + "/" + origins.size();
    origins.add(
        new Unknown(
            printable(var),
            "envFrom Secret " + secret + " (if it defines " + printable(var) + ")",
            false));
    maybeSecret.put(var, marker);
    return marker;
  }

  List<Problem> problems() {
    return problems;
  }

  /** Whether {@code value} is (or contains) the stand-in for a value ModelGate cannot see. */
  static boolean isUnknown(String value) {
    return value != null && value.contains(UNKNOWN_ORG);
  }

  /** Where the unknown value named in {@code target} comes from, e.g. {@code Secret hf}. */
  String origin(String target) {
    return origin(target, false);
  }

  /**
   * @param viaVariable also name the variable that carries it: {@code Secret hf via $(M)}
   */
  String origin(String target, boolean viaVariable) {
    Unknown u = unknownIn(target);
    if (u == null) return "a value ModelGate cannot see";
    return viaVariable ? u.origin() + " via $(" + u.var() + ")" : u.origin();
  }

  /**
   * Whether {@code value} is exactly one unknown value that cannot contain {@code /}: such a value
   * can never be an {@code org/name} id, so variables that only count {@code org/name} values
   * ({@code MODEL_NAME}, adapters) may ignore it.
   */
  boolean neverOrgName(String value) {
    Unknown u = unknownIn(value);
    return u != null && u.slashFree() && value.equals(UNKNOWN_ORG + "/" + origins.indexOf(u));
  }

  private Unknown unknownIn(String target) {
    int at = target.indexOf(UNKNOWN_ORG + "/");
    if (at < 0) return null;
    int start = at + UNKNOWN_ORG.length() + 1;
    int end = start;
    while (end < target.length() && Character.isDigit(target.charAt(end))) end++;
    if (end == start || end - start > 6) return null;
    int i = Integer.parseInt(target.substring(start, end));
    return i < origins.size() ? origins.get(i) : null;
  }

  private void addSource(JsonNode from, ConfigMapView configMaps) {
    JsonNode ref = from.path("configMapRef");
    JsonNode secret = from.path("secretRef");
    if (secret.isObject()) {
      // Keys and values unknown: only $(VAR) of otherwise undefined names is traced to it.
      secretSources.add(
          new String[] {printable(secret.path("name").asText("")), from.path("prefix").asText("")});
      return;
    }
    if (!ref.isObject()) return;
    String name = ref.path("name").asText("");
    String prefix = from.path("prefix").asText("");
    String source = "envFrom ConfigMap " + printable(name);
    Map<String, String> data = read(name, optional(ref), source, configMaps);
    if (data == null) return;
    int n = 0;
    for (Map.Entry<String, String> e : data.entrySet()) {
      if (++n > MAX_KEYS_PER_SOURCE) break;
      String var = prefix + e.getKey();
      if (ENV_NAME.matcher(var).matches()) {
        values.put(var, e.getValue());
        provenance.put(var, printable(name));
      }
    }
  }

  private void addVar(JsonNode e, ConfigMapView configMaps) {
    String var = e.path("name").asText("");
    if (var.isEmpty()) return;
    JsonNode value = e.get("value");
    JsonNode from = e.path("valueFrom");
    if (value != null && value.isTextual() && !value.asText().isEmpty()) {
      values.put(var, VarExpansion.expand(value.asText(), forExpansion()));
      provenance.remove(var);
    } else if (from.isObject()) {
      fromSource(var, from, configMaps);
    } else {
      values.put(var, "");
      provenance.remove(var);
    }
  }

  private void fromSource(String var, JsonNode from, ConfigMapView configMaps) {
    JsonNode cm = from.path("configMapKeyRef");
    if (cm.isObject()) {
      String name = cm.path("name").asText("");
      String key = cm.path("key").asText("");
      String source = "env " + var + " from ConfigMap " + printable(name);
      Map<String, String> data = read(name, optional(cm), source, configMaps);
      if (data == null) return;
      String v = data.get(key);
      if (v != null) {
        values.put(var, v);
        provenance.put(var, printable(name));
      } else if (!optional(cm)) {
        problems.add(
            new Problem(
                source,
                "reads key "
                    + printable(key)
                    + " of ConfigMap "
                    + printable(name)
                    + ", which does not exist yet, so ModelGate cannot check it"));
      }
      return;
    }
    JsonNode secret = from.path("secretKeyRef");
    if (secret.isObject()) {
      unknown(var, "Secret " + printable(secret.path("name").asText("")), false);
    } else if (from.path("fieldRef").isObject()) {
      String path = from.path("fieldRef").path("fieldPath").asText("");
      // Annotations hold anything; every other pod field is a name, label, uid or address.
      unknown(var, "field " + printable(path), !path.startsWith("metadata.annotations"));
    } else if (from.path("resourceFieldRef").isObject()) {
      String resource = from.path("resourceFieldRef").path("resource").asText("");
      unknown(var, "resource " + printable(resource), true);
    } else {
      unknown(var, "a source ModelGate cannot read", false);
    }
  }

  private void unknown(String var, String origin, boolean slashFree) {
    values.put(var, UNKNOWN_ORG + "/" + origins.size());
    provenance.remove(var);
    origins.add(new Unknown(printable(var), origin, slashFree));
  }

  /**
   * The ConfigMap's data, or null when it contributes nothing: missing and optional (as the kubelet
   * skips it), or a problem (recorded once per ConfigMap).
   */
  private Map<String, String> read(
      String name, boolean optional, String source, ConfigMapView configMaps) {
    ConfigMapView.Lookup found = configMaps.get(name);
    return switch (found) {
      case ConfigMapView.Found f -> f.data();
      case ConfigMapView.Missing m -> {
        if (!optional) {
          problem(
              name,
              source,
              "uses ConfigMap "
                  + printable(name)
                  + ", which does not exist yet, so ModelGate cannot check its model references");
        }
        yield null;
      }
      case ConfigMapView.Unreadable u -> {
        problem(
            name,
            source,
            "could not read ConfigMap "
                + printable(name)
                + " to check its model references ("
                + u.reason()
                + ")");
        yield null;
      }
    };
  }

  private void problem(String configMap, String source, String message) {
    if (reported.putIfAbsent(configMap, Boolean.TRUE) == null) {
      problems.add(new Problem(source, message));
    }
  }

  private static boolean optional(JsonNode ref) {
    return ref.path("optional").asBoolean(false);
  }

  /** Names come from the request and end up in messages and logs: printable, bounded. */
  static String printable(String s) {
    String p = s.replaceAll("[^\\x21-\\x7e]", "?");
    return p.length() > 80 ? p.substring(0, 80) + "..." : p;
  }
}
