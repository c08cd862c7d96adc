package dev.modelgate.rego.builtins.collections;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollectionBuiltinsTest {

  @Test
  void aggregates() throws Exception {
    assertThat(json("count", "\"héllo\"")).isEqualTo("5");
    assertThat(json("sum", "[18446744073709551617, 1]")).isEqualTo("18446744073709551618");
    assertThat(json("sum", "[1.5, 2.5]")).isEqualTo("4");
    assertThat(json("product", "[1.5, 2]")).isEqualTo("3");
    assertThat(json("max", "[1, \"a\", null]")).isEqualTo("\"a\"");
    assertThat(json("min", "[]")).isEqualTo("undefined");
    assertThat(json("sort", "[3, 1, \"a\", 2]")).isEqualTo("[1,2,3,\"a\"]");
    assertThat(error("sum", "[1, \"a\"]"))
        .hasMessage("operand 1 must be array of numbers but got array containing string");
    assertThat(error("count", "1"))
        .hasMessage("operand 1 must be one of {array, object, set, string} but got number");
  }

  @Test
  void arrays() throws Exception {
    assertThat(json("array.concat", "[1]", "[2, 3]")).isEqualTo("[1,2,3]");
    assertThat(json("array.slice", "[1, 2, 3, 4]", "1", "3")).isEqualTo("[2,3]");
    assertThat(json("array.slice", "[1, 2, 3, 4]", "-5", "9")).isEqualTo("[1,2,3,4]");
    assertThat(json("array.slice", "[1, 2, 3, 4]", "3", "1")).isEqualTo("[]");
    assertThat(json("array.reverse", "[1, 2, 3]")).isEqualTo("[3,2,1]");
    assertThat(json("array.flatten", "[[1, [2]], 3]")).isEqualTo("[1,[2],3]");
    assertThat(error("array.concat", "{}", "[]"))
        .hasMessage("operand 1 must be array but got object");
  }

  @Test
  void objects() throws Exception {
    String o = "{\"a\": {\"b\": [10, 20]}, \"c\": 1}";
    assertThat(json("object.get", o, "[\"a\", \"b\", 1]", "0")).isEqualTo("20");
    assertThat(json("object.get", o, "[\"a\", \"x\"]", "\"d\"")).isEqualTo("\"d\"");
    assertThat(json("object.get", o, "[]", "0")).isEqualTo("{\"a\":{\"b\":[10,20]},\"c\":1}");
    assertThat(json("object.get", o, "\"c\"", "0")).isEqualTo("1");
    assertThat(json("object.remove", o, "[\"a\"]")).isEqualTo("{\"c\":1}");
    assertThat(json("object.filter", o, "{\"a\": 0}")).isEqualTo("{\"a\":{\"b\":[10,20]}}");
    assertThat(
            json(
                "object.union",
                "{\"a\": {\"x\": 1}, \"b\": 1}",
                "{\"a\": {\"y\": 2}, \"b\": {\"z\": 1}}"))
        .isEqualTo("{\"a\":{\"x\":1,\"y\":2},\"b\":{\"z\":1}}");
    assertThat(json("object.union_n", "[{\"a\": 1}, {\"a\": 2, \"b\": 3}]"))
        .isEqualTo("{\"a\":2,\"b\":3}");
    assertThat(error("object.remove", o, "\"a\""))
        .hasMessage("operand 2 must be one of {object, set, array} but got string");
  }
}
