package dev.modelgate.crds.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code spec.files} include globs, with the semantics of Python's {@code fnmatch} as {@code
 * huggingface_hub.snapshot_download(allow_patterns=...)} uses them: {@code *} matches any run of
 * characters including {@code /}, {@code ?} one character, {@code [...]} a class ({@code [!...]}
 * negated). So {@code *.json} also selects {@code sub/config.json}, exactly as on the Hub side.
 */
public final class FileGlobs {
  private static final int MAX_GLOB_LENGTH = 512;
  private final List<Pattern> patterns;

  private FileGlobs(List<Pattern> patterns) {
    this.patterns = patterns;
  }

  /**
   * Compiles the globs; an empty or null list selects every file.
   *
   * @throws IllegalArgumentException naming the first glob that is not valid
   */
  public static FileGlobs compile(List<String> globs) {
    List<Pattern> out = new ArrayList<>();
    if (globs != null) {
      for (String glob : globs) {
        out.add(Pattern.compile(toRegex(glob), Pattern.DOTALL));
      }
    }
    return new FileGlobs(out);
  }

  /** Whether a repo path is selected. */
  public boolean matches(String path) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (Pattern p : patterns) {
      if (p.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Translates one glob; throws {@link IllegalArgumentException} if it is empty or malformed. */
  static String toRegex(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("empty glob");
    }
    if (glob.length() > MAX_GLOB_LENGTH) {
      throw new IllegalArgumentException("glob longer than " + MAX_GLOB_LENGTH + " characters");
    }
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i++);
      switch (c) {
        case '*' -> {
          // Runs of '*' mean the same as one; collapsing them keeps matching linear.
          while (i < glob.length() && glob.charAt(i) == '*') {
            i++;
          }
          re.append(".*");
        }
        case '?' -> re.append('.');
        case '[' -> i = appendClass(glob, i, re);
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  private static int appendClass(String glob, int start, StringBuilder re) {
    int i = start;
    if (i < glob.length() && glob.charAt(i) == '!') {
      i++;
    }
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++;
    }
    while (i < glob.length() && glob.charAt(i) != ']') {
      i++;
    }
    if (i >= glob.length()) {
      throw new IllegalArgumentException("unclosed '[' in glob '" + glob + "'");
    }
    String body = glob.substring(start, i);
    StringBuilder cls = new StringBuilder("[");
    int first = 0;
    if (body.startsWith("!")) {
      cls.append('^');
      first = 1;
    }
    for (int j = first; j < body.length(); j++) {
      char c = body.charAt(j);
      if (c == '-' && j > first && j < body.length() - 1) {
        cls.append('-');
      } else if (Character.isLetterOrDigit(c)) {
        cls.append(c);
      } else {
        cls.append('\\').append(c);
      }
    }
    re.append(cls).append(']');
    return i + 1;
  }
}
