package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerWaitTest {
  private static HttpHeaders headers(Map<String, List<String>> m) {
    return HttpHeaders.of(m, (a, b) -> true);
  }

  @Test
  void rateLimitWithNothingRemainingWinsOnA429() {
    HttpHeaders h =
        headers(Map.of("RateLimit", List.of("\"api\";r=0;t=55"), "Retry-After", List.of("3")));
    assertThat(ServerWait.requested(429, h)).contains(Duration.ofSeconds(56));
  }

  @Test
  void rateLimitWithQuotaLeftIsNotTheCause() {
    HttpHeaders h =
        headers(Map.of("RateLimit", List.of("\"api\";r=12;t=55"), "Retry-After", List.of("3")));
    assertThat(ServerWait.requested(429, h)).contains(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterSecondsOnly() {
    assertThat(ServerWait.requested(503, headers(Map.of("Retry-After", List.of("7")))))
        .contains(Duration.ofSeconds(7));
    assertThat(
            ServerWait.requested(
                503, headers(Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT")))))
        .isEqualTo(Optional.empty());
    assertThat(ServerWait.requested(503, headers(Map.of()))).isEmpty();
  }

  @Test
  void backoffIsExponentialAndCapped() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(5)))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));
    assertThat(p.backoff(60)).isEqualTo(Duration.ofSeconds(8));
    assertThat(RetryPolicy.fast(3).serverWait(Duration.ofSeconds(56)))
        .isEqualTo(Duration.ofMillis(50));
  }
}
