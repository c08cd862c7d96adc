package dev.modelgate.scanner.zip;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Structural findings for zip-based model containers: the places where zip readers disagree
 * (duplicates, local/central mismatches, flag bits, CRCs, prepended data) are where attacks hide.
 */
public final class ZipChecks {
  public static final String RULE_DUPLICATE = "zip.duplicate-name";
  public static final String RULE_NAME_MISMATCH = "zip.name-mismatch";
  public static final String RULE_FLAGS = "zip.flags";
  public static final String RULE_CRC = "zip.crc-mismatch";
  public static final String RULE_PREPENDED = "zip.prepended-data";
  public static final String RULE_TRAILING = "zip.trailing-data";
  public static final String RULE_UNREADABLE = "zip.unreadable-member";

  private ZipChecks() {}

  /** Directory-level findings: duplicates, prepended and trailing data. */
  public static void directory(ZipDirectory dir, ScanContext ctx) {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (ZipEntryInfo e : dir.entries()) {
      if (seen.merge(e.name(), 1, Integer::sum) > 1 && reported.add(e.name())) {
        ctx.reportMember(
            Severity.HIGH,
            RULE_DUPLICATE,
            "the archive holds this name more than once; loaders disagree on which copy they read"
                + " (every copy was scanned)",
            e.name(),
            e.localHeaderOffset());
      }
    }
    if (dir.prependedBytes() > 0) {
      ctx.report(
          Severity.MEDIUM,
          RULE_PREPENDED,
          dir.prependedBytes()
              + " bytes precede the zip archive; another loader may read them as a different"
              + " format",
          0);
    }
    if (dir.trailingBytes() > 0) {
      ctx.report(
          Severity.LOW,
          RULE_TRAILING,
          dir.trailingBytes() + " bytes follow the end of the zip archive",
          dir.eocdOffset());
    }
  }

  /** Member-level findings: local vs central name, odd flag bits. */
  public static void member(ZipMember m, ScanContext ctx) {
    ZipEntryInfo e = m.entry();
    if (!m.localName().equals(e.name())) {
      ctx.reportMember(
          Severity.MEDIUM,
          RULE_NAME_MISMATCH,
          "the local header names this member '"
              + m.localName()
              + "': zip readers that use local headers see a different file",
          e.name(),
          e.localHeaderOffset());
    }
    int odd = (e.flags() | m.localFlags()) & (0x1 | 0x20 | 0x40);
    if (odd != 0) {
      ctx.reportMember(
          Severity.MEDIUM,
          RULE_FLAGS,
          String.format(
              "flag bits 0x%x (encrypted/patched/strong encryption) are set; PyTorch ignores them"
                  + " but other tools refuse the member",
              odd),
          e.name(),
          e.localHeaderOffset());
    }
  }

  /** Opens a member, or reports why it cannot be read (HIGH) and returns null. */
  public static ZipMember openOrReport(ByteSource source, ZipEntryInfo e, ScanContext ctx)
      throws IOException {
    try {
      return ZipMember.open(source, e);
    } catch (MalformedFileException ex) {
      ctx.reportMember(
          Severity.HIGH,
          RULE_UNREADABLE,
          "member cannot be read (" + ex.getMessage() + "); it was not examined",
          e.name(),
          e.localHeaderOffset());
      return null;
    }
  }

  /**
   * Compares the CRC-32 of a member's bytes with the declared one (call only for small members that
   * are read anyway, such as pickles); a mismatch is MEDIUM.
   */
  public static void crc(ZipMember m, ScanContext ctx, long maxBytes) throws IOException {
    ByteSource c = m.content();
    if (c.size() > maxBytes) {
      return;
    }
    CRC32 crc = new CRC32();
    byte[] buf = new byte[64 * 1024];
    long pos = 0;
    while (true) {
      int n = c.read(pos, buf, 0, buf.length);
      if (n < 0) {
        break;
      }
      crc.update(buf, 0, n);
      pos += n;
    }
    ctx.chargeBytes(pos);
    if (crc.getValue() != m.entry().crc()) {
      ctx.reportMember(
          Severity.MEDIUM,
          RULE_CRC,
          String.format(
              "declared CRC-32 %08x but the bytes give %08x; PyTorch loads it anyway, stricter"
                  + " tools refuse it",
              m.entry().crc(), crc.getValue()),
          m.entry().name(),
          m.dataOffset());
    }
  }
}
