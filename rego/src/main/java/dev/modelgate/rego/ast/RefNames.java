package dev.modelgate.rego.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * The textual name of a called reference, as OPA prints it: {@code a.b.c}, with segments that are
 * not identifiers in brackets ({@code fruit["color.name"]}), so a name splits back into the same
 * segments even when a segment contains a dot.
 */
public final class RefNames {
  private RefNames() {}

  /** {@code [data, lib, f]} → {@code data.lib.f}; non-identifier segments are quoted. */
  public static String format(List<String> segments) {
    StringBuilder b = new StringBuilder(segments.get(0));
    for (int i = 1; i < segments.size(); i++) {
      String s = segments.get(i);
      if (isIdentifier(s)) {
        b.append('.').append(s);
      } else {
        b.append("[\"");
        for (char c : s.toCharArray()) {
          if (c == '"' || c == '\\') {
            b.append('\\');
          }
          b.append(c);
        }
        b.append("\"]");
      }
    }
    return b.toString();
  }

  /** The inverse of {@link #format}. */
  public static List<String> segments(String name) {
    List<String> out = new ArrayList<>();
    int i = 0;
    boolean first = true;
    while (i <= name.length()) {
      if (!first && i == name.length()) {
        break;
      }
      if (!first && name.startsWith("[\"", i)) {
        StringBuilder cur = new StringBuilder();
        i += 2;
        while (i < name.length() && name.charAt(i) != '"') {
          if (name.charAt(i) == '\\' && i + 1 < name.length()) {
            i++;
          }
          cur.append(name.charAt(i++));
        }
        i += 2; // closing quote and bracket
        out.add(cur.toString());
        continue;
      }
      if (!first) {
        i++; // the dot
      }
      int end = i;
      while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
        end++;
      }
      out.add(name.substring(i, end));
      i = end;
      first = false;
    }
    return List.copyOf(out);
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
