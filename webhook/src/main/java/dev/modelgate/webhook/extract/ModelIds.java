package dev.modelgate.webhook.extract;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Hugging Face model ids in strings: {@code hf://org/name[:rev]}, {@code
 * https://huggingface.co/org/name[/resolve|tree|blob/rev/…]}, {@code hf.co/org/name[:quant]}, Hub
 * cache paths ({@code models--org--name[/snapshots/<sha>]}), and bare ids given to a flag that
 * takes a model. Only well-formed ids and revisions come out, so the results are safe to log.
 */
final class ModelIds {

  /** A repo id part: Hub rules ({@code [\w.-]}, 1–96 chars, no {@code --} or {@code ..}). */
  private static final String PART = "[A-Za-z0-9_](?:[\\w.]|-(?!-)){0,95}";

  private static final Pattern REPO_ID = Pattern.compile("(" + PART + ")(?:/(" + PART + "))?");

  private static final Pattern REVISION = Pattern.compile("[\\w.][\\w./-]{0,127}");

  private static final Pattern HF_SCHEME =
      Pattern.compile(
          "hf://(?!datasets/|spaces/)("
              + PART
              + ")/("
              + PART
              + ")(?:[:@]([\\w.][\\w./-]{0,127}))?");

  private static final Pattern HUB_URL =
      Pattern.compile(
          "(?<![\\w.-])(?:https?://)?(?:www\\.)?(huggingface\\.co|hf\\.co)/"
              + "(?!datasets/|spaces/|api/|docs/|blog/|models[/?]|settings/|login|join)"
              + "("
              + PART
              + ")/("
              + PART
              + ")(?:/(?:resolve|tree|blob|raw)/([\\w.%-]{1,160}))?");

  private static final Pattern CACHE_PATH =
      Pattern.compile(
          "(?<![\\w.-])models--(" + PART + ")(?:--(" + PART + "))?(?:/snapshots/([0-9a-f]{40}))?");

  private static final Pattern HEX40 = Pattern.compile("[0-9a-fA-F]{40}");

  private ModelIds() {}

  /** A repo id plus an optional revision. */
  record Id(String repo, String revision) {}

  /** Every URI or cache path naming a model anywhere in {@code text}. */
  static List<Id> findAll(String text) {
    List<Id> out = new ArrayList<>();
    if (text == null || text.isEmpty()) return out;
    if (text.contains("hf://")) {
      Matcher m = HF_SCHEME.matcher(text);
      while (m.find()) out.add(new Id(m.group(1) + "/" + m.group(2), revision(m.group(3))));
    }
    if (text.contains("huggingface.co/") || text.contains("hf.co/")) {
      Matcher m = HUB_URL.matcher(text);
      while (m.find()) {
        String rev = m.group(4) == null ? null : decode(m.group(4));
        out.add(new Id(m.group(2) + "/" + m.group(3), revision(rev)));
      }
    }
    if (text.contains("models--")) {
      Matcher m = CACHE_PATH.matcher(text);
      while (m.find()) {
        String repo = m.group(2) == null ? m.group(1) : m.group(1) + "/" + m.group(2);
        out.add(new Id(repo, m.group(3)));
      }
    }
    return out;
  }

  /**
   * The model a flag or variable that takes a model names: a URI or cache path, or a bare repo id.
   * Local paths ({@code /mnt/models}, {@code ./m}) name no Hub model and give nothing.
   *
   * @param allowBare accept single-segment ids such as {@code gpt2} (the Hub's legacy ids); only
   *     for values that can only be a model, never for served-model names
   */
  static Id modelValue(String value, boolean allowBare) {
    if (value == null) return null;
    String v = value.strip();
    if (v.isEmpty()) return null;
    List<Id> found = findAll(v);
    if (!found.isEmpty()) return found.get(0);
    if (v.startsWith("/") || v.startsWith(".") || v.startsWith("~") || v.contains("://")) {
      return null;
    }
    // llama.cpp and Ollama append ":<quant>" to the repo: not a git revision.
    int colon = v.indexOf(':');
    if (colon > 0) v = v.substring(0, colon);
    Matcher m = REPO_ID.matcher(v);
    if (!m.matches() || v.contains("..")) return null;
    if (m.group(2) == null && !allowBare) return null;
    return new Id(v, null);
  }

  /** A revision as the workload gives it, or {@code null} if it is absent or not well-formed. */
  static String revision(String value) {
    if (value == null) return null;
    String v = value.strip();
    if (v.isEmpty() || v.contains("..") || !REVISION.matcher(v).matches()) return null;
    return v;
  }

  static boolean isCommit(String revision) {
    return revision != null && HEX40.matcher(revision).matches();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
