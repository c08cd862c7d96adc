package dev.modelgate.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Builds Hub URLs the way {@code huggingface_hub} does: revisions and tree paths are fully
 * percent-encoded ({@code refs/pr/1} becomes {@code refs%2Fpr%2F1}); file paths in {@code resolve}
 * keep their {@code /}.
 */
public final class HubUrls {
  /** {@code org/name} (namespace optional on the Hub; ModelGate repos always have one). */
  private static final Pattern REPO_ID =
      Pattern.compile("^(?:[\\w\\-.]{1,96}/)?[\\w\\-.]{1,96}$", Pattern.UNICODE_CHARACTER_CLASS);

  private HubUrls() {}

  /** Throws {@link IllegalArgumentException} unless {@code repo} is a valid Hub repo id. */
  public static String checkRepoId(String repo) {
    if (repo == null
        || !REPO_ID.matcher(repo).matches()
        || repo.contains("--")
        || repo.contains("..")
        || repo.startsWith(".")
        || repo.endsWith(".")) {
      throw new IllegalArgumentException("not a valid Hub repo id: " + repo);
    }
    return repo;
  }

  /** Percent-encodes like Python's {@code quote(s, safe="")}: only unreserved characters stay. */
  public static String encodeSegment(String s) {
    return encode(s, false);
  }

  /**
   * Percent-encodes like Python's {@code quote(s)}: as {@link #encodeSegment} but keeps {@code /}.
   */
  public static String encodePath(String s) {
    return encode(s, true);
  }

  private static String encode(String s, boolean keepSlash) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  /** {@code {endpoint}/{repo}/resolve/{rev}/{path}}. */
  public static URI resolve(URI endpoint, String repo, String revision, String path) {
    return URI.create(
        base(endpoint)
            + "/"
            + repo
            + "/resolve/"
            + encodeSegment(revision)
            + "/"
            + encodePath(path));
  }

  /** {@code {endpoint}/api/models/{repo}/revision/{rev}}. */
  public static URI modelInfo(URI endpoint, String repo, String revision) {
    return URI.create(
        base(endpoint) + "/api/models/" + repo + "/revision/" + encodeSegment(revision));
  }

  /** {@code {endpoint}/api/models/{repo}/tree/{rev}[/{path}]}. */
  public static URI tree(URI endpoint, String repo, String revision, String path, String query) {
    String p = path == null || path.isEmpty() ? "" : "/" + encodeSegment(path);
    return URI.create(
        base(endpoint)
            + "/api/models/"
            + repo
            + "/tree/"
            + encodeSegment(revision)
            + p
            + (query == null ? "" : "?" + query));
  }

  /** {@code {endpoint}/api/models/{repo}/paths-info/{rev}}. */
  public static URI pathsInfo(URI endpoint, String repo, String revision) {
    return URI.create(
        base(endpoint) + "/api/models/" + repo + "/paths-info/" + encodeSegment(revision));
  }

  /** The endpoint without a trailing slash. */
  public static String base(URI endpoint) {
    String s = endpoint.toString();
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s;
  }

  /** True when both URIs have the same scheme, host and port (where a token may be sent). */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) return u.getPort();
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
