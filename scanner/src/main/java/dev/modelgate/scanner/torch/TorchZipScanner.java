package dev.modelgate.scanner.torch;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.pickle.PickleSniffer;
import dev.modelgate.scanner.zip.ZipChecks;
import dev.modelgate.scanner.zip.ZipDirectory;
import dev.modelgate.scanner.zip.ZipEntryInfo;
import dev.modelgate.scanner.zip.ZipMember;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * PyTorch's zip format ({@code torch.save} since 1.6, TorchScript archives): every {@code .pkl}
 * member is scanned as pickle and its storage references checked against the tensor records ({@link
 * StorageRecords}); every other member is sniffed (16 bytes) and scanned if it holds a pickle or
 * archive; tensor data is never read beyond that sniff. Like torch's reader the archive is read
 * through its central directory, ignoring CRCs and flag bits, which are reported instead.
 */
public final class TorchZipScanner implements FormatScanner {
  public static final String RULE_TORCHSCRIPT = "torch.torchscript-code";

  /** Pickle members up to this size also get their CRC checked. */
  private static final long CRC_CHECK_MAX = 64L << 20;

  @Override
  public String format() {
    return "pytorch-zip";
  }

  @Override
  public String family() {
    return "zip";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("pt", "pth", "bin", "ckpt", "pt2", "ptl");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    ZipDirectory dir = ZipDirectory.ofZipAtStart(probe);
    if (dir == null) {
      return Detection.NO;
    }
    for (ZipEntryInfo e : dir.entries()) {
      String n = e.name();
      if (n.equals("data.pkl") || n.endsWith("/data.pkl") || n.endsWith("/constants.pkl")) {
        return Detection.CERTAIN;
      }
    }
    return Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    ZipDirectory dir = ZipDirectory.required(ctx.probe());
    if (dir.entries().size() > ctx.limits().maxMembers()) {
      throw ctx.limitHit("members", "more than " + ctx.limits().maxMembers() + " zip members");
    }
    ZipChecks.directory(dir, ctx);
    StorageRecords records = new StorageRecords();
    // pickles first, so every tensor record can then be matched against their references
    boolean codeReported = false;
    for (boolean pickles : new boolean[] {true, false}) {
      for (ZipEntryInfo e : dir.entries()) {
        ctx.checkTime();
        if (e.isDirectory() || e.name().endsWith(".pkl") != pickles) {
          continue;
        }
        ZipMember m = ZipChecks.openOrReport(source, e, ctx);
        if (m == null) {
          continue;
        }
        ZipChecks.member(m, ctx);
        String name = e.name();
        if (!codeReported && isTorchScriptCode(name)) {
          codeReported = true;
          ctx.reportMember(
              Severity.MEDIUM,
              RULE_TORCHSCRIPT,
              "a TorchScript archive: torch.jit.load compiles and runs the code stored in it",
              name,
              -1);
        }
        try (ByteSource content = m.content()) {
          if (pickles) {
            ZipChecks.crc(m, ctx, CRC_CHECK_MAX);
            ctx.scanMemberAs(name, content, records.scannerFor(name));
            continue;
          }
          sniff(name, content, records, ctx);
        } catch (IOException ex) {
          // a member that does not inflate is that member's problem, not the archive's
          ctx.reportMember(
              Severity.HIGH,
              ZipChecks.RULE_UNREADABLE,
              "member cannot be unpacked (" + ex.getMessage() + "); it was not examined",
              name,
              e.localHeaderOffset());
        }
      }
      if (pickles) {
        records.checkReferences(recordSizes(dir), ctx);
      }
    }
  }

  /** A non-pickle member: its storage reference checked, its first bytes sniffed. */
  private static void sniff(
      String name, ByteSource content, StorageRecords records, ScanContext ctx) throws IOException {
    if (records.isUnreferenced(name)) {
      records.reportUnreferenced(name, content, ctx);
    }
    byte[] head = content.readUpTo(0, 16);
    ctx.chargeBytes(head.length);
    if (PickleSniffer.looksZip(head)) {
      ctx.scanMember(name, content);
    } else if (PickleSniffer.looksNested(head)) {
      ctx.scanMemberAs(name, content, PickleSniffer.speculativeScanner());
    }
  }

  private static boolean isTorchScriptCode(String name) {
    return (name.contains("/code/") || name.startsWith("code/"))
        && (name.endsWith(".py") || name.endsWith(".pkl"));
  }

  /** Every member's declared uncompressed size (what torch's reader takes as the record size). */
  private static Map<String, Long> recordSizes(ZipDirectory dir) {
    Map<String, Long> sizes = new HashMap<>();
    dir.entries().forEach(e -> sizes.merge(e.name(), e.size(), Math::min));
    return sizes;
  }
}
