package dev.modelgate.rego.builtins.time;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.builtins.BuiltinException;
import org.junit.jupiter.api.Test;

class TimeBuiltinsTest {

  private static final String T = "1703444325734390000";

  @Test
  void nowIsTheEvaluationClock() throws Exception {
    assertThat(json("time.now_ns")).isEqualTo(T);
  }

  @Test
  void parsesGoLayouts() throws Exception {
    assertThat(json("time.parse_ns", "\"2006-01-02 15:04:05\"", "\"2015-09-05 23:56:04\""))
        .isEqualTo("1441497364000000000");
    assertThat(json("time.parse_ns", "\"2006-01-02\"", "\"2020-02-02\""))
        .isEqualTo("1580601600000000000");
    assertThat(json("time.parse_rfc3339_ns", "\"2017-06-02T19:00:00-07:00\""))
        .isEqualTo("1496455200000000000");
    assertThat(json("time.parse_rfc3339_ns", "\"1677-09-21T00:12:43.145224192-00:00\""))
        .isEqualTo("-9223372036854775808");
    assertThat(
            json(
                "time.parse_ns",
                "\"Mon Jan _2 15:04:05 MST 2006\"",
                "\"Fri Feb  9 12:00:00 UTC 2018\""))
        .isEqualTo("1518177600000000000");
    assertThat(json("time.parse_ns", "\"02 Jan 06 15:04 -0700\"", "\"09 Feb 18 05:00 -0700\""))
        .isEqualTo("1518177600000000000");
  }

  @Test
  void parseErrorsAreGos() {
    assertThat(error("time.parse_rfc3339_ns", "\"2262-04-11T23:47:16.854775808-00:00\""))
        .hasMessage("time outside of valid range");
    assertThat(error("time.parse_ns", "\"2006-01-02\"", "\"2020-13-02\""))
        .hasMessage("parsing time \"2020-13-02\": month out of range");
    assertThat(error("time.parse_ns", "\"2006-01-02\"", "\"2020/01/02\""))
        .hasMessage(
            "parsing time \"2020/01/02\" as \"2006-01-02\": cannot parse \"/01/02\" as \"-\"");
    assertThat(error("time.parse_ns", "\"2006-01-02\"", "\"2020-02-30\""))
        .hasMessage("parsing time \"2020-02-30\": day out of range");
    assertThat(error("time.parse_ns", "\"2006-01-02\"", "\"2020-02-03x\""))
        .hasMessage("parsing time \"2020-02-03x\": extra text: \"x\"");
  }

  @Test
  void durations() throws Exception {
    assertThat(json("time.parse_duration_ns", "\"1h6m13.3s20ms15µs1ns\""))
        .isEqualTo("3973320015001");
    assertThat(json("time.parse_duration_ns", "\"-1.5h\"")).isEqualTo("-5400000000000");
    assertThat(error("time.parse_duration_ns", "\"1\""))
        .hasMessage("time: missing unit in duration \"1\"");
    assertThat(error("time.parse_duration_ns", "\"1d\""))
        .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    assertThat(error("time.parse_duration_ns", "\"10000000000000000000h\""))
        .hasMessage("time: invalid duration \"10000000000000000000h\"");
    assertThat(error("time.parse_duration_ns", "\"\"")).hasMessage("time: invalid duration \"\"");
  }

  @Test
  void formatsWithLayoutsAndZones() throws Exception {
    assertThat(json("time.format", T)).isEqualTo("\"2023-12-24T18:58:45.73439Z\"");
    assertThat(json("time.format", "[" + T + ", \"UTC\", \"2006-01-02T15:04:05\"]"))
        .isEqualTo("\"2023-12-24T18:58:45\"");
    assertThat(json("time.format", "[1257894000000000000, \"\", \"02/01/2006 15:04\"]"))
        .isEqualTo("\"10/11/2009 23:00\"");
    assertThat(json("time.format", "[" + T + ", \"America/New_York\", \"RFC1123Z\"]"))
        .isEqualTo("\"Sun, 24 Dec 2023 13:58:45 -0500\"");
    assertThat(json("time.format", "[" + T + ", \"CET\", \"Mon Jan _2 3:04PM MST .000\"]"))
        .isEqualTo("\"Sun Dec 24 7:58PM CET .734\"");
    assertThat(error("time.format", "[" + T + ", \"Nowhere/Land\"]"))
        .hasMessage("unknown time zone Nowhere/Land");
  }

  @Test
  void dateClockWeekday() throws Exception {
    assertThat(json("time.clock", "[1517832000000000000, \"America/New_York\"]"))
        .isEqualTo("[7,0,0]");
    assertThat(json("time.weekday", "1518177600000000000")).isEqualTo("\"Friday\"");
    assertThat(json("time.date", "[1257894000000000000, \"UTC\"]")).isEqualTo("[2009,11,10]");
    BuiltinException e = error("time.date", "\"1703444325734390000\"");
    assertThat(e.getMessage())
        .isEqualTo(
            "operand 1 must be either number (ns) or [number (ns), string (tz)] but got string");
  }

  @Test
  void addDateNormalisesLikeGo() throws Exception {
    assertThat(json("time.add_date", T, "0", "1", "0")).isEqualTo("1706122725734390000");
    assertThat(json("time.add_date", T, "-60", "0", "0")).isEqualTo("-190011674265610000");
    assertThat(json("time.add_date", T, "0", "15", "0")).isEqualTo("1742842725734390000");
    assertThat(json("time.add_date", T, "0", "-19", "0")).isEqualTo("1653418725734390000");
    // 2024-01-31 + 1 month = 2024-03-02 in Go (no clamping to the end of February)
    assertThat(json("time.add_date", "1706659200000000000", "0", "1", "0"))
        .isEqualTo("1709337600000000000");
    assertThat(error("time.add_date", T, "2147483647", "0", "0"))
        .hasMessage("time outside of valid range");
  }

  @Test
  void diffCountsCalendarUnits() throws Exception {
    assertThat(json("time.diff", "1580601600000000000", "1583020800000000000"))
        .isEqualTo("[0,0,28,0,0,0]");
    assertThat(json("time.diff", T, "1257894000000000000")).isEqualTo("[14,1,13,19,58,45]");
  }
}
