package dev.modelgate.webhook.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure apart from the {@link ConfigMapView} it is given: a Pod spec (plus the pod's annotations)
 * in, the models it would load out. Reads init, regular and ephemeral containers: their environment
 * as the kubelet builds it ({@link ContainerEnv}: {@code envFrom} and {@code configMapKeyRef}
 * ConfigMaps, literal values, {@code $(VAR)} expansion), {@code command}/{@code args}, {@code
 * postStart} exec hooks, and mounts of the model store.
 *
 * <p>Never reads a Secret: a model variable taken from a Secret (or a pod field), or a model flag
 * whose value comes from one through {@code $(VAR)}, is an {@link ModelReference.Kind#UNCHECKABLE}
 * reference, and so is a needed ConfigMap that cannot be read. {@code envFrom.secretRef} stays a
 * known gap: its keys are unknown, so it may define (or override) any variable.
 */
public final class PodSpecExtractor {

  /** The annotation that names HFModels (or repo ids) a pod uses: {@code name[,name]}. */
  public static final String MODELS_ANNOTATION = "modelgate.dev/models";

  /** Env vars whose value can only be a model id, so bare ids such as {@code gpt2} count. */
  private static final Set<String> MODEL_ENV =
      Set.of("HF_MODEL_ID", "MODEL_ID", "LLAMA_ARG_HF_REPO");

  /** Env vars that often hold a served name: only {@code org/name} values count. */
  private static final Set<String> MODEL_NAME_ENV = Set.of("MODEL_NAME");

  private static final Set<String> REVISION_ENV = Set.of("REVISION", "HF_MODEL_REVISION");

  private static final Set<String> ADAPTER_ENV = Set.of("LORA_ADAPTERS");

  private static final String[] CONTAINER_LISTS = {
    "initContainers", "containers", "ephemeralContainers"
  };

  private static final int MAX_CONTAINERS = 256;
  private static final int MAX_ENV = 1024;
  private static final int MAX_ARGS = 4096;

  /** Distinct ConfigMaps one workload may make the webhook look up. */
  static final int MAX_CONFIG_MAPS = 32;

  private final Set<String> storeClaims;

  /**
   * @param storeClaims names of PersistentVolumeClaims that hold the model store
   */
  public PodSpecExtractor(Set<String> storeClaims) {
    this.storeClaims = Set.copyOf(storeClaims);
  }

  /** As {@link #extract(JsonNode, JsonNode, ConfigMapView)} with no ConfigMap access. */
  public List<ModelReference> extract(JsonNode podSpec, JsonNode annotations) {
    return extract(podSpec, annotations, ConfigMapView.NONE);
  }

  /**
   * @param podSpec a {@code PodSpec} object (missing or non-object nodes give no references)
   * @param annotations the pod's (or template's) {@code metadata.annotations}, may be missing
   * @param configMaps the ConfigMaps of the pod's namespace, read only if the pod references some
   */
  public List<ModelReference> extract(
      JsonNode podSpec, JsonNode annotations, ConfigMapView configMaps) {
    Map<String, ModelReference> refs = new LinkedHashMap<>();
    fromAnnotation(annotations, refs);
    if (podSpec == null || !podSpec.isObject()) return List.copyOf(refs.values());
    Set<String> storeVolumes = storeVolumes(podSpec.path("volumes"));
    int count = 0;
    for (String list : CONTAINER_LISTS) {
      for (JsonNode container : podSpec.path(list)) {
        if (++count > MAX_CONTAINERS) break;
        if (container.isObject()) fromContainer(container, storeVolumes, configMaps, refs);
      }
    }
    return List.copyOf(refs.values());
  }

  /** Reads a KServe-style list of names; see {@link #MODELS_ANNOTATION}. */
  static void fromAnnotation(JsonNode annotations, Map<String, ModelReference> refs) {
    JsonNode value = annotations == null ? null : annotations.get(MODELS_ANNOTATION);
    if (value == null || !value.isTextual()) return;
    String[] entries = value.asText().split("[,\\s]+");
    for (int i = 0; i < entries.length && i < 64; i++) {
      String e = entries[i].strip();
      if (e.isEmpty()) continue;
      ModelReference ref;
      if (e.contains("/")) {
        int at = e.indexOf('@');
        String rev = at > 0 ? ModelIds.revision(e.substring(at + 1)) : null;
        ModelIds.Id id = ModelIds.modelValue(at > 0 ? e.substring(0, at) : e, false);
        if (id == null) continue;
        ref =
            ModelReference.repo("pod", "annotation", id.repo(), rev != null ? rev : id.revision());
      } else if (e.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
        ref = new ModelReference("pod", "annotation", ModelReference.Kind.HFMODEL, e, null);
      } else {
        continue;
      }
      refs.putIfAbsent(ref.key(), ref);
    }
  }

  private Set<String> storeVolumes(JsonNode volumes) {
    Set<String> names = new java.util.HashSet<>();
    for (JsonNode v : volumes) {
      String claim = v.path("persistentVolumeClaim").path("claimName").asText("");
      if (storeClaims.contains(claim)) names.add(v.path("name").asText(""));
    }
    return names;
  }

  private static void fromContainer(
      JsonNode c,
      Set<String> storeVolumes,
      ConfigMapView configMaps,
      Map<String, ModelReference> refs) {
    String name = c.path("name").asText("?");
    ContainerEnv resolved = ContainerEnv.resolve(c, configMaps, MAX_ENV);
    Map<String, String> env = resolved.values();
    List<ModelReference> found = new ArrayList<>();
    for (ContainerEnv.Problem p : resolved.problems()) {
      found.add(ModelReference.uncheckable(name, p.source(), p.message()));
    }

    String revision = null;
    for (String r : REVISION_ENV) {
      if (revision == null) revision = ModelIds.revision(env.get(r));
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      String var = e.getKey();
      String value = e.getValue();
      if (ContainerEnv.isUnknown(value)) {
        boolean orgNameOnly = MODEL_NAME_ENV.contains(var) || ADAPTER_ENV.contains(var);
        if (isModelVariable(var) && !(orgNameOnly && resolved.neverOrgName(value))) {
          found.add(
              ModelReference.uncheckable(
                  name,
                  "env " + var,
                  "reads "
                      + var
                      + " from "
                      + resolved.origin(value)
                      + ", which ModelGate cannot check"));
        }
        continue;
      }
      String source = "env " + var + resolved.from(var);
      ModelIds.Id id = null;
      if (MODEL_ENV.contains(var)) {
        id = ModelIds.modelValue(value, true);
      } else if (MODEL_NAME_ENV.contains(var)) {
        id = ModelIds.modelValue(value, false);
      } else if (ADAPTER_ENV.contains(var)) {
        List<CommandLineReader.Found> adapters = new ArrayList<>();
        CommandLineReader.adapters(value, source, adapters);
        for (CommandLineReader.Found f : adapters) found.add(toRef(name, f.source(), f.id(), null));
        continue;
      }
      if (id != null) {
        found.add(toRef(name, source, id, id.revision() == null ? revision : null));
      } else {
        for (ModelIds.Id any : ModelIds.findAll(value)) found.add(toRef(name, source, any, null));
      }
    }

    Map<String, String> expansion = resolved.forExpansion();
    List<String> command = strings(c.path("command"), expansion);
    List<String> args = strings(c.path("args"), expansion);
    List<String> argv = new ArrayList<>(command);
    argv.addAll(args);
    String image = c.path("image").asText(null);
    for (CommandLineReader.Found f : CommandLineReader.read(argv, image, command.isEmpty(), env)) {
      found.add(toRef(name, f.source(), f.id(), null));
    }
    List<String> hook =
        strings(c.path("lifecycle").path("postStart").path("exec").path("command"), expansion);
    for (CommandLineReader.Found f : CommandLineReader.read(hook, null, false, env)) {
      found.add(toRef(name, "postStart " + f.source(), f.id(), null));
    }

    for (JsonNode mount : c.path("volumeMounts")) {
      if (!storeVolumes.contains(mount.path("name").asText(""))) continue;
      String subPath = mount.path("subPath").asText("");
      if (subPath.isEmpty())
        subPath = VarExpansion.expand(mount.path("subPathExpr").asText(""), expansion);
      fromStoreMount(name, subPath, found);
    }
    for (ModelReference r : found) {
      ModelReference checked = unknownValue(r, resolved);
      refs.putIfAbsent(checked.key(), checked);
    }
  }

  private static boolean isModelVariable(String var) {
    return MODEL_ENV.contains(var)
        || MODEL_NAME_ENV.contains(var)
        || REVISION_ENV.contains(var)
        || ADAPTER_ENV.contains(var);
  }

  /**
   * A model (or revision) read from a command line or mount whose value came, through {@code
   * $(VAR)}, from a Secret or pod field: ModelGate cannot know it, so it is uncheckable.
   */
  private static ModelReference unknownValue(ModelReference r, ContainerEnv env) {
    if (r.kind() == ModelReference.Kind.UNCHECKABLE) return r;
    String hidden =
        ContainerEnv.isUnknown(r.target())
            ? r.target()
            : ContainerEnv.isUnknown(r.revision()) ? r.revision() : null;
    if (hidden == null) return r;
    return ModelReference.uncheckable(
        r.container(),
        r.source(),
        "takes its model ("
            + r.source()
            + ") from "
            + env.origin(hidden, true)
            + ", which ModelGate cannot check");
  }

  /**
   * The whole store (or its {@code hub} cache) holds only Available snapshots; a sub-path inside
   * one model names that model; any other sub-path (staging, private areas) is never allowed.
   */
  private static void fromStoreMount(String container, String subPath, List<ModelReference> out) {
    String p = subPath.strip();
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    while (p.startsWith("/")) p = p.substring(1);
    if (p.isEmpty() || p.equals("hub") || p.endsWith("/hub")) return;
    List<ModelIds.Id> ids = ModelIds.findAll(p);
    if (!ids.isEmpty() && !p.contains("..")) {
      for (ModelIds.Id id : ids) out.add(toRef(container, "store mount", id, null));
    } else {
      // Echoed in the denial and the log: keep it printable and short.
      String printable = p.replaceAll("[^\\w./-]", "?");
      String shown = printable.length() > 80 ? printable.substring(0, 80) : printable;
      out.add(
          new ModelReference(
              container, "store mount", ModelReference.Kind.STORE_PATH, shown, null));
    }
  }

  private static ModelReference toRef(
      String container, String source, ModelIds.Id id, String fallbackRevision) {
    String rev = id.revision() != null ? id.revision() : fallbackRevision;
    return ModelReference.repo(container, source, id.repo(), rev);
  }

  private static List<String> strings(JsonNode array, Map<String, String> env) {
    if (!array.isArray()) return List.of();
    List<String> out = new ArrayList<>(Math.min(array.size(), MAX_ARGS));
    for (JsonNode a : array) {
      if (out.size() >= MAX_ARGS) break;
      out.add(VarExpansion.expand(a.isTextual() ? a.asText() : a.toString(), env));
    }
    return out;
  }
}
