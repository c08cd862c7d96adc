package dev.modelgate.rego.builtins.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {

  private static final List<Integer> DOT = List.of((int) '.');

  private static boolean match(String pattern, List<Integer> delims, String s) {
    return Glob.compile(pattern, delims).matches(s);
  }

  @Test
  void wildcardsRespectDelimiters() {
    assertThat(match("*.github.com", DOT, "api.github.com")).isTrue();
    assertThat(match("*.github.com", DOT, "api.cdn.github.com")).isFalse();
    assertThat(match("*hub.com", List.of(), "api.cdn.github.com")).isTrue();
    assertThat(match("api.**.com", DOT, "api.cdn.github.com")).isTrue();
    assertThat(match("*?*", List.of((int) '.', (int) '/'), "api.github.com")).isFalse();
    assertThat(match("*?*", List.of((int) '.', (int) '/'), "abc")).isTrue();
    assertThat(match("?", List.of(), "")).isFalse();
    assertThat(match("a/*/b", List.of(), "a/b")).isFalse();
    assertThat(match("a/**/b", List.of(), "a//b")).isTrue();
    assertThat(match("**/x", List.of(), "x")).isFalse();
    assertThat(match("***", DOT, "")).isTrue();
    assertThat(match("", DOT, "")).isTrue();
  }

  @Test
  void classesAlternativesAndEscapes() {
    assertThat(match("[abc]at", DOT, "bat")).isTrue();
    assertThat(match("[!a-c]at", DOT, "lat")).isTrue();
    assertThat(match("[!abc]at", DOT, "cat")).isFalse();
    assertThat(match("{cat,bat,[fr]at}", DOT, "rat")).isTrue();
    assertThat(match("{cat,bat,[fr]at}", DOT, "at")).isFalse();
    assertThat(match("{a,{b,c}}", DOT, "c")).isTrue();
    assertThat(match("{**/,}x", List.of(), "x")).isTrue();
    assertThat(match("\\*", List.of(), "*")).isTrue();
    assertThat(match("\\*", List.of(), "a")).isFalse();
    assertThat(match("[a\\-z]", List.of(), "-")).isTrue();
    assertThat(match("[a\\-z]", List.of(), "m")).isFalse();
    assertThat(match("[\\]]", List.of(), "]")).isTrue();
    assertThat(match("a.(b)+", List.of(), "a.(b)+")).isTrue();
  }

  @Test
  void malformedPatternsAreErrors() {
    for (String bad : List.of("[abc", "[z-a]", "test\\", "{a,b", "[]")) {
      assertThatThrownBy(() -> Glob.compile(bad, DOT))
          .as(bad)
          .hasMessage("syntax error in pattern");
    }
  }

  @Test
  void hostilePatternsMatchInLinearTime() {
    String s = "a".repeat(20_000);
    long start = System.nanoTime();
    assertThat(match("*a*a*a*a*a*a*a*a*a*b", List.of(), s)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void quoteMeta() {
    assertThat(Glob.quoteMeta("hello*world?[test]")).isEqualTo("hello\\*world\\?\\[test\\]");
    assertThat(Glob.quoteMeta("hello\nworld")).isEqualTo("hello\nworld");
  }
}
