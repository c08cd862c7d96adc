package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Default-deny judgement of the globals a pickle imports: exact (module, name) allowlist after
 * CPython's own name resolution; known-dangerous module families CRITICAL or HIGH (with the reason
 * shown to users); dunder names HIGH; anything else MEDIUM.
 */
public final class GlobalPolicy {
  public static final String RULE_DANGEROUS = "pickle.import.dangerous";
  public static final String RULE_DUNDER = "pickle.import.dunder";
  public static final String RULE_UNKNOWN = "pickle.import.unknown";

  private record DenyRule(Severity severity, String module, String name, String why) {}

  private static final Set<String> ALLOWED = new HashSet<>();
  private static final List<DenyRule> DENY = new ArrayList<>();
  private static final Set<String> DENIED_ROOTS = new HashSet<>();

  static {
    for (String[] f : Resources.lines("allowlist.txt", 2)) {
      ALLOWED.add(f[0] + ' ' + f[1]);
    }
    for (String[] f : Resources.lines("denylist.txt", 4)) {
      DenyRule r = new DenyRule(Severity.valueOf(f[0]), f[1], f[2], f[3]);
      DENY.add(r);
      if (r.name().equals("*") && r.severity() == Severity.CRITICAL && !r.module().contains(".")) {
        DENIED_ROOTS.add(r.module());
      }
    }
  }

  private GlobalPolicy() {}

  /** True when (module, name) is on the exact allowlist. */
  public static boolean isAllowed(String module, String name) {
    return ALLOWED.contains(module + ' ' + name);
  }

  /**
   * Judges {@code (module, name)} as {@code find_class} would resolve it under {@code protocol}:
   * Python-2 mapping below 3, attribute chains for dotted names from 4.
   */
  public static GlobalVerdict judge(String module, String name, int protocol) {
    String m = module;
    String n = name;
    if (protocol < 3) {
      String[] mapped = CompatPickle.map(module, name);
      m = mapped[0];
      n = mapped[1];
    }
    if (isAllowed(m, n)) {
      return GlobalVerdict.ALLOWED;
    }
    GlobalVerdict worst = denied(m, n);
    // Each component of the module path and of a dotted name is a step the loader takes.
    String[] parts = n.split("\\.", -1);
    if (protocol >= 4 && parts.length > 1) {
      StringBuilder path = new StringBuilder(m);
      for (int i = 0; i < parts.length - 1; i++) {
        path.append('.').append(parts[i]);
        worst = worse(worst, denied(path.toString(), parts[i + 1]));
      }
    }
    for (String part : parts) {
      if (DENIED_ROOTS.contains(part)) {
        worst =
            worse(
                worst,
                new GlobalVerdict(
                    Severity.CRITICAL,
                    RULE_DANGEROUS,
                    "reaches the " + part + " module through an attribute chain"));
      }
      if (isDunder(part)) {
        worst =
            worse(
                worst,
                new GlobalVerdict(
                    Severity.HIGH,
                    RULE_DUNDER,
                    "reaches the special attribute " + part + ", a way to escape allowed modules"));
      }
    }
    if (worst != null) {
      return worst;
    }
    return new GlobalVerdict(
        Severity.MEDIUM,
        RULE_UNKNOWN,
        "is not on ModelGate's allowlist of globals ordinary models use; loading imports it and"
            + " may call it");
  }

  private static boolean isDunder(String s) {
    return s.length() > 4 && s.startsWith("__") && s.endsWith("__");
  }

  private static GlobalVerdict worse(GlobalVerdict a, GlobalVerdict b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.severity().compareTo(a.severity()) > 0 ? b : a;
  }

  /** The first deny rule whose module family and name match, or null. */
  private static GlobalVerdict denied(String module, String name) {
    String first = name;
    int dot = name.indexOf('.');
    if (dot >= 0) {
      first = name.substring(0, dot);
    }
    for (DenyRule r : DENY) {
      boolean moduleMatches =
          module.equals(r.module())
              || (module.startsWith(r.module()) && module.charAt(r.module().length()) == '.');
      if (moduleMatches && (r.name().equals("*") || r.name().equals(first))) {
        return new GlobalVerdict(r.severity(), RULE_DANGEROUS, r.why());
      }
    }
    return null;
  }
}
