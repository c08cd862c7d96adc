package dev.modelgate.rego.builtins.semver;

import com.google.re2j.Pattern;
import java.math.BigInteger;
import java.util.List;

/**
 * A Semantic Version 2.0.0 (semver.org): {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, parsed
 * exactly by the spec's grammar and ordered by its precedence rules (build metadata ignored).
 */
public record SemVer(
    BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease, String build)
    implements Comparable<SemVer> {

  // The grammar of semver.org's BNF, matched by RE2 (linear time on any input).
  private static final String NUM = "(0|[1-9][0-9]*)";
  private static final String PRE_ID = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
  private static final Pattern GRAMMAR =
      Pattern.compile(
          NUM
              + "\\."
              + NUM
              + "\\."
              + NUM
              + "(?:-("
              + PRE_ID
              + "(?:\\."
              + PRE_ID
              + ")*))?"
              + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  private static final int MAX_LENGTH = 1024;

  /** Parses a version, or returns null when the string is not SemVer 2.0.0. */
  public static SemVer parse(String s) {
    if (s.length() > MAX_LENGTH) {
      return null;
    }
    var m = GRAMMAR.matcher(s);
    if (!m.matches()) {
      return null;
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return new SemVer(
        new BigInteger(m.group(1)),
        new BigInteger(m.group(2)),
        new BigInteger(m.group(3)),
        pre,
        m.group(5));
  }

  @Override
  public int compareTo(SemVer o) {
    int c = major.compareTo(o.major);
    if (c == 0) {
      c = minor.compareTo(o.minor);
    }
    if (c == 0) {
      c = patch.compareTo(o.patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    // A version without pre-release identifiers has higher precedence.
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
      c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.signum(Integer.compare(preRelease.size(), o.preRelease.size()));
  }

  private static boolean numeric(String s) {
    return s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  /** Numeric identifiers compare numerically and sort before alphanumeric ones (ASCII order). */
  private static int compareIdentifier(String a, String b) {
    boolean na = numeric(a);
    boolean nb = numeric(b);
    if (na && nb) {
      return Integer.signum(new BigInteger(a).compareTo(new BigInteger(b)));
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }
}
