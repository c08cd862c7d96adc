package dev.modelgate.crds.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @Test
  void parsesUnitsAndCombinations() {
    assertThat(GoDuration.parse("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(GoDuration.parse("3us")).isEqualTo(Duration.ofNanos(3000));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "24", "h", "1d", "-1h", "1h 30m", "1h30", "99999999999999999h"})
  void rejectsWithReadableMessage(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
  }
}
