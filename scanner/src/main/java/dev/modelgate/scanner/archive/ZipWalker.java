package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.zip.ZipChecks;
import dev.modelgate.scanner.zip.ZipDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * Walks a zip through its central directory (as loaders do) with Commons Compress: checks every
 * member's name, links, encryption, method, duplicates and overlapping data, then hands each
 * member's content to a handler or to the scan context's nested scan. Stored members are scanned in
 * place (a window of the file, nothing copied); compressed ones are unpacked with bomb checks.
 */
public final class ZipWalker {

  /** Lets a format (e.g. Keras) take over some members; returns true when it handled one. */
  @FunctionalInterface
  public interface MemberHandler {
    boolean handle(String name, ByteSource content) throws IOException;
  }

  private ZipWalker() {}

  public static void walk(ByteSource source, ScanContext ctx, MemberHandler handler)
      throws IOException {
    ZipFile zip;
    try {
      zip = ZipFile.builder().setSeekableByteChannel(new ByteSourceChannel(source)).get();
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException("zip central directory unreadable: " + e.getMessage(), -1);
    }
    try (zip) {
      // duplicates, prepended and trailing bytes: the same checks and rule ids as PyTorch zips
      ZipDirectory dir = ctx.probe() == null ? null : ZipDirectory.of(ctx.probe());
      if (dir != null) {
        ZipChecks.directory(dir, ctx);
      }
      Set<String> names = new HashSet<>();
      List<long[]> spans = new ArrayList<>();
      Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry e = entries.nextElement();
        ctx.checkTime();
        String name = e.getName();
        if (!names.add(name) && dir == null) {
          ctx.reportMember(
              Severity.HIGH,
              ZipChecks.RULE_DUPLICATE,
              "two members are named '" + name + "'; readers disagree on which one is used",
              name,
              -1);
        }
        EntryNames.check(name, ctx);
        if (e.isDirectory()) {
          continue;
        }
        if (e.isUnixSymlink()) {
          String target = null;
          try {
            target = e.getSize() <= 4096 ? zip.getUnixSymlink(e) : null;
          } catch (IOException | RuntimeException ex) {
            target = null;
          }
          EntryNames.link(name, "symbolic link", target, ctx);
          continue;
        }
        if (e.getGeneralPurposeBit().usesEncryption()) {
          ctx.reportMember(
              Severity.HIGH,
              "archive.encrypted",
              "member is encrypted; its content cannot be scanned",
              name,
              -1);
          continue;
        }
        if (!zip.canReadEntryData(e)) {
          ctx.reportMember(
              Severity.HIGH,
              "archive.unsupported-method",
              "member uses compression method "
                  + ZipMethod.getMethodByCode(e.getMethod())
                  + " that cannot be read; its content was not scanned",
              name,
              -1);
          continue;
        }
        long offset = e.getDataOffset();
        if (offset >= 0 && e.getCompressedSize() > 0) {
          spans.add(new long[] {offset, offset + e.getCompressedSize()});
        }
        member(zip, e, source, ctx, handler);
      }
      checkOverlaps(spans, ctx);
    }
  }

  private static void member(
      ZipFile zip, ZipArchiveEntry e, ByteSource source, ScanContext ctx, MemberHandler handler)
      throws IOException {
    String name = e.getName();
    ByteSource content;
    if (e.getMethod() == ZipArchiveEntry.STORED
        && e.getDataOffset() >= 0
        && e.getSize() == e.getCompressedSize()
        && e.getDataOffset() + e.getSize() <= source.size()) {
      content = source.slice(e.getDataOffset(), e.getSize());
    } else {
      CheckedInputStream in;
      try {
        in = new CheckedInputStream(zip.getInputStream(e), new CRC32());
      } catch (IOException | RuntimeException ex) {
        ctx.reportMember(
            Severity.HIGH,
            ZipChecks.RULE_UNREADABLE,
            "member could not be opened: " + ex.getMessage(),
            name,
            -1);
        return;
      }
      try (in) {
        content = MemberExtractor.extract(in, e.getCompressedSize(), name, ctx);
      } catch (IOException | RuntimeException ex) {
        if (ex instanceof dev.modelgate.scanner.ScanLimitException limit) {
          throw limit;
        }
        ctx.reportMember(
            Severity.HIGH,
            ZipChecks.RULE_UNREADABLE,
            "member could not be unpacked: " + ex.getMessage(),
            name,
            -1);
        return;
      }
      if (content == null) {
        return;
      }
      if (e.getCrc() >= 0 && in.getChecksum().getValue() != e.getCrc()) {
        ctx.reportMember(
            Severity.MEDIUM,
            ZipChecks.RULE_CRC,
            "member's CRC-32 does not match the directory; some readers refuse it, others do not check",
            name,
            -1);
      }
    }
    try (content) {
      if (handler != null && handler.handle(name, content)) {
        return;
      }
      ctx.scanMember(name, content);
    }
  }

  private static void checkOverlaps(List<long[]> spans, ScanContext ctx) {
    spans.sort((a, b) -> Long.compare(a[0], b[0]));
    for (int i = 1; i < spans.size(); i++) {
      if (spans.get(i)[0] < spans.get(i - 1)[1]) {
        ctx.report(
            Severity.HIGH,
            "archive.overlap",
            "members share the same compressed bytes (an overlapping-entry zip bomb or a disguise)",
            spans.get(i)[0]);
        return;
      }
    }
  }
}
