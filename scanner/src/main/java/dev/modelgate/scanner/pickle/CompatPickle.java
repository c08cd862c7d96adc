package dev.modelgate.scanner.pickle;

import java.util.HashMap;
import java.util.Map;

/**
 * CPython's Python-2 import mapping ({@code _compat_pickle}), which {@code find_class} applies when
 * the stream's protocol is below 3: e.g. {@code __builtin__} becomes {@code builtins}, {@code
 * commands} becomes {@code subprocess}, {@code (__builtin__, reduce)} becomes {@code
 * functools.reduce}.
 */
final class CompatPickle {
  private static final Map<String, String> IMPORTS = new HashMap<>();
  private static final Map<String, String[]> NAMES = new HashMap<>();

  static {
    for (String[] f : Resources.lines("compat_pickle.txt", 5)) {
      if (f[0].equals("M") && f.length == 3) {
        IMPORTS.put(f[1], f[2]);
      } else if (f[0].equals("N") && f.length == 5) {
        NAMES.put(f[1] + '\u0000' + f[2], new String[] {f[3], f[4]});
      }
    }
  }

  private CompatPickle() {}

  /** The (module, name) that find_class really imports under protocol &lt; 3. */
  static String[] map(String module, String name) {
    String[] byName = NAMES.get(module + '\u0000' + name);
    if (byName != null) {
      return byName;
    }
    String m = IMPORTS.get(module);
    return m == null ? new String[] {module, name} : new String[] {m, name};
  }

  static int size() {
    return IMPORTS.size() + NAMES.size();
  }
}
