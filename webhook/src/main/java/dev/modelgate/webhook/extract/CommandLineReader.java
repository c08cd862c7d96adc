package dev.modelgate.webhook.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the models one argv names: model flags in {@code --flag value} and {@code --flag=value}
 * form, their revision flags, the {@code vllm serve <model>} positional, {@code sh -c} scripts
 * (split with shell word rules, recursively), and any Hub URI or cache path in any word.
 */
final class CommandLineReader {

  /** Flags whose value is the model being served (vLLM, TGI, KServe, transformers, llama.cpp). */
  private static final Set<String> MODEL_FLAGS =
      Set.of(
          "--model",
          "--model-id",
          "--model_id",
          "--model-name-or-path",
          "--model_name_or_path",
          "--hf-repo",
          "-hf",
          "-hfr",
          "--speculative-model",
          "--hf-config-path");

  /** Revisions of the served model. */
  private static final Set<String> REVISION_FLAGS =
      Set.of("--revision", "--model-revision", "--model_revision");

  private static final Set<String> TOKENIZER_FLAGS = Set.of("--tokenizer");

  private static final Set<String> TOKENIZER_REVISION_FLAGS =
      Set.of("--tokenizer-revision", "--tokenizer_revision");

  /** Flags taking a comma list or several {@code name=repo} words of adapters. */
  private static final Set<String> ADAPTER_FLAGS = Set.of("--lora-modules", "--lora-adapters");

  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh");

