package dev.modelgate.operator.store;

import java.util.regex.Pattern;

/**
 * Checks names that come from the Hub or the spec before they become paths in the store, so a
 * hostile repo listing ({@code ../../etc/passwd}, absolute paths, NUL bytes) cannot write outside
 * its own folder.
 */
public final class RepoPaths {
  private static final Pattern CONTENT_ID = Pattern.compile("^([0-9a-f]{40}|[0-9a-f]{64})$");
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$");
  private static final int MAX_PATH = 1024;
  private static final int MAX_DEPTH = 32;

  private RepoPaths() {}

  /** Throws {@link IllegalArgumentException} unless {@code path} is a plain relative repo path. */
  public static String checkRepoFilePath(String path) {
    if (path == null || path.isEmpty() || path.length() > MAX_PATH) {
      throw new IllegalArgumentException("unusable file path in repo: '" + path + "'");
    }
    if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("unsafe file path in repo: '" + path + "'");
    }
    String[] segments = path.split("/", -1);
    if (segments.length > MAX_DEPTH) {
      throw new IllegalArgumentException("file path nested too deep in repo: '" + path + "'");
    }
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        throw new IllegalArgumentException("unsafe file path in repo: '" + path + "'");
      }
    }
    return path;
  }

  /** Throws unless {@code id} is a lower-case SHA-256 or git blob id. */
  public static String checkContentId(String id) {
    if (id == null || !CONTENT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a SHA-256 or git blob id: '" + id + "'");
    }
    return id;
  }

  /** Throws unless {@code sha} is a 40-hex commit. */
  public static String checkCommit(String sha) {
    if (sha == null || !COMMIT.matcher(sha).matches()) {
      throw new IllegalArgumentException("not a commit sha: '" + sha + "'");
    }
    return sha;
  }

  /** The Hugging Face cache folder name of a model repo: {@code models--org--name}. */
  public static String cacheFolder(String repo) {
    return "models--" + repo.replace("/", "--");
  }
}
