package dev.modelgate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A client for the Hugging Face Hub HTTP API (or a mirror, or {@code modelgate hub serve}). Pin a
 * revision once with {@link #resolveCommit}, then list and download by that commit. Thread-safe;
 * close it to release its connection pool.
 *
 * <pre>{@code
 * try (HubClient hub = HubClient.fromEnvironment().build()) {
 *   String commit = hub.resolveCommit("org/name", "main");
 *   for (RepoFile f : hub.listFiles("org/name", commit)) {
 *     hub.download("org/name", commit, f, dir.resolve(f.path()), ProgressListener.NONE);
 *   }
 * }
 * }</pre>
 */
public final class HubClient implements AutoCloseable {
  /** The public Hub. */
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // java.net.http reads sockets in 16 KiB buffers by default, which costs about half again as
    // much CPU per downloaded GB as 256 KiB. The property is read once, when java.net.http first
    // loads, so it is only set here if nobody chose a value.
    if (System.getProperty("jdk.httpclient.bufsize") == null) {
      System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
    }
  }

  private static final long MAX_JSON = 64L * 1024 * 1024;
  private static final int MAX_PAGES = 10_000;
  private static final int PATHS_PER_REQUEST = 100;

  private final HubHttp http;
  private final FileDownloader downloader;
  private final int remoteBlockSize;
  private final int remoteCacheBlocks;

  private HubClient(Builder b) {
    this.http =
        new HubHttp(
            b.endpoint, b.token, b.connectTimeout, b.readTimeout, b.retryPolicy, b.userAgent);
    this.downloader = new FileDownloader(http, b.syncWrites);
    this.remoteBlockSize = b.remoteBlockSize;
    this.remoteCacheBlocks = b.remoteCacheBlocks;
  }

  /** A builder with the public Hub endpoint, no token, 10 s timeouts and the default retries. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder configured from the environment as {@code huggingface_hub} is: {@code HF_ENDPOINT}
   * (default {@value #DEFAULT_ENDPOINT}) and {@code HF_TOKEN} (or the legacy {@code
   * HUGGING_FACE_HUB_TOKEN}).
   */
  public static Builder fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** As {@link #fromEnvironment()}, reading from {@code env} (for tests). */
  public static Builder fromEnvironment(Map<String, String> env) {
    Builder b = builder();
    String endpoint = env.get("HF_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank()) b.endpoint(endpoint.trim());
    String token = env.get("HF_TOKEN");
    if (token == null || token.isBlank()) token = env.get("HUGGING_FACE_HUB_TOKEN");
    if (token != null && !token.isBlank()) b.token(token.trim());
    return b;
  }

  /** The endpoint this client talks to (no trailing slash). */
  public URI endpoint() {
    return http.endpoint();
  }

  /** HTTP requests sent so far, including retries and redirects. */
  public long requestCount() {
    return http.requestCount();
  }

  /**
   * Model info at {@code revision} with every file's size, blob id and LFS SHA-256 ({@code
   * blobs=true}) and the Hub's repo-level security status ({@code securityStatus=true}).
   */
  public ModelInfo modelInfo(String repo, String revision) throws IOException {
    URI uri =
        URI.create(
            HubUrls.modelInfo(endpoint(), HubUrls.checkRepoId(repo), revision)
                + "?blobs=true&securityStatus=true");
    return HubJson.modelInfo(getJson(uri));
  }

  /**
   * The 40-hex commit that {@code revision} (branch, tag, {@code refs/pr/N} or commit) points to
   * now. Resolve once, then use the commit everywhere so a push mid-download cannot mix versions.
   */
  public String resolveCommit(String repo, String revision) throws IOException {
    URI uri = HubUrls.modelInfo(endpoint(), HubUrls.checkRepoId(repo), revision);
    JsonNode info = getJson(uri);
    String sha = info.path("sha").asText(null);
    if (!GitHashes.isCommitSha(sha)) {
      throw new HubException(
          "model info for " + repo + "@" + revision + " has no commit sha", 200, null, false, null);
    }
    return sha;
  }

  /** Every file at {@code revision}, recursively, following {@code Link} pagination. */
  public List<RepoFile> listFiles(String repo, String revision) throws IOException {
    return listFiles(repo, revision, false);
  }

  /**
   * Every file at {@code revision}, recursively. With {@code expand} each file also carries the
   * Hub's per-file security status (pages are then smaller, so prefer {@link #pathsInfo} for a few
   * files).
   */
  public List<RepoFile> listFiles(String repo, String revision, boolean expand) throws IOException {
    URI next =
        HubUrls.tree(
            endpoint(),
            HubUrls.checkRepoId(repo),
            revision,
            null,
            "recursive=true&expand=" + expand);
    List<RepoFile> files = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    for (int page = 0; next != null; page++) {
      if (page >= MAX_PAGES || !seen.add(next)) {
        throw new HubException(
            "tree listing of " + repo + " does not end (page " + page + ")", 0, null, false, null);
      }
      try (HubHttp.Response r =
          http.send("GET", next, jsonHeaders(), null, HubHttp.Redirects.FOLLOW)) {
        JsonNode entries = parse(r, next);
        if (!entries.isArray()) {
          throw new HubException(
              "tree listing is not a JSON array: " + next, 200, null, false, null);
        }
        for (JsonNode e : entries) {
          RepoFile f = HubJson.treeFile(e);
          if (f != null) files.add(f);
        }
        Optional<URI> link = LinkHeader.next(r.headers().allValues("Link"), r.uri());
        next = link.orElse(null);
      }
    }
    return files;
  }

  /**
   * Info for the given paths ({@code POST paths-info}); paths that do not exist are left out, as
   * the Hub does. With {@code expand} each file carries the Hub's per-file security status. Folders
   * are not returned.
   */
  public List<RepoFile> pathsInfo(
      String repo, String revision, Collection<String> paths, boolean expand) throws IOException {
    URI uri = HubUrls.pathsInfo(endpoint(), HubUrls.checkRepoId(repo), revision);
    List<String> all = List.copyOf(paths);
    List<RepoFile> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += PATHS_PER_REQUEST) {
      StringBuilder form = new StringBuilder();
      for (String p : all.subList(i, Math.min(all.size(), i + PATHS_PER_REQUEST))) {
        form.append("paths=").append(URLEncoder.encode(p, StandardCharsets.UTF_8)).append('&');
      }
      form.append("expand=").append(expand);
      Map<String, String> headers =
          Map.of(
              "Accept", "application/json",
              "Content-Type", "application/x-www-form-urlencoded");
      try (HubHttp.Response r =
          http.send(
              "POST",
              uri,
              headers,
              form.toString().getBytes(StandardCharsets.UTF_8),
              HubHttp.Redirects.FOLLOW)) {
        for (JsonNode e : parse(r, uri)) {
          RepoFile f = HubJson.treeFile(e);
          if (f != null) out.add(f);
        }
      }
    }
    return out;
  }

  /**
   * {@code HEAD} on {@code resolve}: the commit ({@code X-Repo-Commit}), the etag ({@code
   * X-Linked-Etag} else {@code ETag}), the size ({@code X-Linked-Size} else {@code Content-Length})
   * and where the content is served from. Same-origin redirects (renamed repos) are followed; a
   * cross-origin redirect (CDN) is reported, not followed.
   */
  public FileMetadata fileMetadata(String repo, String revision, String path) throws IOException {
    URI uri = HubUrls.resolve(endpoint(), HubUrls.checkRepoId(repo), revision, path);
    try (HubHttp.Response r =
        http.send(
            "HEAD",
            uri,
            Map.of("Accept-Encoding", "identity"),
            null,
            HubHttp.Redirects.SAME_ORIGIN_ONLY)) {
      String commit = r.headers().firstValue("X-Repo-Commit").orElse(null);
      if (commit == null) {
        throw new HubException(
            "no X-Repo-Commit on " + uri + ": not a Hub endpoint (a proxy or firewall?)",
            r.status(),
            null,
            false,
            null);
      }
      String etag =
          normaliseEtag(
              r.headers()
                  .firstValue("X-Linked-Etag")
                  .or(() -> r.headers().firstValue("ETag"))
                  .orElse(null));
      boolean redirect = r.status() / 100 == 3;
      long size =
          r.headers()
              .firstValue("X-Linked-Size")
              .or(() -> redirect ? Optional.empty() : r.headers().firstValue("Content-Length"))
              .map(HubClient::parseLong)
              .orElse(-1L);
      URI location =
          redirect
              ? r.uri().resolve(r.headers().firstValue("Location").orElseThrow().trim())
              : r.uri();
      return new FileMetadata(commit, etag, size, GitHashes.isSha256(etag), location);
    }
  }

  /**
   * Downloads {@code file} into {@code target}, verifying its LFS SHA-256 or git blob id while it
   * streams. An existing partial {@code target} is resumed with {@code Range} (and verified as a
   * whole); a complete one is only verified. Cut connections resume; 408/429/5xx are retried per
   * the retry policy. On a hash mismatch the file is deleted and {@link ChecksumMismatchException}
   * is thrown.
   *
   * @param commit the commit from {@link #resolveCommit}
   */
  public DownloadResult download(
      String repo, String commit, RepoFile file, Path target, ProgressListener listener)
      throws IOException {
    Objects.requireNonNull(file.contentId(), "file has no blob id or sha256: " + file.path());
    URI uri = HubUrls.resolve(endpoint(), HubUrls.checkRepoId(repo), commit, file.path());
    return downloader.download(
        uri, commit, file.size(), file.contentId(), target, listenerOrNone(listener));
  }

  /**
   * As {@link #download(String, String, RepoFile, Path, ProgressListener)} for a path alone: a
   * {@code HEAD} first learns the size and the etag to verify against.
   */
  public DownloadResult download(
      String repo, String commit, String path, Path target, ProgressListener listener)
      throws IOException {
    FileMetadata meta = fileMetadata(repo, commit, path);
    if (meta.etag() == null || meta.size() < 0) {
      throw new HubException(
          "the Hub sent no etag or size for " + path + "; cannot verify it", 0, null, false, null);
    }
    URI uri = HubUrls.resolve(endpoint(), repo, commit, path);
    return downloader.download(
        uri, meta.commit(), meta.size(), meta.etag(), target, listenerOrNone(listener));
  }

  /**
   * Reads a small file whole (a README, a config), failing if it is larger than {@code maxBytes}.
   * Not verified: use {@link #download} for anything that is trusted later.
   */
  public byte[] readFile(String repo, String revision, String path, long maxBytes)
      throws IOException {
    URI uri = HubUrls.resolve(endpoint(), HubUrls.checkRepoId(repo), revision, path);
    try (HubHttp.Response r =
        http.send(
            "GET", uri, Map.of("Accept-Encoding", "identity"), null, HubHttp.Redirects.FOLLOW)) {
      return HubHttp.readBounded(r.body(), maxBytes, uri);
    }
  }

  /**
   * Opens {@code path} for random access over HTTP {@code Range} without downloading it (one {@code
   * HEAD} now, then one ranged {@code GET} per missing cache block).
   */
  public RemoteFile openRemote(String repo, String commit, String path) throws IOException {
    HubUrls.checkRepoId(repo);
    return new RemoteFile(
        http, () -> fileMetadata(repo, commit, path), path, remoteBlockSize, remoteCacheBlocks);
  }

  private JsonNode getJson(URI uri) throws IOException {
    try (HubHttp.Response r =
        http.send("GET", uri, jsonHeaders(), null, HubHttp.Redirects.FOLLOW)) {
      return parse(r, uri);
    }
  }

  private static JsonNode parse(HubHttp.Response r, URI uri) throws IOException {
    byte[] body = HubHttp.readBounded(r.body(), MAX_JSON, uri);
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || n.isMissingNode()) throw new IOException("empty body");
      return n;
    } catch (IOException e) {
      throw new HubException(
          "answer from " + uri + " is not JSON: " + e.getMessage(), r.status(), null, false, null);
    }
  }

  private static Map<String, String> jsonHeaders() {
    return Map.of("Accept", "application/json");
  }

  private static ProgressListener listenerOrNone(ProgressListener l) {
    return l == null ? ProgressListener.NONE : l;
  }

  /** {@code W/"abc"} → {@code abc}, as huggingface_hub normalises etags. */
  static String normaliseEtag(String etag) {
    if (etag == null) return null;
    String e = etag.trim();
    if (e.startsWith("W/")) e = e.substring(2);
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\""))
      e = e.substring(1, e.length() - 1);
    return e;
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1L;
    }
  }

  /** Releases the connection pool and the read-timeout watchdog. */
  @Override
  public void close() {
    http.close();
  }

  /** Configures a {@link HubClient}. */
  public static final class Builder {
    private URI endpoint = URI.create(DEFAULT_ENDPOINT);
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(10);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String userAgent =
        "modelgate/0.1; hf_hub/compatible; java/" + System.getProperty("java.version");
    private int remoteBlockSize = 64 * 1024;
    private boolean syncWrites = true;
    private int remoteCacheBlocks = 64;

    private Builder() {}

    /**
     * The Hub or mirror root, e.g. {@code https://huggingface.co} or {@code http://127.0.0.1:8080}.
     */
    public Builder endpoint(String endpoint) {
      return endpoint(URI.create(endpoint));
    }

    /** The Hub or mirror root. */
    public Builder endpoint(URI endpoint) {
      String s = HubUrls.base(Objects.requireNonNull(endpoint, "endpoint"));
      URI u = URI.create(s);
      if (u.getScheme() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new IllegalArgumentException("endpoint must be an http(s) URL: " + endpoint);
      }
      this.endpoint = u;
      return this;
    }

    /** A bearer token (sent to the endpoint's origin only); null for anonymous access. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Time allowed to open a connection. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = requirePositive(d);
      return this;
    }

    /** Time allowed for the response headers, and for each read of a body to make progress. */
    public Builder readTimeout(Duration d) {
      this.readTimeout = requirePositive(d);
      return this;
    }

    /** How 408/429/5xx and network failures are retried. */
    public Builder retryPolicy(RetryPolicy p) {
      this.retryPolicy = Objects.requireNonNull(p);
      return this;
    }

    /** The {@code User-Agent} header. */
    public Builder userAgent(String ua) {
      this.userAgent = Objects.requireNonNull(ua);
      return this;
    }

    /** Block size and block count of each {@link RemoteFile}'s cache (default 64 KiB × 64). */
    public Builder remoteCache(int blockSize, int blocks) {
      this.remoteBlockSize = blockSize;
      this.remoteCacheBlocks = blocks;
      return this;
    }

    /**
     * Whether a download forces its file to disk before returning (default true). A crash before
     * the data reaches the disk is caught anyway: a resumed download re-verifies the whole file.
     */
    public Builder syncWrites(boolean sync) {
      this.syncWrites = sync;
      return this;
    }

    /** Builds the client. */
    public HubClient build() {
      return new HubClient(this);
    }

    private static Duration requirePositive(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      return d;
    }
  }
}
