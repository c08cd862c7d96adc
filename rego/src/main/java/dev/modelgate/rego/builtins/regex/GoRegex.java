package dev.modelgate.rego.builtins.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's regexp package behaviour over re2j (RE2, linear time): compile errors with Go's message,
 * FindAll's treatment of empty matches, Split, and ReplaceAllString's {@code $1}/{@code ${name}}
 * expansion.
 */
public final class GoRegex {
  /** Longer patterns are refused; RE2 is linear but compiled programs still cost memory. */
  public static final int MAX_PATTERN_LENGTH = 64 * 1024;

  private GoRegex() {}

  /**
   * Compiles a Go/RE2 pattern.
   *
   * @throws IllegalArgumentException with Go's message ({@code error parsing regexp: ...})
   */
  public static Pattern compile(String pattern) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException("error parsing regexp: expression too large");
    }
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m.startsWith("error parsing regexp") ? m : "error parsing regexp: " + m);
    }
  }

  /**
   * Go's allMatches: successive non-overlapping matches; an empty match right after the previous
   * match is skipped. Each match is the group offsets array {start0, end0, start1, end1, ...} (-1
   * for groups that did not participate). At most n matches (n < 0: all).
   */
  public static List<int[]> findAll(Pattern p, String s, int n) {
    List<int[]> out = new ArrayList<>();
    if (n < 0) {
      n = Integer.MAX_VALUE;
    }
    Matcher m = p.matcher(s);
    int groups = m.groupCount();
    int pos = 0;
    int prevMatchEnd = -1;
    while (out.size() < n && pos <= s.length()) {
      if (!m.find(pos)) {
        break;
      }
      boolean accept = true;
      if (m.end() == pos && m.start() == pos) {
        if (m.start() == prevMatchEnd) {
          accept = false;
        }
        pos += pos < s.length() ? Character.charCount(s.codePointAt(pos)) : 1;
      } else {
        pos = m.end();
      }
      prevMatchEnd = m.end();
      if (accept) {
        int[] g = new int[2 * (groups + 1)];
        for (int i = 0; i <= groups; i++) {
          g[2 * i] = m.start(i);
          g[2 * i + 1] = m.end(i);
        }
        out.add(g);
      }
    }
    return out;
  }

  /** Go's Regexp.Split(s, -1). */
  public static List<String> split(Pattern p, String s) {
    List<String> out = new ArrayList<>();
    if (!p.pattern().isEmpty() && s.isEmpty()) {
      out.add("");
      return out;
    }
    int beg = 0;
    int end = 0;
    for (int[] match : findAll(p, s, -1)) {
      end = match[0];
      if (match[1] != 0) {
        out.add(s.substring(beg, end));
      }
      beg = match[1];
    }
    if (end != s.length()) {
      out.add(s.substring(beg));
    }
    return out;
  }

  /** Go's ReplaceAllString with template expansion of {@code repl}. */
  public static String replaceAll(Pattern p, String src, String repl, long maxLength) {
    Matcher m = p.matcher(src);
    StringBuilder buf = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= src.length()) {
      if (!m.find(searchPos)) {
        break;
      }
      buf.append(src, lastMatchEnd, m.start());
      if (m.end() > lastMatchEnd || m.start() == 0) {
        expand(buf, repl, src, m, p);
      }
      if (buf.length() > maxLength) {
        throw new IllegalArgumentException("result string too large");
      }
      lastMatchEnd = m.end();
      int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 0;
      if (searchPos + width > m.end()) {
        searchPos += width;
      } else if (searchPos + 1 > m.end()) {
        searchPos++;
      } else {
        searchPos = m.end();
      }
    }
    buf.append(src, lastMatchEnd, src.length());
    return buf.toString();
  }

  /** Go's Regexp.expand: $1, ${1}, $name, ${name}, $$ — unknown names expand to nothing. */
  private static void expand(StringBuilder buf, String template, String src, Matcher m, Pattern p) {
    int i = 0;
    while (i < template.length()) {
      int d = template.indexOf('$', i);
      if (d < 0) {
        buf.append(template, i, template.length());
        return;
      }
      buf.append(template, i, d);
      i = d + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        buf.append('$');
        i++;
        continue;
      }
      String name;
      int next;
      if (i < template.length() && template.charAt(i) == '{') {
        int close = template.indexOf('}', i + 1);
        if (close < 0 || close == i + 1 || !isName(template, i + 1, close)) {
          buf.append('$'); // malformed: keep the '$' literally
          continue;
        }
        name = template.substring(i + 1, close);
        next = close + 1;
      } else {
        int j = i;
        while (j < template.length() && isNameChar(template.charAt(j))) {
          j++;
        }
        if (j == i) {
          buf.append('$');
          continue;
        }
        name = template.substring(i, j);
        next = j;
      }
      i = next;
      int group = -1;
      if (name.chars().allMatch(Character::isDigit)) {
        try {
          group = Integer.parseInt(name);
        } catch (NumberFormatException e) {
          group = -1;
        }
      } else {
        Integer g = p.namedGroups().get(name);
        group = g == null ? -1 : g;
      }
      if (group >= 0 && group <= m.groupCount() && m.start(group) >= 0) {
        buf.append(src, m.start(group), m.end(group));
      }
    }
  }

  private static boolean isNameChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private static boolean isName(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!isNameChar(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Go's regexp.QuoteMeta. */
  public static String quoteMeta(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * OPA's regex.template_match pattern: text outside the delimiters is literal, text inside is a
   * regular expression; the whole template is anchored.
   */
  public static Pattern template(String tpl, char start, char end) {
    List<Integer> idxs = new ArrayList<>();
    int level = 0;
    int idx = 0;
    for (int i = 0; i < tpl.length(); i++) {
      char c = tpl.charAt(i);
      if (c == start) {
        if (++level == 1) {
          idx = i;
        }
      } else if (c == end) {
        if (--level == 0) {
          idxs.add(idx);
          idxs.add(i + 1);
        } else if (level < 0) {
          throw new IllegalArgumentException("unbalanced braces in " + quote(tpl));
        }
      }
    }
    if (level != 0) {
      throw new IllegalArgumentException("unbalanced braces in " + quote(tpl));
    }
    StringBuilder pattern = new StringBuilder("^");
    int e = 0;
    for (int i = 0; i < idxs.size(); i += 2) {
      String raw = tpl.substring(e, idxs.get(i));
      e = idxs.get(i + 1);
      String patt = tpl.substring(idxs.get(i) + 1, e - 1);
      compile("^" + patt + "$");
      pattern.append(quoteMeta(raw)).append('(').append(patt).append(')');
    }
    pattern.append(quoteMeta(tpl.substring(e))).append('$');
    return compile(pattern.toString());
  }

  private static String quote(String s) {
    return dev.modelgate.rego.builtins.strings.GoQuote.quote(s, false);
  }
}
