package dev.modelgate.rego.builtins.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UnitsTest {

  private static void parsesTo(String s, String expected) {
    assertThat(Units.parse(s)).as(s).isEqualByComparingTo(new BigDecimal(expected));
  }

  @Test
  void parsesSiAndIecSuffixesExactly() {
    parsesTo("100K", "100000");
    parsesTo("100Ki", "102400");
    parsesTo("100mi", "104857600");
    parsesTo("500m", "0.5");
    parsesTo("0.0000005M", "0.5");
    parsesTo("1.1Ki", "1126.4");
    parsesTo("10e", "10000000000000000000");
    parsesTo("10Ei", "11529215046068469760");
    parsesTo("10KI", "10240");
    parsesTo("\"100TI\"", "109951162777600");
    parsesTo("-3.5E2m", "-0.35");
    parsesTo("2.5e3K", "2500000");
    parsesTo(".5K", "500");
    parsesTo(".0", "0");
  }

  @Test
  void parseErrorsUseOpaMessages() {
    assertThatThrownBy(() -> Units.parse("")).hasMessage("no amount provided");
    assertThatThrownBy(() -> Units.parse("G")).hasMessage("no amount provided");
    assertThatThrownBy(() -> Units.parse("0.0.0")).hasMessage("could not parse amount to a number");
    assertThatThrownBy(() -> Units.parse("100 k"))
        .hasMessage("spaces not allowed in resource strings");
    assertThatThrownBy(() -> Units.parse("10e10000000Ei")).hasMessage("exponent too large");
    assertThatThrownBy(() -> Units.parse("10Q")).hasMessage("unit Q not recognized");
  }

  @Test
  void parsesBytesTruncatingToIntegers() {
    assertThat(Units.parseBytes("1.1KiB")).isEqualTo(BigInteger.valueOf(1126));
    assertThat(Units.parseBytes("1e-2KB")).isEqualTo(BigInteger.TEN);
    assertThat(Units.parseBytes("3.2E2MiB")).isEqualTo(BigInteger.valueOf(335544320));
    assertThat(Units.parseBytes("10e")).isEqualTo(new BigInteger("10000000000000000000"));
    assertThat(Units.parseBytes("100kib")).isEqualTo(BigInteger.valueOf(102400));
    assertThatThrownBy(() -> Units.parseBytes("GB")).hasMessage("no byte amount provided");
    assertThatThrownBy(() -> Units.parseBytes(".5.2"))
        .hasMessage("could not parse byte amount to a number");
  }
}
