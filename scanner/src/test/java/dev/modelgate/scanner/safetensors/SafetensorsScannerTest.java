package dev.modelgate.scanner.safetensors;

import static dev.modelgate.scanner.formats.Scans.rules;
import static dev.modelgate.scanner.formats.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.ScanLimits;
import dev.modelgate.scanner.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafetensorsScannerTest {

  static byte[] file(String header, int dataBytes) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
    out.writeBytes(h);
    out.writeBytes(new byte[dataBytes]);
    return out.toByteArray();
  }

  @Test
  void consistentFileIsClean() {
    FileReport r =
        scan(
            "m.safetensors",
            file(
                "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                    + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2097148],\"data_offsets\":[16,4194312]}}   ",
                4194312));
    assertThat(r.format()).isEqualTo("safetensors");
    assertThat(r.severity()).isEqualTo(Severity.NONE);
    // the probe's head and tail and the header: never the 4 MiB of tensor data
    assertThat(r.bytesRead()).isLessThan(200_000);
  }

  @Test
  void overlapGapTrailingAndMismatchAreEachFound() {
    FileReport r =
        scan(
            "m.safetensors",
            file(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                    + "\"c\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[20,28]}}",
                40));
    assertThat(rules(r))
        .contains(
            "safetensors.overlap",
            "safetensors.gap",
            "safetensors.trailing-data",
            "safetensors.shape-mismatch");
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void offsetOverflowIsAMismatchNotACrash() {
    FileReport r =
        scan(
            "m.safetensors",
            file(
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[9223372036854775807,9223372036854775807],\"data_offsets\":[0,8]}}",
                8));
    assertThat(rules(r)).contains("safetensors.shape-mismatch");
  }

  @Test
  void headerLongerThanFileIsReportedWithoutReadingIt() {
    byte[] f = file("{\"a\":1}", 0);
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 30);
    FileReport r = scan("m.safetensors", f);
    assertThat(rules(r)).containsExactly("safetensors.header-size");
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void deepJsonHitsTheNestingLimit() {
    String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThat(rules(scan("m.safetensors", file(deep, 0)))).contains("safetensors.header-json");
  }

  @Test
  void byteBudgetIsEnforced() {
    String header =
        "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}" + " ".repeat(5000) + "}";
    FileReport r = scan(ScanLimits.DEFAULT.withMaxBytes(1000), "m.safetensors", file(header, 1));
    assertThat(rules(r)).contains("limit.bytes");
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }
}
