package dev.modelgate.scanner.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Issue;
import dev.modelgate.scanner.check.PythonModules;
import dev.modelgate.scanner.check.Snippets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Walks a whole Keras model config (v3 {@code config.json}, v2 HDF5 {@code model_config}) — every
 * object at every depth, so Lambdas hidden in nested sub-models are found — and reports what makes
 * loading run code: Lambda layers (bytecode or function references), {@code module} fields outside
 * the Keras packages (CVE-2025-1550), Keras functions used as gadgets ({@code get_file},
 * CVE-2025-8747; {@code enable_unsafe_deserialization}, CVE-2025-9906), {@code TorchModuleWrapper}
 * pickles (CVE-2025-49655), and registered custom objects that need outside code.
 */
public final class KerasConfigInspector {
  public static final String RULE_LAMBDA = "keras.lambda";
  public static final String RULE_MODULE_DANGEROUS = "keras.module.dangerous";
  public static final String RULE_MODULE_EXTERNAL = "keras.module.external";
  public static final String RULE_FUNCTION_DANGEROUS = "keras.function.dangerous";
  public static final String RULE_CUSTOM = "keras.custom-object";
  public static final String RULE_TORCH = "keras.torch-module";
  public static final String RULE_LIMIT = "keras.limit";

  static final int MAX_NODES = 5_000_000;

  /** Top-level packages of Keras and its official libraries. */
  private static final Set<String> KERAS_PACKAGES =
      Set.of("keras", "tf_keras", "keras_nlp", "keras_hub", "keras_cv", "keras_rs", "tensorflow");

  /** Modules whose functions run commands, load code or touch the system. */
  private static final Set<String> DANGEROUS_MODULES =
      PythonModules.codeRunningAnd(
          "codeop",
          "platform",
          "threading",
          "signal",
          "urllib",
          "requests",
          "http",
          "ftplib",
          "telnetlib",
          "smtplib",
          "tempfile",
          "pathlib",
          "io");

  /** Keras functions that download, load or disable safety. */
  private static final Set<String> DANGEROUS_FUNCTIONS =
      Set.of(
          "get_file",
          "enable_unsafe_deserialization",
          "load_model",
          "load_weights",
          "deserialize_keras_object",
          "register_keras_serializable",
          "get_registered_object",
          "custom_object_scope",
          "load_img",
          "save_model",
          "exec",
          "eval");

  /** Keras packages whose plain functions are ordinary config values (activations, losses, …). */
  private static final Set<String> ORDINARY_FUNCTION_MODULES =
      Set.of(
          "activations",
          "losses",
          "metrics",
          "initializers",
          "regularizers",
          "constraints",
          "ops",
          "optimizers",
          "backend",
          "layers",
          "applications");

  private KerasConfigInspector() {}

