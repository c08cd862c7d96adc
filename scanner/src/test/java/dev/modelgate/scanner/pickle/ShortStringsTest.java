package dev.modelgate.scanner.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShortStringsTest {

  private static byte[] framed(String s) {
    return ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void repeatedNamesAreDecodedOnceAndEveryLookupIsExact() {
    ShortStrings cache = new ShortStrings();
    Values.Str first = cache.get(framed("weight"), 2, 6);
    assertThat(first.value()).isEqualTo("weight");
    assertThat(cache.get(framed("weight"), 2, 6)).isSameAs(first);
    // far more names than slots: collisions must evict, never answer with another string
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 5000; i++) {
        String s = "layer." + i + ".bias";
        byte[] b = framed(s);
        assertThat(cache.get(b, 2, s.length()).value()).isEqualTo(s);
      }
    }
  }

  @Test
  void longOrNonAsciiStringsAreLeftToTheCaller() {
    ShortStrings cache = new ShortStrings();
    String longName = "a".repeat(33);
    assertThat(cache.get(framed(longName), 2, 33)).isNull();
    byte[] accented = framed("caf\u00e9");
    assertThat(cache.get(accented, 2, accented.length - 4)).isNull();
  }
}
