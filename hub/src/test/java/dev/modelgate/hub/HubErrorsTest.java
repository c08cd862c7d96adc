package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubErrorsTest {
  private static final URI API = URI.create("https://hf.co/api/models/a/b");
  private static final URI RESOLVE = URI.create("https://hf.co/a/b/resolve/main/x");

  private static HubException map(int status, Map<String, List<String>> h, String body, URI uri) {
    return HubErrors.toException(
        status, HttpHeaders.of(h, (a, b) -> true), body.getBytes(StandardCharsets.UTF_8), uri);
  }

  @Test
  void errorCodesMapToTypes() {
    assertThat(map(404, Map.of("X-Error-Code", List.of("RepoNotFound")), "", API))
        .isInstanceOf(RepoNotFoundException.class);
    assertThat(map(404, Map.of("X-Error-Code", List.of("RevisionNotFound")), "", API))
        .isInstanceOf(RevisionNotFoundException.class);
    assertThat(map(404, Map.of("X-Error-Code", List.of("EntryNotFound")), "", RESOLVE))
        .isInstanceOf(EntryNotFoundException.class);
    HubException gated =
        map(
            403,
            Map.of("X-Error-Code", List.of("GatedRepo"), "X-Request-Id", List.of("r-1")),
            "{\"error\": \"restricted\"}",
            RESOLVE);
    assertThat(gated).isInstanceOf(GatedRepoException.class);
    assertThat(gated.isTransient()).isFalse();
    assertThat(gated.requestId()).isEqualTo("r-1");
    assertThat(gated.getMessage()).contains("restricted").contains("r-1");
  }

  @Test
  void statusesWithoutCodes() {
    assertThat(map(401, Map.of(), "{\"error\": \"" + HubErrors.INVALID_CREDENTIALS + "\"}", API))
        .isInstanceOf(UnauthorizedException.class);
    assertThat(map(403, Map.of(), "", API)).isInstanceOf(UnauthorizedException.class);
    assertThat(map(404, Map.of(), "", RESOLVE)).isInstanceOf(EntryNotFoundException.class);
    assertThat(map(404, Map.of(), "", API)).isInstanceOf(RepoNotFoundException.class);
    HubException busy = map(503, Map.of(), "{\"error\": [\"overloaded\"]}", API);
    assertThat(busy.isTransient()).isTrue();
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.getMessage()).contains("overloaded");
    HubException disabled =
        map(
            403,
            Map.of("X-Error-Message", List.of("Access to this resource is disabled.")),
            "",
            API);
    assertThat(disabled).isNotInstanceOf(UnauthorizedException.class);
    assertThat(disabled.isTransient()).isFalse();
    assertThat(map(400, Map.of(), "", API).isTransient()).isFalse();
    assertThat(map(429, Map.of(), "", API).isTransient()).isTrue();
  }

  @Test
  void etagsAreNormalised() {
    assertThat(HubClient.normaliseEtag("W/\"abc\"")).isEqualTo("abc");
    assertThat(HubClient.normaliseEtag("\"abc\"")).isEqualTo("abc");
    assertThat(HubClient.normaliseEtag(null)).isNull();
  }

  @Test
  void environmentConfiguresEndpointAndToken() {
    try (HubClient c =
        HubClient.fromEnvironment(
                Map.of("HF_ENDPOINT", "http://127.0.0.1:9/", "HUGGING_FACE_HUB_TOKEN", "hf_x"))
            .build()) {
      assertThat(c.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9"));
    }
    try (HubClient c = HubClient.fromEnvironment(Map.of()).build()) {
      assertThat(c.endpoint()).isEqualTo(URI.create(HubClient.DEFAULT_ENDPOINT));
    }
  }
}