  /** The issues in {@code config}; {@code pickles} receives base64 payloads to scan as members. */
  public static List<Issue> inspect(JsonNode config, BiConsumer<String, byte[]> pickles) {
    List<Issue> out = new ArrayList<>();
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.push(config);
    int seen = 0;
    while (!todo.isEmpty()) {
      JsonNode n = todo.pop();
      if (++seen > MAX_NODES) {
        out.add(
            new Issue(
                Severity.HIGH,
                RULE_LIMIT,
                "config has more than " + MAX_NODES + " JSON values; the rest was not examined"));
        break;
      }
      if (n.isObject()) {
        inspectObject(n, out, pickles);
      }
      if (n.isContainerNode()) {
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
          JsonNode c = it.next();
          if (c.isContainerNode()) {
            todo.push(c);
          }
        }
      }
    }
    return dedupe(out);
  }

  private static List<Issue> dedupe(List<Issue> in) {
    Map<String, Issue> m = new java.util.LinkedHashMap<>();
    for (Issue i : in) {
      m.putIfAbsent(i.rule() + "\0" + i.message(), i);
    }
    return List.copyOf(m.values());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static void inspectObject(
      JsonNode n, List<Issue> out, BiConsumer<String, byte[]> pickles) {
    String cls = text(n, "class_name");
    if (cls == null) {
      return;
    }
    String module = text(n, "module");
    JsonNode config = n.get("config");
    String layerName = config != null && config.isObject() ? text(config, "name") : null;
    String label =
        cls
            + (layerName == null
                ? ""
                : " '" + Snippets.quote(layerName, 60).replace("'", "") + "'");

    if (cls.equals("Lambda")) {
      lambda(label, config, out);
    }
    if (cls.equals("TorchModuleWrapper")) {
      String payload = config != null && config.isObject() ? text(config, "module") : null;
      out.add(
          new Issue(
              Severity.CRITICAL,
              RULE_TORCH,
              "layer "
                  + label
                  + " carries a pickled torch module"
                  + (payload == null ? "" : " (" + payload.length() + " base64 characters)")
                  + " that loading unpickles"));
      if (payload != null) {
        try {
          pickles.accept(
              layerName == null ? "TorchModuleWrapper" : layerName,
              Base64.getMimeDecoder().decode(payload));
        } catch (IllegalArgumentException e) {
          // not base64: the finding above stands
        }
      }
    }
    if (module != null) {
      moduleField(label, cls, module, config, out);
    }
    String registered = text(n, "registered_name");
    if (registered != null
        && !registered.equals(cls)
        && !registered.equals("function")
        && (module == null || isKeras(module))) {
      int gt = registered.indexOf('>');
      String pkg = gt < 0 ? "" : registered.substring(0, gt);
      if (!KERAS_PACKAGES.contains(topPackage(pkg))) {
        out.add(
            new Issue(
                Severity.MEDIUM,
                RULE_CUSTOM,
                "custom object "
                    + Snippets.quote(registered, 80)
                    + " needs code registered outside Keras to load"));
      }
    }
  }

  private static void moduleField(
      String label, String cls, String module, JsonNode config, List<Issue> out) {
    String top = topPackage(module);
    String fn = config != null && config.isTextual() ? config.asText() : null;
    String what =
        cls.equals("function") && fn != null
            ? "function " + module + "." + fn
            : label + " from module " + module;
    if (DANGEROUS_MODULES.contains(top) || module.equals("__main__") && fn != null) {
      out.add(
          new Issue(
              Severity.CRITICAL,
              RULE_MODULE_DANGEROUS,
              "config refers to " + what + "; loading imports and calls it (CVE-2025-1550 class)"));
    } else if (!KERAS_PACKAGES.contains(top)) {
      out.add(
          new Issue(
              Severity.HIGH,
              RULE_MODULE_EXTERNAL,
              "config refers to "
                  + what
                  + ", outside the Keras packages; loading imports that module"));
    } else if (cls.equals("function") && fn != null) {
      if (DANGEROUS_FUNCTIONS.contains(fn)) {
        out.add(
            new Issue(
                Severity.CRITICAL,
                RULE_FUNCTION_DANGEROUS,
                "config calls "
                    + what
                    + ", a Keras function that downloads, loads or disables safe mode"));
      } else if (!isOrdinaryFunctionModule(module)) {
        out.add(
            new Issue(
                Severity.MEDIUM,
                RULE_FUNCTION_DANGEROUS,
                "config refers to " + what + ", not an activation, loss, metric or initializer"));
      }
    }
  }

  private static void lambda(String label, JsonNode config, List<Issue> out) {
    JsonNode fn = config == null ? null : config.get("function");
    String fnType = config == null ? null : text(config, "function_type");
    String module = config == null ? null : text(config, "module");
    if (fn != null && fn.isObject() && "__lambda__".equals(text(fn, "class_name"))) {
      JsonNode code = fn.path("config").get("code");
      out.add(bytecode(label, code != null && code.isTextual() ? code.asText().length() : -1));
    } else if (fn != null && fn.isArray() && fn.size() > 0 && fn.get(0).isTextual()) {
      out.add(bytecode(label, fn.get(0).asText().length())); // Keras 2: [code, defaults, closure]
    } else if (fn != null && fn.isTextual() && "lambda".equals(fnType)) {
      out.add(bytecode(label, fn.asText().length()));
    } else if (fn != null && fn.isTextual()) {
      boolean dangerous = module != null && (DANGEROUS_MODULES.contains(topPackage(module)));
      out.add(
          new Issue(
              dangerous ? Severity.CRITICAL : Severity.HIGH,
              RULE_LAMBDA,
              "Lambda layer "
                  + label
                  + " calls the function "
                  + (module == null ? "" : module + ".")
                  + fn.asText()
                  + " when the model runs"));
    } else {
      out.add(
          new Issue(
              Severity.HIGH,
              RULE_LAMBDA,
              "Lambda layer " + label + " runs Python code that cannot be vetted statically"));
    }
  }

  private static Issue bytecode(String label, int chars) {
    return new Issue(
        Severity.CRITICAL,
        RULE_LAMBDA,
        "Lambda layer "
            + label
            + " carries Python bytecode"
            + (chars >= 0 ? " (" + chars + " base64 characters)" : "")
            + " that runs when the model is loaded or called (CVE-2024-3660)");
  }

  private static boolean isKeras(String module) {
    return KERAS_PACKAGES.contains(topPackage(module));
  }

  private static boolean isOrdinaryFunctionModule(String module) {
    for (String part : module.split("\\.")) {
      if (ORDINARY_FUNCTION_MODULES.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static String topPackage(String module) {
    int dot = module.indexOf('.');
    return dot < 0 ? module : module.substring(0, dot);
  }

  /** True when {@code node} looks like a Keras model or layer config. */
  public static boolean looksLikeKeras(JsonNode node) {
    if (node == null || !node.isObject()) {
      return false;
    }
    String cls = text(node, "class_name");
    String module = text(node, "module");
    JsonNode config = node.get("config");
    return cls != null
        && config != null
        && (module != null && isKeras(module)
            || config.has("layers")
            || config.has("name") && (node.has("registered_name") || node.has("build_config")));
  }
}
