package dev.modelgate.rego.builtins.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * regex.globs_match: whether two simplified regular expressions (the dialect of the
 * glob-intersection library OPA uses: literals, {@code .}, {@code [a-z0-9]} sets, {@code \}
 * escapes, and {@code *} / {@code +} after any of those) match at least one common string. Decided
 * on the product of the two automata, in time proportional to the product of their sizes.
 */
public final class GlobIntersection {
  /** Bounds the product automaton (at most (n+1)^2 states): policy globs are short. */
  private static final int MAX_LENGTH = 512;

  private GlobIntersection() {}

  /** One token: a set of code points (ranges; {@code any} for '.') and a repetition. */
  private record Token(boolean any, List<int[]> ranges, char repeat) {
    boolean overlaps(Token o) {
      if (any || o.any) {
        return true;
      }
      for (int[] r : ranges) {
        for (int[] q : o.ranges) {
          if (r[0] <= q[1] && q[0] <= r[1]) {
            return true;
          }
        }
      }
      return false;
    }

    Token withRepeat(char r) {
      return new Token(any, ranges, r);
    }
  }

  private static IllegalArgumentException invalid(String input, int pos, String why) {
    return new IllegalArgumentException(
        "input:" + input + ", pos:" + pos + ", " + why + ": the input provided is invalid");
  }

  static List<Token> parse(String s) {
    if (s.length() > MAX_LENGTH) {
      throw invalid(s, MAX_LENGTH, "input too long");
    }
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      switch (c) {
        case '*', '+' -> {
          i++;
          if (tokens.isEmpty() || tokens.get(tokens.size() - 1).repeat != '1') {
            throw invalid(s, i, "modifier '" + c + "' without a preceding character");
          }
          tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1).withRepeat(c));
        }
        case '.' -> {
          i++;
          tokens.add(new Token(true, List.of(), '1'));
        }
        case ']' -> throw invalid(s, i + 1, "set-close ']' with no preceding '['");
        case '\\' -> {
          if (i + 1 >= s.length()) {
            throw invalid(s, i, "input ends with a \\\\ (escape) character");
          }
          int cp = s.codePointAt(i + 1);
          i += 1 + Character.charCount(cp);
          tokens.add(new Token(false, List.of(new int[] {cp, cp}), '1'));
        }
        case '[' -> {
          i++;
          List<int[]> ranges = new ArrayList<>();
          int pending = -1;
          boolean dash = false;
          boolean closed = false;
          while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ']') {
              closed = true;
              break;
            }
            if (cp == '\\') {
              if (i >= s.length()) {
                throw invalid(s, i - 1, "input ends with a \\\\ (escape) character");
              }
              cp = s.codePointAt(i);
              i += Character.charCount(cp);
            } else if (cp == '-' && pending >= 0 && !dash) {
              dash = true;
              continue;
            }
            if (dash) {
              if (cp < pending) {
                throw invalid(
                    s,
                    i,
                    "range is out of order: '"
                        + new String(Character.toChars(cp))
                        + "' comes before '"
                        + new String(Character.toChars(pending))
                        + "' in Unicode");
              }
              ranges.add(new int[] {pending, cp});
              pending = -1;
              dash = false;
            } else {
              if (pending >= 0) {
                ranges.add(new int[] {pending, pending});
              }
              pending = cp;
            }
          }
          if (!closed) {
            throw invalid(s, i, "found [ without matching ]");
          }
          if (pending >= 0) {
            ranges.add(new int[] {pending, pending});
          }
          if (dash) {
            ranges.add(new int[] {'-', '-'});
          }
          tokens.add(new Token(false, ranges, '1'));
        }
        default -> {
          int cp = s.codePointAt(i);
          i += Character.charCount(cp);
          tokens.add(new Token(false, List.of(new int[] {cp, cp}), '1'));
        }
      }
    }
    return tokens;
  }

  /** States 0..n; from state i token i may be consumed; '*' tokens may also be skipped. */
  private static BitSet closure(List<Token> t, int state) {
    BitSet b = new BitSet();
    int s = state;
    b.set(s);
    while (s < t.size() && t.get(s).repeat == '*') {
      s++;
      b.set(s);
    }
    return b;
  }

  /** Successor states of i after consuming one character of token i. */
  private static int[] step(List<Token> t, int i) {
    return switch (t.get(i).repeat) {
      case '*', '+' -> new int[] {i, i + 1};
      default -> new int[] {i + 1};
    };
  }

  public static boolean intersects(String x, String y) {
    List<Token> a = parse(x);
    List<Token> b = parse(y);
    Deque<long[]> queue = new ArrayDeque<>();
    Set<Long> seen = new HashSet<>();
    for (int i = closure(a, 0).nextSetBit(0); i >= 0; i = closure(a, 0).nextSetBit(i + 1)) {
      for (int j = closure(b, 0).nextSetBit(0); j >= 0; j = closure(b, 0).nextSetBit(j + 1)) {
        if (seen.add(((long) i << 32) | j)) {
          queue.add(new long[] {i, j});
        }
      }
    }
    while (!queue.isEmpty()) {
      long[] p = queue.poll();
      int i = (int) p[0];
      int j = (int) p[1];
      if (i == a.size() && j == b.size()) {
        return true;
      }
      if (i == a.size() || j == b.size() || !a.get(i).overlaps(b.get(j))) {
        continue;
      }
      for (int ni : step(a, i)) {
        BitSet ci = closure(a, ni);
        for (int nj : step(b, j)) {
          BitSet cj = closure(b, nj);
          for (int u = ci.nextSetBit(0); u >= 0; u = ci.nextSetBit(u + 1)) {
            for (int v = cj.nextSetBit(0); v >= 0; v = cj.nextSetBit(v + 1)) {
              if (seen.add(((long) u << 32) | v)) {
                queue.add(new long[] {u, v});
              }
            }
          }
        }
      }
    }
    return false;
  }
}
