package dev.modelgate.rego.builtins.regex;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegexBuiltinsTest {

  @Test
  void matchingAndFinding() throws Exception {
    assertThat(json("regex.match", "\"^[a-z]+-[0-9]+$\"", "\"model-42\"")).isEqualTo("true");
    assertThat(json("regex.is_valid", "\"(\"")).isEqualTo("false");
    assertThat(error("regex.match", "\"(\"", "\"x\"").getMessage())
        .startsWith("error parsing regexp: missing closing )");
    assertThat(json("regex.find_n", "\"a+\"", "\"baaacaa\"", "-1")).isEqualTo("[\"aaa\",\"aa\"]");
    assertThat(json("regex.find_n", "\"a*\"", "\"baaac\"", "-1")).isEqualTo("[\"\",\"aaa\",\"\"]");
    assertThat(json("regex.find_all_string_submatch_n", "\"(a)(x)?\"", "\"aa\"", "1"))
        .isEqualTo("[[\"a\",\"a\",\"\"]]");
  }

  @Test
  void splitReplaceTemplate() throws Exception {
    assertThat(json("regex.split", "\",\\\\s*\"", "\"a, b,c\"")).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(json("regex.split", "\"x*\"", "\"axbc\"")).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(json("regex.replace", "\"a-1 b-2\"", "\"([a-z])-([0-9])\"", "\"${2}$1\""))
        .isEqualTo("\"1a 2b\"");
    assertThat(json("regex.replace", "\"abc\"", "\"\"", "\"-\"")).isEqualTo("\"-a-b-c-\"");
    assertThat(
            json(
                "regex.template_match",
                "\"urn:foo:{.*}\"",
                "\"urn:foo:bar:baz\"",
                "\"{\"",
                "\"}\""))
        .isEqualTo("true");
    assertThat(error("regex.template_match", "\"urn:{.*\"", "\"x\"", "\"{\"", "\"}\""))
        .hasMessage("unbalanced braces in \"urn:{.*\"");
  }

  @Test
  void globsMatch() throws Exception {
    assertThat(json("regex.globs_match", "\"a.a.[0-9]+z\"", "\".b.b2359825792*594823z\""))
        .isEqualTo("true");
    assertThat(json("regex.globs_match", "\"[a-c]\"", "\"[d-f]\"")).isEqualTo("false");
    assertThat(json("regex.globs_match", "\"a+\"", "\"a*\"")).isEqualTo("true");
    assertThat(error("regex.globs_match", "\"[abc\"", "\"a\""))
        .hasMessage("input:[abc, pos:4, found [ without matching ]: the input provided is invalid");
  }

  @Test
  void catastrophicPatternsStayLinear() throws Exception {
    String subject = "\"" + "a".repeat(50_000) + "!\"";
    long start = System.nanoTime();
    assertThat(json("regex.match", "\"^(a+)+$\"", subject)).isEqualTo("false");
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }
}
