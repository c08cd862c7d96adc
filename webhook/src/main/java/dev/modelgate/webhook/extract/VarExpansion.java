package dev.modelgate.webhook.extract;

import java.util.Map;

/**
 * Kubernetes' own {@code $(VAR)} expansion in {@code command}, {@code args} and env values: a
 * defined variable is replaced, {@code $$} escapes a {@code $}, anything else stays as written.
 */
final class VarExpansion {

  private VarExpansion() {}

  static String expand(String s, Map<String, String> env) {
    if (s == null || s.indexOf('$') < 0) return s;
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '$' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      char next = s.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int end = s.indexOf(')', i + 2);
        String name = end < 0 ? null : s.substring(i + 2, end);
        String value = name == null ? null : env.get(name);
        if (value != null) {
          out.append(value);
          i = end + 1;
        } else {
          out.append(c);
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
