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
import java.util.Set;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;

/**
 * A 7z archive (nullifAI shipped a pickle in one to dodge zip-only scanners): names, links,
 * encryption, unsupported methods, then every member unpacked with bomb checks and scanned by
 * content. Decoder memory is capped so a forged dictionary size cannot exhaust the heap.
 */
public final class SevenZipScanner implements FormatScanner {
  private static final byte[] MAGIC = {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c};
  static final int MEMORY_KIB = 64 * 1024;

  @Override
  public String format() {
    return "7z";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("7z");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  @Override
  public int detect(Probe probe) {
    return probe.startsWith(MAGIC) ? Detection.CERTAIN : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    SevenZFile sz;
    try {
      sz =
          SevenZFile.builder()
              .setSeekableByteChannel(new ByteSourceChannel(source))
              .setMaxMemoryLimitKiB(MEMORY_KIB)
              .setTryToRecoverBrokenArchives(false)
              .get();
    } catch (PasswordRequiredException e) {
      ctx.report(
          Severity.HIGH,
          "archive.encrypted",
          "7z archive is encrypted (headers included); nothing in it can be scanned",
          -1);
      return;
    } catch (MemoryLimitException e) {
      ctx.report(
          Severity.HIGH,
          "archive.limit",
          "7z headers need more than " + MEMORY_KIB + " KiB to decode; not scanned",
          -1);
      return;
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException("7z headers unreadable: " + e.getMessage(), -1);
    }
    try (sz) {
      Set<String> names = new HashSet<>();
      for (SevenZArchiveEntry e : sz.getEntries()) {
        ctx.checkTime();
        String name = e.getName() == null ? "content" : e.getName();
        EntryNames.check(name, ctx);
        if (e.isDirectory() || e.isAntiItem() || !e.hasStream()) {
          continue;
        }
        if (!names.add(name)) {
          ctx.reportMember(
              Severity.HIGH,
              "archive.duplicate-name",
              "two members are named '" + name + "'",
              name,
              -1);
        }
        if (e.getHasWindowsAttributes()
            && (e.getWindowsAttributes() & 0x8000) != 0
            && ((e.getWindowsAttributes() >>> 16) & 0170000) == 0120000) {
          EntryNames.link(name, "symbolic link", null, ctx);
          continue;
        }
        member(sz, e, name, ctx, source.size());
      }
    }
  }

  private static void member(
      SevenZFile sz, SevenZArchiveEntry e, String name, ScanContext ctx, long archiveSize)
      throws IOException {
    ByteSource content;
    try (InputStream in = sz.getInputStream(e)) {
      // solid blocks hide per-member packed sizes; the archive size bounds them all
      content = MemberExtractor.extract(in, archiveSize, name, ctx);
    } catch (ScanLimitException limit) {
      throw limit;
    } catch (PasswordRequiredException ex) {
      ctx.reportMember(
          Severity.HIGH,
          "archive.encrypted",
          "member is encrypted; its content cannot be scanned",
          name,
          -1);
      return;
    } catch (MemoryLimitException ex) {
      ctx.reportMember(
          Severity.HIGH,
          "archive.limit",
          "member needs more than " + MEMORY_KIB + " KiB to decode; not scanned",
          name,
          -1);
      return;
    } catch (IOException | RuntimeException ex) {
      ctx.reportMember(
          Severity.HIGH,
          "archive.unsupported-method",
          "member could not be unpacked (" + ex.getMessage() + "); its content was not scanned",
          name,
          -1);
      return;
    }
    if (content == null) {
      return;
    }
    try (content) {
      ctx.scanMember(name, content);
    }
  }
}
