package dev.modelgate.rego.builtins.strings;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringBuiltinsTest {

  @Test
  void basics() throws Exception {
    assertThat(json("concat", "\",\"", "[\"a\",\"b\"]")).isEqualTo("\"a,b\"");
    assertThat(json("split", "\"a.b.c\"", "\".\"")).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(json("split", "\"héllo\"", "\"\"")).isEqualTo("[\"h\",\"é\",\"l\",\"l\",\"o\"]");
    assertThat(json("strings.split_n", "\"a.b.c.d\"", "\".\"", "-2")).isEqualTo("[\"c\",\"d\"]");
    assertThat(json("strings.split_n", "\"a.b.c.d\"", "\".\"", "2")).isEqualTo("[\"a\",\"b\"]");
    assertThat(json("replace", "\"abc\"", "\"\"", "\"-\"")).isEqualTo("\"-a-b-c-\"");
    assertThat(json("indexof", "\"héllo\"", "\"l\"")).isEqualTo("2");
    assertThat(json("indexof_n", "\"aaa\"", "\"aa\"")).isEqualTo("[0,1]");
    assertThat(json("substring", "\"héllo\"", "1", "3")).isEqualTo("\"éll\"");
    assertThat(json("substring", "\"abc\"", "1", "-1")).isEqualTo("\"bc\"");
    assertThat(json("trim", "\"xxhixx\"", "\"x\"")).isEqualTo("\"hi\"");
    assertThat(json("trim_space", "\"\\t hi \\n\"")).isEqualTo("\"hi\"");
    assertThat(json("trim_prefix", "\"prefix-x\"", "\"prefix-\"")).isEqualTo("\"x\"");
    assertThat(json("strings.reverse", "\"héllo\"")).isEqualTo("\"olléh\"");
    assertThat(json("strings.count", "\"dummy\"", "\"\"")).isEqualTo("6");
    assertThat(json("strings.count", "\"cheese\"", "\"e\"")).isEqualTo("3");
    assertThat(json("format_int", "-255.9", "16")).isEqualTo("\"-ff\"");
    assertThat(json("strings.replace_n", "{\"a\":\"b\",\"b\":\"c\"}", "\"ab\""))
        .isEqualTo("\"bc\"");
    assertThat(json("strings.any_prefix_match", "[\"a/b\",\"c\"]", "\"a/\"")).isEqualTo("true");
    assertThat(json("strings.any_suffix_match", "\"a/b\"", "[\"x\"]")).isEqualTo("false");
  }

  @Test
  void errorsMatchOpa() {
    assertThat(error("indexof", "\"abc\"", "\"\"")).hasMessage("empty search character");
    assertThat(error("concat", "\",\"", "[1]"))
        .hasMessage("operand 2 must be array of strings but got array containing number");
    assertThat(error("concat", "\",\"", "1"))
        .hasMessage("operand 2 must be one of {set, array} but got number");
    assertThat(error("strings.any_prefix_match", "1", "\"a\""))
        .hasMessage("operand 1 must be one of {string, set, array} but got number");
    assertThat(error("strings.split_n", "\"a.b\"", "\".\"", "1.5"))
        .hasMessage("operand 3 must be integer number but got floating-point number");
  }

  @Test
  void quadraticSearchesEndAtTheStepLimit() {
    String base = "\"" + "a".repeat(200_000) + "\"";
    String search = "\"" + "a".repeat(10_000) + "b\"";
    long start = System.nanoTime();
    assertThat(error("indexof_n", base, search).kind())
        .isEqualTo(dev.modelgate.rego.builtins.BuiltinException.Kind.HALT);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void sprintfShowsValuesAsOpaDoes() throws Exception {
    assertThat(json("sprintf", "\"hi %v\"", "[[\"there\", 5, 3.14]]"))
        .isEqualTo("\"hi [\\\"there\\\", 5, 3.14]\"");
    assertThat(json("sprintf", "\"%s\"", "[123456789123456789123]"))
        .isEqualTo("\"123456789123456789123\"");
    assertThat(json("sprintf", "\"hi %s\"", "[true]")).isEqualTo("\"hi true\"");
    assertThat(json("sprintf", "\"%d %.2f\"", "[42, 3.14159]")).isEqualTo("\"42 3.14\"");
    assertThat(json("sprintf", "\"%v\"", "[{\"b\": 1, \"a\": null}]"))
        .isEqualTo("\"{\\\"a\\\": null, \\\"b\\\": 1}\"");
    assertThat(json("sprintf", "\"%d\"", "[\"x\"]")).isEqualTo("\"%!d(string=x)\"");
  }
}
