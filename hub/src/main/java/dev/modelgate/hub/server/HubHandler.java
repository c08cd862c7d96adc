package dev.modelgate.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.modelgate.hub.HubUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes Hub API requests to answers over {@link LocalRepos}. One instance serves the Hub listener,
 * another (with {@code cdn=true}) the CDN listener that LFS downloads redirect to.
 */
final class HubHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HubHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;

  private final HubServer server;
  private final boolean cdn;

  HubHandler(HubServer server, boolean cdn) {
    this.server = server;
    this.cdn = cdn;
  }

  @Override
  public void handle(HttpExchange ex) {
    Call call = new Call(ex, cdn ? "cdn" : "hub");
    server.record(new Logged(call));
    try {
      Duration latency = server.faults().latency();
      if (!latency.isZero()) Thread.sleep(latency.toMillis());
      if (!injectedFailure(call)) route(call);
    } catch (ContentSender.CutConnection cut) {
      // on purpose: closing below abandons the half-sent body
    } catch (IllegalArgumentException bad) {
      safeError(call, 400, null, bad.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("answering {} failed: {}", ex.getRequestURI(), e.toString());
    } catch (RuntimeException e) {
      LOG.warn("internal error answering {}", ex.getRequestURI(), e);
      safeError(call, 500, null, "internal error: " + e);
    } finally {
      ex.close();
    }
  }

  /** A log entry made on arrival; the status is read when the log is inspected. */
  static final class Logged {
    private final Call call;
    private final String target;

    Logged(Call call) {
      this.call = call;
      var uri = call.ex.getRequestURI();
      this.target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    RecordedRequest toRecord() {
      return new RecordedRequest(
          call.listener,
          call.ex.getRequestMethod(),
          target,
          call.header("Range"),
          call.header("Authorization"),
          call.status);
    }
  }

  private static void safeError(Call call, int status, String code, String message) {
    if (call.status != 0) return; // headers already sent: nothing sensible left to do
    try {
      call.error(status, code, message);
    } catch (IOException ignored) {
      // the client went away
    }
  }

  private boolean injectedFailure(Call call) throws IOException {
    int retryAfter = server.faults().takeRateLimit();
    if (retryAfter >= 0) {
      call.setHeader("Retry-After", Integer.toString(retryAfter));
      call.setHeader("RateLimit", "\"api\";r=0;t=" + retryAfter);
      call.setHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300");
      call.error(429, null, "You have been rate-limited; retry later (fault injection)");
      return true;
    }
    int status = server.faults().takeServerError();
    if (status >= 0) {
      call.error(status, null, "server error (fault injection)");
      return true;
    }
    String token = call.token();
    Set<String> valid = server.validTokens();
    if (token != null && !valid.isEmpty() && !valid.contains(token)) {
      call.error(401, null, "Invalid credentials in Authorization header");
      return true;
    }
    return false;
  }

  private void route(Call call) throws IOException {
    String method = call.ex.getRequestMethod();
    List<String> seg = segments(call.ex.getRequestURI().getRawPath());
    if (cdn) {
      // /cdn/{org}/{name}/{commit}/{path...}
      if (seg.size() >= 5 && seg.get(0).equals("cdn") && isRead(method)) {
        serveCdn(call, seg);
      } else {
        call.error(404, null, "Not found");
      }
      return;
    }
    if (seg.size() >= 4 && seg.get(0).equals("api") && seg.get(1).equals("models")) {
      String org = seg.get(2);
      String name = seg.get(3);
      List<String> rest = seg.subList(4, seg.size());
      if (rest.isEmpty() && isRead(method)) {
        modelInfo(call, org, name, "main");
      } else if (rest.size() == 2 && rest.get(0).equals("revision") && isRead(method)) {
        modelInfo(call, org, name, decode(rest.get(1)));
      } else if (rest.size() >= 2 && rest.get(0).equals("tree") && isRead(method)) {
        tree(call, org, name, decode(rest.get(1)), decodePath(rest.subList(2, rest.size())));
      } else if (rest.size() == 2 && rest.get(0).equals("paths-info") && method.equals("POST")) {
        pathsInfo(call, org, name, decode(rest.get(1)));
      } else if (rest.size() == 1 && rest.get(0).equals("refs") && isRead(method)) {
        refs(call, org, name);
      } else {
        call.error(404, null, "Not found");
      }
      return;
    }
    if (seg.size() >= 5 && seg.get(2).equals("resolve") && isRead(method)) {
      resolve(
          call, seg.get(0), seg.get(1), decode(seg.get(3)), decodePath(seg.subList(4, seg.size())));
      return;
    }
    call.error(404, null, "Not found");
  }

  private static boolean isRead(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  /** The snapshot, or null after answering 404/401 (or a redirect for a renamed repo). */
  private RepoSnapshot repo(Call call, String org, String name, String path) throws IOException {
    RepoSnapshot s =
        path == null
            ? server.repos().snapshot(org, name)
            : server.repos().snapshotFor(org, name, path);
    if (s == null) {
      String renamed = server.renamedTo(org + "/" + name);
      if (renamed != null) {
        String raw = call.ex.getRequestURI().getRawPath();
        String q = call.ex.getRequestURI().getRawQuery();
        String target = raw.replaceFirst("/" + org + "/" + name + "(/|$)", "/" + renamed + "$1");
        call.setHeader("Location", target + (q == null ? "" : "?" + q));
        call.sendHeaders(307, 0);
        return null;
      }
      call.error(404, "RepoNotFound", "Repository not found");
      return null;
    }
    RepoMetadata m = s.metadata();
    if (m.isPrivate() && !allowed(call, m)) {
      call.error(401, "RepoNotFound", "Repository not found");
      return null;
    }
    return s;
  }

  private static boolean allowed(Call call, RepoMetadata m) {
    String token = call.token();
    return token != null && (m.tokens().isEmpty() || m.tokens().contains(token));
  }

  private static boolean revisionOk(Call call, RepoSnapshot s, String revision) throws IOException {
    if (s.hasRevision(revision)) return true;
    call.error(404, "RevisionNotFound", "Invalid rev id: " + revision);
    return false;
  }

  private void modelInfo(Call call, String org, String name, String revision) throws IOException {
    RepoSnapshot s = repo(call, org, name, null);
    if (s == null || !revisionOk(call, s, revision)) return;
    Map<String, List<String>> q = query(call);
    boolean blobs = flag(q, "blobs");
    boolean security = flag(q, "securityStatus");
    ObjectNode info = ModelJson.modelInfo(s, blobs, security);
    List<String> expand = new ArrayList<>(q.getOrDefault("expand", List.of()));
    expand.addAll(q.getOrDefault("expand[]", List.of()));
    if (!expand.isEmpty()) {
      ObjectNode only = JsonNodeFactory.instance.objectNode();
      only.set("_id", info.get("_id"));
      only.set("id", info.get("id"));
      for (String key : expand) {
        JsonNode v =
            switch (key) {
              case "pipeline_tag", "library_name" -> info.get(key);
              case "securityRepoStatus" -> ModelJson.repoSecurity(s);
              default -> info.get(key);
            };
        if (v != null) only.set(key, v);
      }
      info = only;
    }
    call.json(200, info);
  }

  private void tree(Call call, String org, String name, String revision, String path)
      throws IOException {
    RepoSnapshot s = repo(call, org, name, null);
    if (s == null || !revisionOk(call, s, revision)) return;
    if (!path.isEmpty() && !s.directories().containsKey(path)) {
      call.setHeader("X-Repo-Commit", s.commit());
      call.error(404, "EntryNotFound", "Entry not found: " + path);
      return;
    }
    Map<String, List<String>> q = query(call);
    boolean recursive = flag(q, "recursive");
    boolean expand = flag(q, "expand");
    List<String> paths = new ArrayList<>();
    if (recursive) {
      String prefix = path.isEmpty() ? "" : path + "/";
      for (String d : s.directories().keySet()) {
        if (!d.isEmpty() && d.startsWith(prefix)) paths.add(d);
      }
      for (String f : s.files().keySet()) if (f.startsWith(prefix)) paths.add(f);
      paths.sort(null);
    } else {
      paths.addAll(s.children(path));
    }
    int pageSize = expand ? server.expandPageSize() : server.pageSize();
    int cursor = 0;
    String c = first(q, "cursor");
    if (c != null) {
      try {
        cursor = Integer.parseInt(c);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad cursor");
      }
      if (cursor < 0 || cursor > paths.size()) throw new IllegalArgumentException("bad cursor");
    }
    int end = Math.min(paths.size(), cursor + pageSize);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String p : paths.subList(cursor, end)) out.add(entry(s, p, expand));
    if (end < paths.size()) {
      String host = call.header("Host");
      String base = "http://" + (host != null ? host : server.uri().getAuthority());
      String raw = call.ex.getRequestURI().getRawPath();
      call.setHeader(
          "Link",
          "<"
              + base
              + raw
              + "?recursive="
              + recursive
              + "&expand="
              + expand
              + "&cursor="
              + end
              + ">; rel=\"next\"");
    }
    call.json(200, out);
  }

  private static JsonNode entry(RepoSnapshot s, String path, boolean expand) {
    RepoSnapshot.FileEntry f = s.files().get(path);
    return f != null
        ? ModelJson.fileEntry(s, f, expand)
        : ModelJson.directoryEntry(s, path, expand);
  }

  private void pathsInfo(Call call, String org, String name, String revision) throws IOException {
    RepoSnapshot s = repo(call, org, name, null);
    if (s == null || !revisionOk(call, s, revision)) return;
    byte[] body;
    try (InputStream in = call.ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      call.error(413, null, "request body larger than 1 MiB");
      return;
    }
    List<String> paths = new ArrayList<>();
    boolean expand;
    String ct = call.header("Content-Type");
    if (ct != null && ct.toLowerCase().startsWith("application/json")) {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) throw new IllegalArgumentException("expected a JSON object");
      JsonNode ps = n.path("paths");
      if (ps.isTextual()) paths.add(ps.asText());
      for (JsonNode p : ps) paths.add(p.asText());
      expand = n.path("expand").asBoolean(false);
    } else {
      Map<String, List<String>> form = parseForm(new String(body, StandardCharsets.UTF_8));
      paths.addAll(form.getOrDefault("paths", List.of()));
      paths.addAll(form.getOrDefault("paths[]", List.of()));
      expand = flag(form, "expand");
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String p : paths) {
      String norm = p.startsWith("/") ? p.substring(1) : p;
      if (s.files().containsKey(norm) || (!norm.isEmpty() && s.directories().containsKey(norm))) {
        out.add(entry(s, norm, expand));
      }
    }
    call.json(200, out);
  }

  private void refs(Call call, String org, String name) throws IOException {
    RepoSnapshot s = repo(call, org, name, null);
    if (s == null) return;
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.putArray("branches")
        .addObject()
        .put("name", "main")
        .put("ref", "refs/heads/main")
        .put("targetCommit", s.commit());
    ArrayNode tags = n.putArray("tags");
    for (String r : s.metadata().revisions()) {
      tags.addObject().put("name", r).put("ref", "refs/tags/" + r).put("targetCommit", s.commit());
    }
    n.putArray("converts");
    call.json(200, n);
  }

  private void resolve(Call call, String org, String name, String revision, String path)
      throws IOException {
    RepoSnapshot s = repo(call, org, name, path);
    if (s == null || !revisionOk(call, s, revision)) return;
    RepoMetadata m = s.metadata();
    if (m.isGated() && !allowed(call, m)) {
      boolean anonymous = call.token() == null;
      call.error(
          anonymous ? 401 : 403,
          "GatedRepo",
          "Access to model "
              + s.id()
              + " is restricted"
              + (anonymous
                  ? ". You must have access to it and be authenticated to access it. Please log in."
                  : " and you are not in the authorized list. Visit "
                      + server.uri()
                      + "/"
                      + s.id()
                      + " to ask for access."));
      return;
    }
    call.setHeader("X-Repo-Commit", s.commit());
    RepoSnapshot.FileEntry f = s.files().get(path);
    if (f == null) {
      call.error(404, "EntryNotFound", "Entry not found");
      return;
    }
    call.setHeader("ETag", "\"" + f.etag() + "\"");
    if (f.isLfs()) {
      call.setHeader("X-Linked-Etag", "\"" + f.sha256() + "\"");
      call.setHeader("X-Linked-Size", Long.toString(f.size()));
      if (server.cdnBase() != null) {
        call.setHeader(
            "Location",
            server.cdnBase()
                + "/cdn/"
                + s.id()
                + "/"
                + s.commit()
                + "/"
                + HubUrls.encodePath(f.path()));
        call.sendHeaders(302, 0);
        return;
      }
    }
    call.setHeader("Content-Type", contentType(f.path()));
    ContentSender.send(call, f, server.faults());
  }

  private void serveCdn(Call call, List<String> seg) throws IOException {
    String org = seg.get(1);
    String name = seg.get(2);
    String commit = seg.get(3);
    String path = decodePath(seg.subList(4, seg.size()));
    RepoSnapshot s = server.repos().snapshotFor(org, name, path);
    RepoSnapshot.FileEntry f = s == null ? null : s.files().get(path);
    if (f == null || !s.commit().equals(commit)) {
      call.error(404, null, "Not found");
      return;
    }
    call.setHeader("ETag", "\"cdn-" + f.sha256() + "\"");
    call.setHeader("Content-Type", "application/octet-stream");
    ContentSender.send(call, f, server.faults());
  }

  private static String contentType(String path) {
    if (path.endsWith(".json")) return "application/json";
    if (path.endsWith(".md") || path.endsWith(".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>(Arrays.asList(rawPath.split("/")));
    out.removeIf(String::isEmpty);
    return out;
  }

  private static String decode(String raw) {
    return PercentDecoding.decode(raw);
  }

  /** Joins raw segments and decodes; a tree path may arrive as one {@code %2F}-encoded segment. */
  private static String decodePath(List<String> raw) {
    String p = decode(String.join("/", raw));
    for (String part : p.split("/", -1)) {
      if (part.equals("..")
          || part.equals(".")
          || part.indexOf('\\') >= 0
          || part.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("bad path: " + p);
      }
    }
    return p;
  }

  private static Map<String, List<String>> query(Call call) {
    String q = call.ex.getRequestURI().getRawQuery();
    return q == null ? Map.of() : parseForm(q);
  }

  private static Map<String, List<String>> parseForm(String s) {
    Map<String, List<String>> out = new HashMap<>();
    for (String pair : s.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String first(Map<String, List<String>> q, String key) {
    List<String> v = q.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static boolean flag(Map<String, List<String>> q, String key) {
    String v = first(q, key);
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.isEmpty());
  }
}
