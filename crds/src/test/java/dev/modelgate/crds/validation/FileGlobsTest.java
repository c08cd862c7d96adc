package dev.modelgate.crds.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileGlobsTest {

  @Test
  void noGlobsSelectEverything() {
    assertThat(FileGlobs.compile(null).matches("any/file.bin")).isTrue();
    assertThat(FileGlobs.compile(List.of()).matches("x")).isTrue();
  }

  @Test
  void starCrossesSlashesLikeFnmatch() {
    FileGlobs g = FileGlobs.compile(List.of("*.json", "onnx/*"));
    assertThat(g.matches("config.json")).isTrue();
    assertThat(g.matches("sub/dir/config.json")).isTrue();
    assertThat(g.matches("onnx/model.onnx")).isTrue();
    assertThat(g.matches("model.safetensors")).isFalse();
    assertThat(g.matches("config.json.bak")).isFalse();
  }

  @Test
  void questionMarkAndClasses() {
    FileGlobs g = FileGlobs.compile(List.of("model-0000?.bin", "tok[a-z]n.txt", "x[!0-9]"));
    assertThat(g.matches("model-00001.bin")).isTrue();
    assertThat(g.matches("model-001.bin")).isFalse();
    assertThat(g.matches("token.txt")).isTrue();
    assertThat(g.matches("tok9n.txt")).isFalse();
    assertThat(g.matches("xa")).isTrue();
    assertThat(g.matches("x1")).isFalse();
  }

  @Test
  void regexMetacharactersAreLiteral() {
    FileGlobs g = FileGlobs.compile(List.of("a+b(c).txt"));
    assertThat(g.matches("a+b(c).txt")).isTrue();
    assertThat(g.matches("aab(c)xtxt")).isFalse();
  }

  @Test
  void manyStarsStayFast() {
    FileGlobs g = FileGlobs.compile(List.of("*".repeat(200) + "x"));
    assertThat(g.matches("a".repeat(5000))).isFalse();
  }

  @Test
  void malformedGlobsAreRejected() {
    assertThatThrownBy(() -> FileGlobs.compile(List.of("[abc"))).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> FileGlobs.compile(List.of(""))).hasMessageContaining("empty");
  }
}
