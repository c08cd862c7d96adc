package dev.modelgate.rego.builtins.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Did you mean ...?" hints gqlparser adds to validation messages (graphql-js's
 * suggestionList): options within an edit distance of about 40% of the typed name, closest first,
 * at most five shown.
 */
final class GraphQlSuggestions {
  private GraphQlSuggestions() {}

  /** The options close enough to {@code input}, closest first (ties keep their order). */
  static List<String> similar(String input, List<String> options) {
    int threshold = Math.max(1, input.getBytes(StandardCharsets.UTF_8).length * 2 / 5 + 1);
    Map<String, Integer> distances = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (String option : options) {
      int d = distance(input, option, threshold);
      if (d <= threshold) {
        out.add(option);
        distances.put(option, d);
      }
    }
    out.sort(Comparator.comparingInt(distances::get));
    return out;
  }

  /**
   * Edit distance where a change of case alone counts as one edit. Gives up (returns more than
   * {@code limit}) as soon as the distance must exceed it, so long names cost little.
   */
  private static int distance(String a, String b, int limit) {
    if (a.equals(b)) {
      return 0;
    }
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    if (x.equals(y)) {
      return 1;
    }
    int[] s = x.codePoints().toArray();
    int[] t = y.codePoints().toArray();
    if (Math.abs(s.length - t.length) > limit) {
      return limit + 1;
    }
    int[] prev = new int[t.length + 1];
    int[] cur = new int[t.length + 1];
    for (int j = 0; j <= t.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= s.length; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= t.length; j++) {
        int cost = s[i - 1] == t[j - 1] ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[t.length];
  }

  /** " <prefix> "a", "b", or "c"?" for the close options, or "" when none is close. */
  static String quoted(String prefix, String input, List<String> options) {
    List<String> similar = similar(input, options);
    return similar.isEmpty() ? "" : " " + prefix + " " + quotedOrList(similar) + "?";
  }

  /** As {@link #quoted} without the quotes. */
  static String unquoted(String prefix, String input, List<String> options) {
    List<String> similar = similar(input, options);
    return similar.isEmpty() ? "" : " " + prefix + " " + orList(similar) + "?";
  }

  static String quotedOrList(List<String> items) {
    List<String> quoted = new ArrayList<>();
    for (String item : items) {
      quoted.add('"' + item + '"');
    }
    return orList(quoted);
  }

  /** "a", "a or b", "a, b, or c" (at most five items). */
  static String orList(List<String> items) {
    List<String> shown = items.size() > 5 ? items.subList(0, 5) : items;
    if (shown.size() == 2) {
      return shown.get(0) + " or " + shown.get(1);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shown.size(); i++) {
      if (i > 0) {
        b.append(i == shown.size() - 1 ? ", or " : ", ");
      }
      b.append(shown.get(i));
    }
    return b.toString();
  }
}
