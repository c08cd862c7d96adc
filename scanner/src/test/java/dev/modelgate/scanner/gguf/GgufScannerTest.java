package dev.modelgate.scanner.gguf;

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
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GgufScannerTest {

  /** A tiny GGUF v3 writer: header, string key/values, no tensors. */
  static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int kvs;

    Writer u32(long v) {
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
      return this;
    }

    Writer u64(long v) {
      out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
      return this;
    }

    Writer str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      out.writeBytes(b);
      return this;
    }

    Writer kv(String key, String value) {
      kvs++;
      return str(key).u32(8).str(value);
    }

    byte[] build(long tensors, long kvCount) {
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      f.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
      Writer h = new Writer();
      h.u32(3).u64(tensors).u64(kvCount);
      f.writeBytes(h.out.toByteArray());
      f.writeBytes(out.toByteArray());
      return f.toByteArray();
    }

    byte[] build() {
      return build(0, kvs);
    }
  }

  @Test
  void ordinaryTemplateIsClean() {
    byte[] f =
        new Writer()
            .kv("general.architecture", "llama")
            .kv("tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}")
            .build();
    FileReport r = scan("m.gguf", f);
    assertThat(r.format()).isEqualTo("gguf");
    assertThat(r.severity()).isEqualTo(Severity.NONE);
  }

  @Test
  void namedTemplatesAreCheckedToo() {
    byte[] f =
        new Writer()
            .kv("tokenizer.chat_template", "{{ m.content }}")
            .kv(
                "tokenizer.chat_template.tool_use",
                "{{ cycler.__init__.__globals__.os.popen('id') }}")
            .build();
    FileReport r = scan("m.gguf", f);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.findings())
        .anyMatch(x -> x.message().startsWith("tokenizer.chat_template.tool_use:"));
  }

  @Test
  void countsOverTheLimitsAreFindings() {
    assertThat(rules(scan("m.gguf", new Writer().build(1L << 33, 0))))
        .containsExactly("gguf.limit");
    assertThat(rules(scan("m.gguf", new Writer().build(0, -1L)))).containsExactly("gguf.limit");
  }

  @Test
  void truncatedHeaderIsMalformed() {
    byte[] f = new Writer().kv("general.name", "x").build();
    byte[] cut = java.util.Arrays.copyOf(f, f.length - 1);
    FileReport r = scan("m.gguf", cut);
    assertThat(rules(r)).contains("format.malformed");
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void unknownValueTypeIsMalformed() {
    Writer w = new Writer();
    w.kvs = 1;
    w.str("k").u32(77);
    assertThat(rules(scan("m.gguf", w.build()))).contains("format.malformed");
  }

  @Test
  void timeBudgetStopsTheWalk() {
    Writer w = new Writer();
    for (int i = 0; i < 2000; i++) {
      w.kv("k" + i, "v".repeat(100));
    }
    FileReport r = scan(ScanLimits.DEFAULT.withMaxTime(Duration.ZERO), "m.gguf", w.build());
    assertThat(rules(r)).contains("limit.time");
  }

  @Test
  void tensorTypeTable() {
    assertThat(GgmlTypes.byteSize(0, new long[] {4, 3})).isEqualTo(48);
    assertThat(GgmlTypes.byteSize(2, new long[] {64})).isEqualTo(36); // Q4_0: 2 blocks of 18
    assertThat(GgmlTypes.byteSize(0, new long[] {Long.MAX_VALUE, 2})).isEqualTo(-1);
    assertThat(GgmlTypes.byteSize(999, new long[] {1})).isEqualTo(GgmlTypes.UNKNOWN_TYPE);
  }
}
