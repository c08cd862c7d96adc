package dev.modelgate.webhook.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a {@code sh -c} script into simple commands with POSIX shell word rules (quotes,
 * backslashes, comments, {@code ;}, {@code &&}, {@code ||}, {@code |}, {@code &}, newlines) and
 * expands {@code $VAR} / {@code ${VAR}} from the container's literal environment plus assignments
 * made earlier in the script. Unknown variables stay as written: we never invent a value.
 *
 * <p>It is not a shell: no globbing, arithmetic or command substitution. That is enough to find the
 * model a wrapper script passes to vLLM, TGI or {@code ollama pull}.
 */
final class ShellWords {

  /** Scripts longer than this are cut: a pod spec field is bounded, our work must be too. */
  static final int MAX_SCRIPT_CHARS = 64 * 1024;

  static final int MAX_WORDS = 4096;

  private ShellWords() {}

  /**
   * The script's simple commands, each as an argv, with leading {@code VAR=value} words applied.
   */
  static List<List<String>> commands(String script, Map<String, String> env) {
    String s = script.length() > MAX_SCRIPT_CHARS ? script.substring(0, MAX_SCRIPT_CHARS) : script;
    Map<String, String> vars = new java.util.HashMap<>(env);
    List<List<String>> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int total = 0;
    int i = 0;
    int n = s.length();
    while (i < n && total < MAX_WORDS) {
      char c = s.charAt(i);
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) end = n;
        word.append(s, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(s, i + 1, word, vars);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 < n && s.charAt(i + 1) != '\n') {
          word.append(s.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (c == '$') {
        i = dollar(s, i, word, vars, false);
        inWord = true;
      } else if (c == '#' && !inWord) {
        int end = s.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        if (inWord) {
          total += addWord(words, word);
          inWord = false;
        }
        i++;
      } else if (c == ';' || c == '\n' || c == '&' || c == '|' || c == '(' || c == ')') {
        if (inWord) {
          total += addWord(words, word);
          inWord = false;
        }
        endCommand(words, out, vars);
        words = new ArrayList<>();
        i++;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) addWord(words, word);
    endCommand(words, out, vars);
    return out;
  }

  private static int doubleQuoted(String s, int i, StringBuilder word, Map<String, String> vars) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '"') return i + 1;
      if (c == '\\' && i + 1 < n && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
        if (s.charAt(i + 1) != '\n') word.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '$') {
        i = dollar(s, i, word, vars, true);
      } else {
        word.append(c);
        i++;
      }
    }
    return n;
  }

  /**
   * Adds the finished word; unquoted expansions marked their whitespace with {@link #SPLIT}, where
   * the shell would split fields.
   */
  private static int addWord(List<String> words, StringBuilder word) {
    int added = 0;
    for (String part : word.toString().split(String.valueOf(SPLIT), -1)) {
      if (!part.isEmpty() || word.length() == 0) {
        words.add(part);
        added++;
      }
    }
    word.setLength(0);
    return added;
  }

  private static final char SPLIT = '\u0000';

  /**
   * Expands {@code $NAME} or {@code ${NAME}} at {@code i} (which holds the {@code $}). Unquoted
   * values are split into fields like the shell does.
   */
  private static int dollar(
      String s, int i, StringBuilder word, Map<String, String> vars, boolean quoted) {
    int n = s.length();
    if (i + 1 < n && s.charAt(i + 1) == '{') {
      int end = s.indexOf('}', i + 2);
      if (end < 0) {
        word.append(s, i, n);
        return n;
      }
      String name = s.substring(i + 2, end);
      String value = isName(name) ? vars.get(name) : null;
      word.append(value != null ? fields(value, quoted) : s.substring(i, end + 1));
      return end + 1;
    }
    int j = i + 1;
    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
    if (j == i + 1) {
      word.append('$');
      return i + 1;
    }
    String name = s.substring(i + 1, j);
    String value = vars.get(name);
    word.append(value != null ? fields(value, quoted) : s.substring(i, j));
    return j;
  }

  private static String fields(String value, boolean quoted) {
    return quoted ? value : value.strip().replaceAll("\\s+", String.valueOf(SPLIT));
  }

  private static boolean isName(String name) {
    if (name.isEmpty()) return false;
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '_')) return false;
    }
    return true;
  }

  /**
   * Applies {@code NAME=value} words before the command (and {@code export NAME=value}) so later
   * commands see them, then keeps the rest as the command's argv.
   */
  private static void endCommand(
      List<String> words, List<List<String>> out, Map<String, String> vars) {
    int start = 0;
    if (!words.isEmpty() && (words.get(0).equals("export") || words.get(0).equals("readonly"))) {
      for (int k = 1; k < words.size(); k++) assign(words.get(k), vars);
      return;
    }
    while (start < words.size() && assign(words.get(start), vars)) start++;
    if (start < words.size()) out.add(List.copyOf(words.subList(start, words.size())));
  }

  private static boolean assign(String word, Map<String, String> vars) {
    int eq = word.indexOf('=');
    if (eq <= 0 || !isName(word.substring(0, eq)) || Character.isDigit(word.charAt(0))) {
      return false;
    }
    vars.put(word.substring(0, eq), word.substring(eq + 1));
    return true;
  }
}
