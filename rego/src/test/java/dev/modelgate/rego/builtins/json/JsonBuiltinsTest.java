package dev.modelgate.rego.builtins.json;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBuiltinsTest {

  @Test
  void filterAndRemove() throws Exception {
    assertThat(
            json(
                "json.filter",
                "{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}]}",
                "[\"a/0/b\", \"a/1\"]"))
        .isEqualTo("{\"a\":[{\"b\":7},{\"d\":9}]}");
    assertThat(
            json(
                "json.remove",
                "{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}]}",
                "[\"a/0/b\", \"a/1\"]"))
        .isEqualTo("{\"a\":[{\"c\":8}]}");
    assertThat(json("json.remove", "{\"a\": {\"b\": 7}, \"c\": 1}", "[\"a\", \"a/b\"]"))
        .isEqualTo("{\"c\":1}");
    assertThat(error("json.remove", "{}", "1"))
        .hasMessage("operand 2 must be one of {set, array} but got number");
  }

  @Test
  void patch() throws Exception {
    assertThat(
            json(
                "json.patch",
                "{\"a\": {\"foo\": 1}, \"l\": [1, 3]}",
                "[{\"op\": \"add\", \"path\": \"/a/bar\", \"value\": 2},"
                    + "{\"op\": \"add\", \"path\": \"/l/1\", \"value\": 2},"
                    + "{\"op\": \"add\", \"path\": \"/l/-\", \"value\": 4},"
                    + "{\"op\": \"move\", \"from\": \"/a/foo\", \"path\": \"/foo\"},"
                    + "{\"op\": \"copy\", \"from\": \"/foo\", \"path\": \"/a~1b\"},"
                    + "{\"op\": \"test\", \"path\": \"/foo\", \"value\": 1}]"))
        .isEqualTo("{\"a\":{\"bar\":2},\"a/b\":1,\"foo\":1,\"l\":[1,2,3,4]}");
    assertThat(json("json.patch", "[1, 2]", "[{\"op\": \"remove\", \"path\": \"/-\"}]"))
        .isEqualTo("undefined");
    assertThat(
            json(
                "json.patch", "{\"a\": 1}", "[{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]"))
        .isEqualTo("undefined");
    assertThat(json("json.patch", "[\"a\", \"b\"]", "[{\"op\": \"remove\", \"path\": [1]}]"))
        .isEqualTo("[\"a\"]");
    assertThat(json("json.patch", "[\"a\", \"b\"]", "[{\"op\": \"remove\", \"path\": \"/01\"}]"))
        .isEqualTo("undefined");
  }
}
