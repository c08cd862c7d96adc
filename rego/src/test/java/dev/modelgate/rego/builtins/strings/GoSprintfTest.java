package dev.modelgate.rego.builtins.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Expected strings are what Go's fmt.Sprintf prints for the same format and arguments. */
class GoSprintfTest {

  private static String f(String format, Object... args) {
    return GoSprintf.sprintf(format, Arrays.asList(args));
  }

  @Test
  void integers() {
    assertThat(f("%d", 5L)).isEqualTo("5");
    assertThat(f("%5d|%-5d|%05d", 42L, 42L, 42L)).isEqualTo("   42|42   |00042");
    assertThat(f("%x %X %o %O %b %#x %#o", 255L, 255L, 64L, 64L, 15L, 255L, 8L))
        .isEqualTo("ff FF 100 0o100 1111 0xff 010");
    assertThat(f("%.3d %+d %x %05d", 7L, 5L, -255L, -42L)).isEqualTo("007 +5 -ff -0042");
    assertThat(f("%c %q %U", 65L, 65L, 65L)).isEqualTo("A 'A' U+0041");
    assertThat(f("%d", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(f("%6.d|", 0L)).isEqualTo("      |");
  }

  @Test
  void bigIntegers() {
    BigInteger big = new BigInteger("123456789123456789123");
    assertThat(f("%s %v %d", big, big, big))
        .isEqualTo("123456789123456789123 123456789123456789123 123456789123456789123");
    assertThat(f("%x", BigInteger.ONE.shiftLeft(64))).isEqualTo("10000000000000000");
    assertThat(f("%z", big)).isEqualTo("%!z(big.Int=123456789123456789123)");
    assertThat(f("%T", big)).isEqualTo("*big.Int");
    assertThat(f("%25d|%-25d|%025d", big, big, big))
        .isEqualTo("    123456789123456789123|123456789123456789123    |0000123456789123456789123");
  }

  @Test
  void floats() {
    assertThat(f("%f|%.2f|%-10.3f|", 3.14, 3.14159, 3.14159))
        .isEqualTo("3.140000|3.14|3.142     |");
    assertThat(f("%e %E", 1234.5678, 1234.5678)).isEqualTo("1.234568e+03 1.234568E+03");
    assertThat(f("%v %v %v %v %v", 3.14, 100000.0, 1e6, 1e21, 0.00001))
        .isEqualTo("3.14 100000 1e+06 1e+21 1e-05");
    assertThat(f("%g %.3g %.3g", 0.0001, 1234.5678, 1.0)).isEqualTo("0.0001 1.23e+03 1");
    assertThat(f("%6.2f|%08.3f|%+.1e", -3.14159, -3.14159, 12345.0))
        .isEqualTo(" -3.14|-003.142|+1.2e+04");
    assertThat(f("%v %e %.0f %.0f", 0.0, 0.0, 2.5, 3.5)).isEqualTo("0 0.000000e+00 2 4");
    assertThat(f("%d", 3.5)).isEqualTo("%!d(float64=3.5)");
  }

  @Test
  void strings() {
    assertThat(f("%s|%v|%5.2s|%-4s|", "x", "y", "abc", "ab")).isEqualTo("x|y|   ab|ab  |");
    assertThat(f("%q", "a\"b\n\u00e9\u0001")).isEqualTo("\"a\\\"b\\né\\x01\"");
    assertThat(f("%+q", "\u00e9")).isEqualTo("\"\\u00e9\"");
    assertThat(f("%x %X % x %#x", "hi", "hi", "hi", "hi")).isEqualTo("6869 6869 68 69 0x6869");
    assertThat(f("%#v", "q")).isEqualTo("\"q\"");
    assertThat(f("%5s|", "é")).isEqualTo("    é|");
  }

  @Test
  void errorsInBand() {
    assertThat(f("%d", "x")).isEqualTo("%!d(string=x)");
    assertThat(f("%s", 5L)).isEqualTo("%!s(int=5)");
    assertThat(f("%t", 5L)).isEqualTo("%!t(int=5)");
    assertThat(f("%s %d", "a")).isEqualTo("a %!d(MISSING)");
    assertThat(f("%s", "a", "b", 3L)).isEqualTo("a%!(EXTRA string=b, int=3)");
    assertThat(f("abc%")).isEqualTo("abc%!(NOVERB)");
    assertThat(f("%z", 5L)).isEqualTo("%!z(int=5)");
    assertThat(f("%n", 42L)).isEqualTo("%!n(int=42)");
    assertThat(f("%*d", 42L)).isEqualTo("%!d(MISSING)");
    assertThat(f("%*d", "x", 4L)).isEqualTo("%!(BADWIDTH)4");
    assertThat(f("%[3]s", "a")).isEqualTo("%!s(BADINDEX)");
  }

  @Test
  void hugeOutputIsRefused() {
    Object[] args = new Object[40];
    java.util.Arrays.fill(args, 1L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f("%1000000d".repeat(40), args))
        .hasMessage("sprintf: result too large");
  }

  @Test
  void widthsFromArgumentsAndIndexes() {
    assertThat(f("%*d|%-*d|", 5L, 42L, 4L, 1L)).isEqualTo("   42|1   |");
    assertThat(f("%.*f", 2L, 3.14159)).isEqualTo("3.14");
    assertThat(f("%[2]s %[1]s", "a", "b")).isEqualTo("b a");
    assertThat(f("100%% %T %T %T", 1L, 1.5, "s")).isEqualTo("100% int float64 string");
  }
}
