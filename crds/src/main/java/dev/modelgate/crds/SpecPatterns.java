package dev.modelgate.crds;

/**
 * The regular expressions shared by the CRD's OpenAPI schema and the Java validators, so a value
 * the API server accepts is one the operator accepts. They use only the RE2 subset the API server
 * understands (no look-around).
 */
public final class SpecPatterns {
  /**
   * Hub repo id: optional {@code namespace/}, then a name of 1–96 chars from {@code [\w.-]}
   * starting and ending with a word character ({@code --} and {@code ..} are checked in code).
   */
  public static final String REPO_ID =
      "^([A-Za-z0-9_]([A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?/)?[A-Za-z0-9_]([A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$";

  /** Branch, tag, {@code refs/pr/N}, {@code refs/convert/x} or a commit sha (up to 255 chars). */
  public static final String REVISION = "^[A-Za-z0-9_][A-Za-z0-9_./+-]{0,254}$";

  /** A full commit sha: a pinned revision. */
  public static final String COMMIT_SHA = "^[0-9a-f]{40}$";

  /** An http(s) URL without user info, query or fragment. */
  public static final String ENDPOINT = "^https?://[A-Za-z0-9.:\\[\\]_-]+(/[A-Za-z0-9._~/%-]*)?$";

  /**
   * A Go-style duration (as kubectl and the API server write them), e.g. {@code 24h} or {@code
   * 1h30m}.
   */
  public static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

  /** A Kubernetes object name (DNS-1123 subdomain). */
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A Secret data key. */
  public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

  /** A tag set by policies and shown in {@code kubectl get hfm}. */
  public static final String TAG = "^[A-Za-z0-9]([A-Za-z0-9._:-]{0,62})$";

  /** A Rego reference under {@code data}, e.g. {@code data.cloudsmith.match}. */
  public static final String QUERY = "^data(\\.[A-Za-z_][A-Za-z0-9_]*)+$";

  /** At most this many include globs in {@code spec.files}. */
  public static final int MAX_FILE_GLOBS = 256;

  private SpecPatterns() {}
}
