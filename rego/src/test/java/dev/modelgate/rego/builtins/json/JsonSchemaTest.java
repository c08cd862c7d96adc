package dev.modelgate.rego.builtins.json;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonSchemaTest {
  private static final String SCHEMA =
      "{\"type\": \"object\", \"required\": [\"name\", \"size\"], \"additionalProperties\": false,"
          + " \"properties\": {\"name\": {\"type\": \"string\", \"pattern\": \"^[a-z]+$\"},"
          + " \"size\": {\"type\": \"integer\", \"minimum\": 1},"
          + " \"tags\": {\"type\": \"array\", \"items\": {\"enum\": [\"a\", \"b\"]}}}}";

  @Test
  void reportsErrorsLikeGojsonschema() throws Exception {
    assertThat(
            json(
                "json.match_schema", "{\"name\": \"abc\", \"size\": 2, \"tags\": [\"a\"]}", SCHEMA))
        .isEqualTo("[true,[]]");
    assertThat(
            json(
                "json.match_schema",
                "{\"id\": \"foo\"}",
                "{\"properties\": {\"id\": {\"type\": \"integer\"}}}"))
        .isEqualTo(
            "[false,[{\"desc\":\"Invalid type. Expected: integer, given: string\","
                + "\"error\":\"id: Invalid type. Expected: integer, given: string\","
                + "\"field\":\"id\",\"type\":\"invalid_type\"}]]");
    String bad =
        json(
            "json.match_schema",
            "{\"name\": \"A\", \"size\": 0, \"tags\": [\"c\"], \"x\": 1}",
            SCHEMA);
    assertThat(bad)
        .startsWith("[false,")
        .contains("Does not match pattern '^[a-z]+$'")
        .contains("Must be greater than or equal to 1")
        .contains("tags.0 must be one of the following: \\\"a\\\", \\\"b\\\"")
        .contains("Additional property x is not allowed");
    assertThat(json("json.match_schema", "{\"value\": \"allow\"}", "{\"enum\": []}"))
        .startsWith("[false,");
    assertThat(json("json.verify_schema", "{\"type\": \"unknown\"}")).startsWith("[false,");
    assertThat(json("json.verify_schema", SCHEMA)).isEqualTo("[true,null]");
    assertThat(error("json.match_schema", "{}", "{\"type\": \"unknown\"}").getMessage())
        .contains("NOT VALID");
  }
}
