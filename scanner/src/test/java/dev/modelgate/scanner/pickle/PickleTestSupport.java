package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.ByteArraySource;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.FormatScanners;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.ScanLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Helpers for writing pickles byte by byte in tests. */
final class PickleTestSupport {
  static final ModelScanner SCANNER = new ModelScanner(ScanLimits.DEFAULT, FormatScanners.all());

  private PickleTestSupport() {}

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  static FileReport scan(String name, byte[] bytes) {
    return SCANNER.scanSource(name, new ByteArraySource(name, bytes));
  }

  /** A tiny pickle assembler: text is Latin-1, \\xNN escapes allowed. */
  static final class Asm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Asm op(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    Asm text(String s) {
      out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
      return this;
    }

    Asm proto(int p) {
      return op(0x80, p);
    }

    Asm global(String module, String name) {
      return text("c" + module + "\n" + name + "\n");
    }

    Asm shortUnicode(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      op(0x8c, b.length);
      out.writeBytes(b);
      return this;
    }

    Asm binUnicode(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      op('X', b.length & 0xff, (b.length >> 8) & 0xff, (b.length >> 16) & 0xff, b.length >>> 24);
      out.writeBytes(b);
      return this;
    }

    Asm binBytes(byte[] b) {
      op('B', b.length & 0xff, (b.length >> 8) & 0xff, (b.length >> 16) & 0xff, b.length >>> 24);
      out.writeBytes(b);
      return this;
    }

    Asm frame(long len) {
      op(0x95);
      for (int i = 0; i < 8; i++) {
        op((int) (len >>> (8 * i)) & 0xff);
      }
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    int size() {
      return out.size();
    }
  }
}
