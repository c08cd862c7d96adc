package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.List;

/**
 * What one rule needs of an {@link IndexKey}'s value for its body to have any chance to succeed.
 */
sealed interface Constraint {

  /** Is a resolved (defined) value compatible with the constraint? */
  boolean admits(Value v);

  /** The value must equal this scalar. */
  record Equal(Value value) implements Constraint {
    @Override
    public boolean admits(Value v) {
      return value.equals(v);
    }
  }

  /** The value must merely be defined ({@code x := input.a}, a bare {@code input.flag}). */
  record Defined() implements Constraint {
    @Override
    public boolean admits(Value v) {
      return true;
    }
  }

  /**
   * The value must be an array of this length whose elements equal the given scalars; a null
   * element matches anything ({@code input.pair = [x, "b"]}).
   */
  record ArrayShape(List<Value> elements) implements Constraint {
    @Override
    public boolean admits(Value v) {
      if (!(v instanceof ArrayValue a) || a.size() != elements.size()) {
        return false;
      }
      for (int i = 0; i < elements.size(); i++) {
        Value e = elements.get(i);
        if (e != null && !e.equals(a.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The value must be a string that, cut at the delimiter characters, gives these parts; a null
   * part stands for a whole-segment {@code *}. Implied by {@code glob.match(pattern, delimiters,
   * value)} when the pattern has only literal segments and {@code *} segments: a literal segment
   * holds no delimiter and {@code *} crosses none, so a matching string cuts into exactly the
   * pattern's segments.
   */
  record GlobShape(int[] delimiters, List<String> parts) implements Constraint {
    @Override
    public boolean admits(Value v) {
      if (!(v instanceof StringValue sv)) {
        return false;
      }
      String s = sv.value();
      int part = 0;
      int start = 0;
      for (int i = 0; i <= s.length(); ) {
        int cp = i < s.length() ? s.codePointAt(i) : -1;
        if (cp == -1 || isDelimiter(cp)) {
          if (part >= parts.size()) {
            return false;
          }
          String want = parts.get(part++);
          if (want != null && !s.regionMatches(start, want, 0, want.length())) {
            return false;
          }
          if (want != null && want.length() != i - start) {
            return false;
          }
          if (cp == -1) {
            break;
          }
          i += Character.charCount(cp);
          start = i;
        } else {
          i += Character.charCount(cp);
        }
      }
      return part == parts.size();
    }

    private boolean isDelimiter(int cp) {
      for (int d : delimiters) {
        if (d == cp) {
          return true;
        }
      }
      return false;
    }
  }
}
