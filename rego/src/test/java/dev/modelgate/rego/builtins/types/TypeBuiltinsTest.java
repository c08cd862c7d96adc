package dev.modelgate.rego.builtins.types;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeBuiltinsTest {

  @Test
  void typesAndCasts() throws Exception {
    assertThat(json("is_null", "true")).isEqualTo("false");
    assertThat(json("is_array", "[]")).isEqualTo("true");
    assertThat(json("type_name", "{}")).isEqualTo("\"object\"");
    assertThat(json("to_number", "\"-1.5e2\"")).isEqualTo("-150");
    assertThat(json("to_number", "true")).isEqualTo("1");
    assertThat(json("to_number", "null")).isEqualTo("0");
    assertThat(error("to_number", "\"x\""))
        .hasMessage("strconv.ParseFloat: parsing \"x\": invalid syntax");
    assertThat(error("to_number", "[]"))
        .hasMessage("operand 1 must be one of {null, boolean, number, string} but got array");
  }
}
