package dev.modelgate.rego.builtins.encoding;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingBuiltinsTest {

  @Test
  void base64AndHex() throws Exception {
    assertThat(json("base64.encode", "\"hello\"")).isEqualTo("\"aGVsbG8=\"");
    assertThat(json("base64.decode", "\"aGVsbG8=\"")).isEqualTo("\"hello\"");
    assertThat(json("base64.is_valid", "\"aGVsbG8\"")).isEqualTo("false");
    assertThat(error("base64.decode", "\"aGV$bG8=\""))
        .hasMessage("illegal base64 data at input byte 3");
    assertThat(json("base64url.encode_no_pad", "\"??>\"")).isEqualTo("\"Pz8-\"");
    assertThat(json("base64url.decode", "\"Pz8-Pw\"")).isEqualTo("\"??>?\"");
    assertThat(json("hex.encode", "\"hi\"")).isEqualTo("\"6869\"");
    assertThat(json("hex.decode", "\"6869\"")).isEqualTo("\"hi\"");
    assertThat(error("hex.decode", "\"fghijkl\""))
        .hasMessage("encoding/hex: invalid byte: U+0067 'g'");
    assertThat(error("hex.decode", "\"abc\"")).hasMessage("encoding/hex: odd length hex string");
  }

  @Test
  void urlQuery() throws Exception {
    assertThat(json("urlquery.encode", "\"a b&c=d/é\"")).isEqualTo("\"a+b%26c%3Dd%2F%C3%A9\"");
    assertThat(json("urlquery.decode", "\"a+b%26c\"")).isEqualTo("\"a b&c\"");
    assertThat(error("urlquery.decode", "\"%zz\"")).hasMessage("invalid URL escape \"%zz\"");
    assertThat(json("urlquery.encode_object", "{\"b\": [\"x+1\", \"y\"], \"a\": \"c d\"}"))
        .isEqualTo("\"a=c+d&b=x%2B1&b=y\"");
    assertThat(json("urlquery.decode_object", "\"a=1&b&a=2\""))
        .isEqualTo("{\"a\":[\"1\",\"2\"],\"b\":[\"\"]}");
  }

  @Test
  void jsonAndYaml() throws Exception {
    assertThat(json("json.marshal", "[{\"foo\": \"<a>\"}]"))
        .isEqualTo("\"[{\\\"foo\\\":\\\"\\\\u003ca\\\\u003e\\\"}]\"");
    assertThat(json("json.unmarshal", "\"{\\\"a\\\": [1, 2.5]}\"")).isEqualTo("{\"a\":[1,2.5]}");
    assertThat(json("json.is_valid", "\"{\"")).isEqualTo("false");
    assertThat(json("json.marshal_with_options", "{\"a\": [1]}", "{\"indent\": \"  \"}"))
        .isEqualTo("\"{\\n  \\\"a\\\": [\\n    1\\n  ]\\n}\"");
    assertThat(json("yaml.unmarshal", "\"a: [1, x]\\nb: yes\\nc: 2024-01-01\\n\""))
        .isEqualTo("{\"a\":[1,\"x\"],\"b\":true,\"c\":\"2024-01-01\"}");
    assertThat(json("yaml.marshal", "{\"b\": [1, 2], \"a\": \"x\"}"))
        .isEqualTo("\"a: x\\nb:\\n- 1\\n- 2\\n\"");
    assertThat(json("yaml.is_valid", "\"a: [\"")).isEqualTo("false");
    // A billion-laughs document is refused, not expanded.
    String bomb =
        "\"a: &a [x,x,x,x,x,x,x,x,x]\\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\\n"
            + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\\n"
            + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\\n"
            + "g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\\n\"";
    assertThat(json("yaml.is_valid", bomb)).isEqualTo("false");
  }
}
