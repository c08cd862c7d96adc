package dev.modelgate.rego.builtins.net;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.builtins.BuiltinException;
import org.junit.jupiter.api.Test;

class NetBuiltinsTest {

  @Test
  void containsAndIntersects() throws Exception {
    assertThat(json("net.cidr_contains", "\"10.0.0.0/8\"", "\"10.1.2.3\"")).isEqualTo("true");
    assertThat(json("net.cidr_contains", "\"10.0.0.0/8\"", "\"10.1.0.0/16\"")).isEqualTo("true");
    assertThat(json("net.cidr_contains", "\"10.0.0.0/16\"", "\"10.0.0.0/8\"")).isEqualTo("false");
    assertThat(json("net.cidr_contains", "\"2001:db8::/32\"", "\"2001:db8::1\"")).isEqualTo("true");
    assertThat(json("net.cidr_contains", "\"10.0.0.0/8\"", "\"::ffff:10.0.0.1\""))
        .isEqualTo("true");
    assertThat(json("net.cidr_intersects", "\"10.0.0.0/8\"", "\"10.255.0.0/16\""))
        .isEqualTo("true");
    assertThat(json("net.cidr_is_valid", "\"10.0.0.0/33\"")).isEqualTo("false");
    assertThat(json("net.cidr_is_valid", "\"010.0.0.0/8\"")).isEqualTo("false");
    assertThat(error("net.cidr_contains", "\"nope\"", "\"10.0.0.1\""))
        .hasMessage("invalid CIDR address: nope");
  }

  @Test
  void expandAndMerge() throws Exception {
    assertThat(json("net.cidr_expand", "\"192.168.0.0/30\""))
        .isEqualTo("[\"192.168.0.0\",\"192.168.0.1\",\"192.168.0.2\",\"192.168.0.3\"]");
    assertThat(error("net.cidr_expand", "\"10.0.0.0/8\"").getMessage()).contains("too large");
    assertThat(json("net.cidr_merge", "[\"192.0.128.0/24\", \"192.0.129.0/24\"]"))
        .isEqualTo("[\"192.0.128.0/23\"]");
    assertThat(
            json(
                "net.cidr_merge",
                "[\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64\", \"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128\"]"))
        .isEqualTo("[\"2601:600:8a80:207e::/64\"]");
    assertThat(json("net.cidr_merge", "[\"1.2.3.4\"]")).isEqualTo("[\"1.0.0.0/8\"]");
    BuiltinException e = error("net.cidr_merge", "[\"2601:600::1\"]");
    assertThat(e).hasMessage("IPv6 invalid: needs prefix length");
  }

  @Test
  void containsMatches() throws Exception {
    assertThat(
            json(
                "net.cidr_contains_matches",
                "[\"1.1.2.0/24\", \"1.1.1.0/24\"]",
                "[\"1.1.1.1\", \"1.1.2.1\"]"))
        .isEqualTo("[[0,1],[1,0]]");
    assertThat(error("net.cidr_contains_matches", "[[]]", "\"1.1.1.1\""))
        .hasMessage("operand 1: element must be string or non-empty array");
  }

  @Test
  void networkLookupsAreRefused() {
    assertThat(error("net.lookup_ip_addr", "\"example.com\"").kind())
        .isEqualTo(BuiltinException.Kind.HALT);
  }
}