  private static final Pattern JSON_MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]{1,300})\"");

  private static final Pattern JSON_PATH = Pattern.compile("\"path\"\\s*:\\s*\"([^\"]{1,300})\"");

  private static final int MAX_DEPTH = 4;

  /** One model found on a command line, with where it came from. */
  record Found(String source, ModelIds.Id id) {}

  private CommandLineReader() {}

  /**
   * @param argv the command and its arguments, already {@code $(VAR)}-expanded
   * @param image the container image, for images whose entrypoint is {@code vllm serve}
   * @param argsOnly the container gave {@code args} but no {@code command}, so the image's
   *     entrypoint runs with them
   * @param env the container's literal environment, for {@code $VAR} inside shell scripts
   */
  static List<Found> read(
      List<String> argv, String image, boolean argsOnly, Map<String, String> env) {
    List<Found> out = new ArrayList<>();
    read(argv, argsOnly && isVllmImage(image), env, out, 0);
    return out;
  }

  private static void read(
      List<String> argv,
      boolean entrypointIsVllmServe,
      Map<String, String> env,
      List<Found> out,
      int depth) {
    if (argv.isEmpty()) return;
    String script = shellScript(argv);
    if (script != null && depth < MAX_DEPTH) {
      for (List<String> command : ShellWords.commands(script, env)) {
        read(command, false, env, out, depth + 1);
      }
      return;
    }
    boolean[] consumed = new boolean[argv.size()];
    List<Found> models = new ArrayList<>();
    List<Found> tokenizers = new ArrayList<>();
    String revision = null;
    String tokenizerRevision = null;

    int positional = vllmPositional(argv, entrypointIsVllmServe);
    if (positional >= 0) {
      ModelIds.Id id = ModelIds.modelValue(argv.get(positional), true);
      consumed[positional] = true;
      if (id != null) models.add(new Found("arg vllm serve", id));
    }
    for (int i = 0; i < argv.size(); i++) {
      String word = argv.get(i);
      if (!word.startsWith("-")) continue;
      int eq = word.indexOf('=');
      String flag = eq > 0 ? word.substring(0, eq) : word;
      boolean takesValue =
          MODEL_FLAGS.contains(flag)
              || REVISION_FLAGS.contains(flag)
              || TOKENIZER_FLAGS.contains(flag)
              || TOKENIZER_REVISION_FLAGS.contains(flag)
              || ADAPTER_FLAGS.contains(flag)
              || flag.equals("--speculative-config");
      if (!takesValue) continue;
      List<String> values = new ArrayList<>();
      if (eq > 0) {
        values.add(word.substring(eq + 1));
        consumed[i] = true;
      } else if (ADAPTER_FLAGS.contains(flag)) {
        for (int j = i + 1; j < argv.size() && !argv.get(j).startsWith("-"); j++) {
          values.add(argv.get(j));
          consumed[j] = true;
        }
      } else if (i + 1 < argv.size()) {
        values.add(argv.get(i + 1));
        consumed[i + 1] = true;
      }
      for (String value : values) {
        if (MODEL_FLAGS.contains(flag)) {
          ModelIds.Id id = ModelIds.modelValue(value, true);
          if (id != null) models.add(new Found("arg " + flag, id));
        } else if (TOKENIZER_FLAGS.contains(flag)) {
          ModelIds.Id id = ModelIds.modelValue(value, true);
          if (id != null) tokenizers.add(new Found("arg " + flag, id));
        } else if (REVISION_FLAGS.contains(flag)) {
          revision = ModelIds.revision(value);
        } else if (TOKENIZER_REVISION_FLAGS.contains(flag)) {
          tokenizerRevision = ModelIds.revision(value);
        } else if (ADAPTER_FLAGS.contains(flag)) {
          adapters(value, "arg " + flag, out);
        } else {
          Matcher m = JSON_MODEL.matcher(value);
          while (m.find()) {
            ModelIds.Id id = ModelIds.modelValue(m.group(1), true);
            if (id != null) out.add(new Found("arg " + flag, id));
          }
        }
      }
    }
    addWithRevision(models, revision, out);
    addWithRevision(tokenizers, tokenizerRevision, out);
    for (int i = 0; i < argv.size(); i++) {
      if (consumed[i]) continue;
      for (ModelIds.Id id : ModelIds.findAll(argv.get(i))) out.add(new Found("arg", id));
    }
  }

  /** Adapters: {@code name=repo}, {@code repo@rev}, JSON objects, comma lists. */
  static void adapters(String value, String source, List<Found> out) {
    if (value.strip().startsWith("{")) {
      Matcher m = JSON_PATH.matcher(value);
      while (m.find()) {
        ModelIds.Id id = ModelIds.modelValue(m.group(1), false);
        if (id != null) out.add(new Found(source, id));
      }
      return;
    }
    for (String entry : value.split(",")) {
      String e = entry.strip();
      int eq = e.indexOf('=');
      if (eq >= 0) e = e.substring(eq + 1);
      String rev = null;
      int at = e.indexOf('@');
      if (at > 0 && !e.contains("://")) {
        rev = ModelIds.revision(e.substring(at + 1));
        e = e.substring(0, at);
      }
      ModelIds.Id id = ModelIds.modelValue(e, false);
      if (id != null) {
        out.add(new Found(source, rev == null ? id : new ModelIds.Id(id.repo(), rev)));
      }
    }
  }

  private static void addWithRevision(List<Found> found, String revision, List<Found> out) {
    for (Found f : found) {
      if (revision != null && f.id().revision() == null) {
        out.add(new Found(f.source(), new ModelIds.Id(f.id().repo(), revision)));
      } else {
        out.add(f);
      }
    }
  }

  /** The index of the model in {@code vllm serve <model>}, or -1. */
  private static int vllmPositional(List<String> argv, boolean entrypointIsVllmServe) {
    if (entrypointIsVllmServe) {
      return !argv.get(0).startsWith("-") ? 0 : -1;
    }
    for (int i = 0; i + 2 < argv.size(); i++) {
      if (baseName(argv.get(i)).equals("vllm")
          && argv.get(i + 1).equals("serve")
          && !argv.get(i + 2).startsWith("-")) {
        return i + 2;
      }
    }
    return -1;
  }

  /** The script of {@code sh -c 'script'} (also {@code -ec}, {@code -lc}, ...), or null. */
  private static String shellScript(List<String> argv) {
    if (!SHELLS.contains(baseName(argv.get(0)))) return null;
    boolean hasC = false;
    int i = 1;
    for (; i < argv.size(); i++) {
      String w = argv.get(i);
      if (w.equals("--")) {
        i++;
        break;
      }
      if (!w.startsWith("-") || w.equals("-")) break;
      if (!w.startsWith("--") && w.indexOf('c') > 0) hasC = true;
      if (w.equals("-o") || w.equals("+o")) i++;
    }
    return hasC && i < argv.size() ? argv.get(i) : null;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Images whose entrypoint is {@code vllm serve}, so {@code args[0]} is the model. */
  static boolean isVllmImage(String image) {
    if (image == null) return false;
    String path = image;
    int at = path.indexOf('@');
    if (at >= 0) path = path.substring(0, at);
    String last = baseName(path);
    int colon = last.indexOf(':');
    if (colon >= 0) last = last.substring(0, colon);
    return last.startsWith("vllm-openai");
  }
}
