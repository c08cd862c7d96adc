package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HubUrlsTest {
  private static final URI EP = URI.create("https://huggingface.co/");

  @Test
  void revisionsAreFullyEncodedAndPathsKeepSlashes() {
    assertThat(HubUrls.resolve(EP, "org/name", "refs/pr/1", "sub dir/model+v1.bin").toString())
        .isEqualTo(
            "https://huggingface.co/org/name/resolve/refs%2Fpr%2F1/sub%20dir/model%2Bv1.bin");
    assertThat(HubUrls.modelInfo(EP, "org/name", "v1.0").toString())
        .isEqualTo("https://huggingface.co/api/models/org/name/revision/v1.0");
    assertThat(HubUrls.tree(EP, "org/name", "main", "onnx/sub", "recursive=true").toString())
        .isEqualTo(
            "https://huggingface.co/api/models/org/name/tree/main/onnx%2Fsub?recursive=true");
    assertThat(HubUrls.encodeSegment("é~")).isEqualTo("%C3%A9~");
  }

  @Test
  void repoIdsAreValidated() {
    assertThat(HubUrls.checkRepoId("HuggingFaceTB/SmolLM-135M"))
        .isEqualTo("HuggingFaceTB/SmolLM-135M");
    assertThat(HubUrls.checkRepoId("gpt2")).isEqualTo("gpt2");
    for (String bad : new String[] {"a/b/c", "a--b/c", "../x", "a/..b", "", "a/b c", "/a"}) {
      assertThatThrownBy(() -> HubUrls.checkRepoId(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void originsCompareSchemeHostAndPort() {
    assertThat(HubUrls.sameOrigin(URI.create("https://hf.co"), URI.create("https://HF.co:443/x")))
        .isTrue();
    assertThat(
            HubUrls.sameOrigin(
                URI.create("http://127.0.0.1:80"), URI.create("http://127.0.0.1:81")))
        .isFalse();
    assertThat(HubUrls.sameOrigin(URI.create("https://hf.co"), URI.create("https://cdn.hf.co")))
        .isFalse();
    assertThat(HubUrls.sameOrigin(URI.create("https://hf.co"), URI.create("http://hf.co")))
        .isFalse();
  }
}
