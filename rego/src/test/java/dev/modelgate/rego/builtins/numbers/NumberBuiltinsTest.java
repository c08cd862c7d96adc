package dev.modelgate.rego.builtins.numbers;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberBuiltinsTest {

  @Test
  void rounding() throws Exception {
    assertThat(json("round", "2.5")).isEqualTo("3");
    assertThat(json("round", "-2.5")).isEqualTo("-3");
    assertThat(json("ceil", "1.2")).isEqualTo("2");
    assertThat(json("floor", "-1.2")).isEqualTo("-2");
    assertThat(json("abs", "-9223372036854775808")).isEqualTo("9223372036854775808");
  }

  @Test
  void ranges() throws Exception {
    assertThat(json("numbers.range", "2", "-1")).isEqualTo("[2,1,0,-1]");
    assertThat(json("numbers.range_step", "10", "3", "2")).isEqualTo("[10,8,6,4]");
    assertThat(json("numbers.range_step", "0", "10", "99999999999999999999")).isEqualTo("[0]");
    assertThat(error("numbers.range_step", "0", "10", "-2"))
        .hasMessage("step must be a positive integer");
    assertThat(error("numbers.range", "0", "100000000000")).hasMessage("range too large");
  }

  @Test
  void bits() throws Exception {
    assertThat(json("bits.lsh", "9223372036854775807", "1")).isEqualTo("18446744073709551614");
    assertThat(json("bits.negate", "9")).isEqualTo("-10");
    assertThat(json("bits.xor", "5", "3")).isEqualTo("6");
    assertThat(error("bits.and", "1.5", "1"))
        .hasMessage("operand 1 must be integer number but got floating-point number");
  }

  @Test
  void randIntnIsStableWithinAnEvaluation() throws Exception {
    var ctx = new dev.modelgate.rego.builtins.SimpleBuiltinContext(0, true);
    var f = dev.modelgate.rego.builtins.BuiltinRegistry.standard().lookup("rand.intn").function();
    var args =
        java.util.List.of(
            dev.modelgate.rego.value.Value.of("k"), dev.modelgate.rego.value.Value.of(1000));
    var first = f.apply(ctx, args);
    for (int i = 0; i < 20; i++) {
      assertThat(f.apply(ctx, args)).isEqualTo(first);
    }
    long v = ((dev.modelgate.rego.value.NumberValue) first).longValue().getAsLong();
    assertThat(v).isBetween(0L, 999L);
  }
}
