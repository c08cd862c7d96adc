package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  private static final URI BASE =
      URI.create("https://hf.co/api/models/a/b/tree/main?recursive=true");

  @Test
  void findsNextAmongSeveralLinks() {
    String h =
        "<https://hf.co/api/models/a/b/tree/main?cursor=xyz&recursive=true>; rel=\"next\", "
            + "<https://hf.co/api/models/a/b/tree/main?cursor=abc>; rel=\"prev\"";
    assertThat(LinkHeader.next(List.of(h), BASE))
        .contains(URI.create("https://hf.co/api/models/a/b/tree/main?cursor=xyz&recursive=true"));
  }

  @Test
  void resolvesRelativeAndIgnoresOthers() {
    assertThat(LinkHeader.next(List.of("</x?cursor=2>; rel=next"), BASE))
        .contains(URI.create("https://hf.co/x?cursor=2"));
    assertThat(LinkHeader.next(List.of("<https://hf.co/y>; rel=\"prev\""), BASE)).isEmpty();
    assertThat(LinkHeader.next(List.of("garbage"), BASE)).isEmpty();
    assertThat(LinkHeader.next(List.of(), BASE)).isEmpty();
  }
}
