package dev.modelgate.hub.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Hugging Face Hub compatible server over a local folder {@code DIR/<org>/<name>/...}: model
 * info, tree listing with pagination, paths-info, refs and {@code resolve} (HEAD/GET, Range, the
 * Hub's headers), with gated and private repos and security status from each repo's {@link
 * RepoMetadata} file. For air-gapped mirrors, the demo, and tests (with {@link Faults}).
 *
 * <pre>{@code
 * try (HubServer hub = HubServer.builder(dir).start()) {
 *   HubClient client = HubClient.builder().endpoint(hub.uri()).build();
 * }
 * }</pre>
 */
public final class HubServer implements AutoCloseable {
  private static final int MAX_RECORDED = 10_000;

  static {
    // The JDK server leaves Nagle on by default; with the client's delayed ACKs every small answer
    // would wait ~40 ms. Must be set before the JDK server's config class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final LocalRepos repos;
  private final Faults faults = new Faults();
  private final Set<String> validTokens;
  private final int pageSize;
  private final int expandPageSize;
  private final HttpServer http;
  private final HttpServer cdnHttp;
  private final ExecutorService executor;
  private final Deque<HubHandler.Logged> recorded = new ArrayDeque<>();
  private final URI uri;
  private final String cdnBase;

  private HubServer(Builder b) throws IOException {
    this.repos = new LocalRepos(b.root);
    this.validTokens = Set.copyOf(b.validTokens);
    this.pageSize = b.pageSize;
    this.expandPageSize = b.expandPageSize;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.http = HttpServer.create(new InetSocketAddress(b.host, b.port), 256);
    http.createContext("/", new HubHandler(this, false));
    http.setExecutor(executor);
    if (b.cdn) {
      cdnHttp = HttpServer.create(new InetSocketAddress(b.host, 0), 256);
      cdnHttp.createContext("/", new HubHandler(this, true));
      cdnHttp.setExecutor(executor);
    } else {
      cdnHttp = null;
    }
    http.start();
    if (cdnHttp != null) cdnHttp.start();
    this.uri = URI.create("http://" + hostForUri(b.host) + ":" + http.getAddress().getPort());
    this.cdnBase =
        cdnHttp == null
            ? null
            : "http://" + hostForUri(b.host) + ":" + cdnHttp.getAddress().getPort();
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** A builder serving {@code root} on 127.0.0.1 with an ephemeral port. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The base URL clients use as their endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return uri;
  }

  /** The port the Hub listener is bound to. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The CDN listener's base URL LFS downloads redirect to, or null when disabled. */
  public String cdnBase() {
    return cdnBase;
  }

  /** The faults to inject; change them at any time. */
  public Faults faults() {
    return faults;
  }

  /** The repos served. */
  public LocalRepos repos() {
    return repos;
  }

  /** Requests answered so far (the last 10 000), oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (recorded) {
      return recorded.stream().map(HubHandler.Logged::toRecord).toList();
    }
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    synchronized (recorded) {
      recorded.clear();
    }
  }

  /** Logs a request when it arrives (its status is filled in later), so order is arrival order. */
  void record(HubHandler.Logged r) {
    synchronized (recorded) {
      if (recorded.size() >= MAX_RECORDED) recorded.removeFirst();
      recorded.addLast(r);
    }
  }

  Set<String> validTokens() {
    return validTokens;
  }

  int pageSize() {
    return pageSize;
  }

  int expandPageSize() {
    return expandPageSize;
  }

  /** The current id of a repo that lists {@code formerId} in its {@code formerNames}, or null. */
  String renamedTo(String formerId) throws IOException {
    for (String id : repos.repoIds()) {
      int slash = id.indexOf('/');
      RepoMetadata m =
          RepoMetadata.read(
              repos.root().resolve(id.substring(0, slash)).resolve(id.substring(slash + 1)));
      if (m.formerNames().contains(formerId)) return id;
    }
    return null;
  }

  /** Stops both listeners at once. */
  @Override
  public void close() {
    http.stop(0);
    if (cdnHttp != null) cdnHttp.stop(0);
    executor.shutdownNow();
  }

  /** Configures a {@link HubServer}. */
  public static final class Builder {
    private final Path root;
    private String host = "127.0.0.1";
    private int port = 0;
    private boolean cdn;
    private Collection<String> validTokens = List.of();
    private int pageSize = 1000;
    private int expandPageSize = 50;

    private Builder(Path root) {
      this.root = root;
    }

    /** The address to bind (default 127.0.0.1, loopback only). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port (default 0: any free port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Also start a second listener acting as the CDN: LFS resolves answer 302 to it (another
     * origin, so clients must not send the token there).
     */
    public Builder cdn(boolean enabled) {
      this.cdn = enabled;
      return this;
    }

    /**
     * Tokens the server knows; any other bearer token gets 401 "Invalid credentials". Empty (the
     * default): every token is accepted as valid (repo rules still apply).
     */
    public Builder validTokens(Collection<String> tokens) {
      this.validTokens = List.copyOf(tokens);
      return this;
    }

    /** Tree page sizes (the Hub uses 1000, and 50 with expand); small values test pagination. */
    public Builder pageSizes(int plain, int expanded) {
      if (plain < 1 || expanded < 1) throw new IllegalArgumentException("page size must be >= 1");
      this.pageSize = plain;
      this.expandPageSize = expanded;
      return this;
    }

    /** Binds and starts serving. */
    public HubServer start() throws IOException {
      return new HubServer(this);
    }
  }
}
