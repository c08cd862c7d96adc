package dev.modelgate.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgate.hub.GitHashes;
import dev.modelgate.hub.testing.TestHubRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's HTTP answers checked byte by byte, with a plain HTTP client. */
class HubServerIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  HubServer server;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    TestHubRepo.in(tmp, "org/repo")
        .file("config.json", "{\"a\": 1}")
        .file("weights.bin", "0123456789")
        .file("README.md", "---\nlicense: mit\ntags: [x]\n---\nhello\n")
        .metadata("revisions: [v1]\n")
        .write();
    server = HubServer.builder(tmp).start();
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  JsonNode json(HttpResponse<byte[]> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void headAnnouncesLengthAndEtagsWithoutABody() throws Exception {
    HttpResponse<byte[]> small = send("HEAD", "/org/repo/resolve/main/config.json");
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.headers().firstValue("Content-Length")).contains("8");
    assertThat(small.headers().firstValue("ETag"))
        .contains("\"" + GitHashes.blobId("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)) + "\"");
    assertThat(small.headers().firstValue("X-Linked-Etag")).isEmpty();
    assertThat(small.headers().firstValue("X-Repo-Commit").orElseThrow()).matches("[0-9a-f]{40}");
    HttpResponse<byte[]> lfs = send("HEAD", "/org/repo/resolve/v1/weights.bin");
    String sha = GitHashes.sha256("0123456789".getBytes(StandardCharsets.UTF_8));
    assertThat(lfs.headers().firstValue("X-Linked-Etag")).contains("\"" + sha + "\"");
    assertThat(lfs.headers().firstValue("X-Linked-Size")).contains("10");
    assertThat(lfs.body()).isEmpty();
  }

  @Test
  void rangesAreServedAndBadOnesRefused() throws Exception {
    HttpResponse<byte[]> part =
        send("GET", "/org/repo/resolve/main/weights.bin", "Range", "bytes=3-5");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(new String(part.body(), StandardCharsets.UTF_8)).isEqualTo("345");
    assertThat(part.headers().firstValue("Content-Range")).contains("bytes 3-5/10");
    HttpResponse<byte[]> tail =
        send("GET", "/org/repo/resolve/main/weights.bin", "Range", "bytes=-2");
    assertThat(new String(tail.body(), StandardCharsets.UTF_8)).isEqualTo("89");
    HttpResponse<byte[]> past =
        send("GET", "/org/repo/resolve/main/weights.bin", "Range", "bytes=10-");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.headers().firstValue("Content-Range")).contains("bytes */10");
  }

  @Test
  void hubErrorHeadersAndBodies() throws Exception {
    HttpResponse<byte[]> noRepo = send("GET", "/api/models/org/nope");
    assertThat(noRepo.statusCode()).isEqualTo(404);
    assertThat(noRepo.headers().firstValue("X-Error-Code")).contains("RepoNotFound");
    assertThat(json(noRepo).path("error").asText()).isEqualTo("Repository not found");
    HttpResponse<byte[]> noRev = send("GET", "/org/repo/resolve/v9/config.json");
    assertThat(noRev.headers().firstValue("X-Error-Code")).contains("RevisionNotFound");
    HttpResponse<byte[]> noFile = send("GET", "/org/repo/resolve/main/nope.json");
    assertThat(noFile.headers().firstValue("X-Error-Code")).contains("EntryNotFound");
    assertThat(noFile.headers().firstValue("X-Repo-Commit")).isPresent();
    assertThat(send("GET", "/org/repo/resolve/main/..%2F..%2Fetc%2Fpasswd").statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/org/repo/resolve/main/%C3%28").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/../org/repo/resolve/main/config.json").statusCode()).isIn(400, 404);
    assertThat(send("DELETE", "/api/models/org/repo").statusCode()).isEqualTo(404);
  }

  @Test
  void modelInfoExpandCardDataAndRefs() throws Exception {
    JsonNode info = json(send("GET", "/api/models/org/repo?blobs=true"));
    assertThat(info.path("cardData").path("license").asText()).isEqualTo("mit");
    assertThat(info.path("siblings")).hasSize(3);
    assertThat(info.path("siblings").findValues("lfs")).hasSize(1);
    JsonNode only = json(send("GET", "/api/models/org/repo?expand=sha&expand=gated"));
    assertThat(only.has("siblings")).isFalse();
    assertThat(only.path("sha").asText()).matches("[0-9a-f]{40}");
    assertThat(only.path("gated").asBoolean(true)).isFalse();
    JsonNode refs = json(send("GET", "/api/models/org/repo/refs"));
    assertThat(refs.path("branches").get(0).path("name").asText()).isEqualTo("main");
    assertThat(refs.path("tags").get(0).path("ref").asText()).isEqualTo("refs/tags/v1");
  }

  @Test
  void treePagesCarryAbsoluteNextLinks() throws Exception {
    try (HubServer paged = HubServer.builder(tmp).pageSizes(2, 2).start()) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(paged.uri() + "/api/models/org/repo/tree/main?recursive=true"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(json(r)).hasSize(2);
      assertThat(r.headers().firstValue("Link").orElseThrow())
          .startsWith("<" + paged.uri() + "/api/models/org/repo/tree/main?")
          .endsWith(">; rel=\"next\"");
    }
  }

  @Test
  void pathsInfoAcceptsJsonBodies() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.uri() + "/api/models/org/repo/paths-info/main"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"paths\": [\"weights.bin\", \"x\"], \"expand\": true}"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    JsonNode n = json(r);
    assertThat(n).hasSize(1);
    assertThat(n.get(0).path("lfs").path("oid").asText()).hasSize(64);
    assertThat(n.get(0).path("lastCommit").path("id").asText()).matches("[0-9a-f]{40}");
  }
}
