package dev.modelgate.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void parsesTheFormsClientsSend() {
    assertThat(ByteRange.parse("bytes=10-", 100)).isEqualTo(new ByteRange(10, 99));
    assertThat(ByteRange.parse("bytes=10-19", 100)).isEqualTo(new ByteRange(10, 19));
    assertThat(ByteRange.parse("bytes=90-500", 100)).isEqualTo(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-5", 100)).isEqualTo(new ByteRange(95, 99));
    assertThat(ByteRange.parse("bytes=100-", 100)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.parse(null, 100)).isNull();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isNull();
    assertThat(ByteRange.parse("bytes=x-", 100)).isNull();
    assertThat(ByteRange.parse("bytes=5-2", 100)).isNull();
  }
}
