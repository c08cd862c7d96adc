package dev.modelgate.rego.builtins.semver;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SemVerBuiltinsTest {

  @Test
  void validity() throws Exception {
    for (String ok :
        new String[] {"0.0.0", "1.2.3-0", "1.2.3-0a", "1.2.3+01", "1.0.0-alpha.1+b.2"}) {
      assertThat(json("semver.is_valid", "\"" + ok + "\"")).as(ok).isEqualTo("true");
    }
    for (String bad : new String[] {"01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2", "v1.2.3"}) {
      assertThat(json("semver.is_valid", "\"" + bad + "\"")).as(bad).isEqualTo("false");
    }
    assertThat(json("semver.is_valid", "1")).isEqualTo("false");
  }

  @Test
  void precedence() throws Exception {
    String[] ordered = {
      "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
      "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "10.0.0"
    };
    for (int i = 0; i + 1 < ordered.length; i++) {
      assertThat(json("semver.compare", q(ordered[i]), q(ordered[i + 1]))).isEqualTo("-1");
      assertThat(json("semver.compare", q(ordered[i + 1]), q(ordered[i]))).isEqualTo("1");
    }
    assertThat(json("semver.compare", q("1.2.3+01"), q("1.2.3+2"))).isEqualTo("0");
    assertThat(error("semver.compare", q("1"), q("1.0.0")))
        .hasMessage("operand 1: string \"1\" is not a valid SemVer");
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }
}
