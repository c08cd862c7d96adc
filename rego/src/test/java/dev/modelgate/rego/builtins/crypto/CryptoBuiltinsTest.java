package dev.modelgate.rego.builtins.crypto;

import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CryptoBuiltinsTest {

  @Test
  void digestsAndHmacs() throws Exception {
    assertThat(json("crypto.md5", "\"hello\"")).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
    assertThat(json("crypto.sha1", "\"hello\""))
        .isEqualTo("\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\"");
    assertThat(json("crypto.sha256", "\"hello\""))
        .isEqualTo("\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"");
    assertThat(
            json(
                "crypto.hmac.sha256", "\"The quick brown fox jumps over the lazy dog\"", "\"key\""))
        .isEqualTo("\"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8\"");
    assertThat(json("crypto.hmac.md5", "\"\"", "\"\""))
        .isEqualTo("\"74e6f7298a9c2d168935f58c001bad88\"");
    assertThat(json("crypto.hmac.equal", "\"abc\"", "\"abc\"")).isEqualTo("true");
    assertThat(json("crypto.hmac.equal", "\"abc\"", "\"abd\"")).isEqualTo("false");
  }
}
