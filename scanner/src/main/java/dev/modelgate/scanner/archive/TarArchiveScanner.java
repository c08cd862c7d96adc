package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.ScanLimitException;
import dev.modelgate.scanner.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A tar archive (ustar, GNU, PAX; legacy PyTorch tar checkpoints are tar too): member names,
 * symbolic and hard links, device files, then every regular member scanned in place by content.
 */
public final class TarArchiveScanner implements FormatScanner {

  @Override
  public String format() {
    return "tar";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("tar");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  @Override
  public int detect(Probe probe) {
    byte[] h = probe.head();
    if (h.length < 512) {
      return Detection.NO;
    }
    if (h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
      return Detection.CERTAIN;
    }
    return checksumOk(h) ? Detection.LIKELY : Detection.NO;
  }

  /** The v7 header checksum: sum of the 512 header bytes with the checksum field as spaces. */
  private static boolean checksumOk(byte[] h) {
    if (h[0] == 0) {
      return false;
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    String field = new String(h, 148, 8, java.nio.charset.StandardCharsets.US_ASCII).trim();
    int nul = field.indexOf('\0');
    if (nul >= 0) {
      field = field.substring(0, nul).trim();
    }
    try {
      return !field.isEmpty() && Long.parseLong(field, 8) == sum;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    TarFile tar;
    try {
      tar = new TarFile(new ByteSourceChannel(source));
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException("tar headers unreadable: " + e.getMessage(), -1);
    }
    try (tar) {
      List<TarArchiveEntry> entries = tar.getEntries();
      Set<String> names = new HashSet<>();
      for (TarArchiveEntry e : entries) {
        ctx.checkTime();
        String name = e.getName();
        EntryNames.check(name, ctx);
        if (e.isSymbolicLink()) {
          EntryNames.link(name, "symbolic link", e.getLinkName(), ctx);
          continue;
        }
        if (e.isLink()) {
          EntryNames.link(name, "hard link", e.getLinkName(), ctx);
          continue;
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
          ctx.reportMember(
              Severity.MEDIUM,
              "archive.special-file",
              "member is a device or FIFO; a model archive has no reason to hold one",
              name,
              -1);
          continue;
        }
        if (e.isDirectory() || !e.isFile()) {
          continue;
        }
        if (!names.add(name)) {
          ctx.reportMember(
              Severity.HIGH,
              "archive.duplicate-name",
              "two members are named '" + name + "'; extraction keeps the last",
              name,
              -1);
        }
        member(tar, e, source, ctx);
      }
    }
  }

  private static void member(TarFile tar, TarArchiveEntry e, ByteSource source, ScanContext ctx)
      throws IOException {
    String name = e.getName();
    ByteSource content;
    if (!e.isSparse()
        && e.getDataOffset() >= 0
        && e.getDataOffset() + e.getSize() <= source.size()) {
      content = source.slice(e.getDataOffset(), e.getSize());
    } else {
      try (InputStream in = tar.getInputStream(e)) {
        content = MemberExtractor.extract(in, -1, name, ctx);
      } catch (ScanLimitException limit) {
        throw limit;
      } catch (IOException | RuntimeException ex) {
        ctx.reportMember(
            Severity.HIGH,
            "archive.unreadable-member",
            "member could not be read: " + ex.getMessage(),
            name,
            -1);
        return;
      }
      if (content == null) {
        return;
      }
    }
    try (content) {
      ctx.scanMember(name, content);
    }
  }
}
