package dev.modelgate.rego.builtins.graph;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.builtins.BuiltinException;
import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {

  @Test
  void reachability() throws Exception {
    String g = "{\"a\": [\"b\", \"c\"], \"b\": [\"c\"], \"c\": [], \"x\": [\"a\"]}";
    assertThat(json("graph.reachable", g, "[\"a\"]")).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(json("graph.reachable_paths", g, "[\"a\"]"))
        .isEqualTo("[[\"a\",\"b\",\"c\"],[\"a\",\"c\"]]");
    String cycle = "{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"]}";
    assertThat(json("graph.reachable_paths", cycle, "[\"a\"]")).isEqualTo("[[\"a\",\"b\",\"c\"]]");
    assertThat(error("graph.reachable", g, "\"a\""))
        .hasMessage("operand 2 must be one of {set, array} but got string");
  }

  @Test
  void walkVisitsEveryNodeRootFirst() throws Exception {
    assertThat(json("walk", "{\"a\": [1]}"))
        .isEqualTo("[[[],{\"a\":[1]}],[[\"a\"],[1]],[[\"a\",0],1]]");
  }

  @Test
  void runtimeAndRefusals() throws Exception {
    assertThat(json("opa.runtime")).isEqualTo("{}");
    BuiltinException e = error("http.send", "{\"method\": \"get\", \"url\": \"http://127.0.0.1\"}");
    assertThat(e.kind()).isEqualTo(BuiltinException.Kind.HALT);
    assertThat(e.getMessage()).contains("network");
  }
}
