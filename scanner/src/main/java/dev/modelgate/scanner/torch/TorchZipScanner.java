package dev.modelgate.scanner.torch;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.pickle.PickleScanner;
import dev.modelgate.scanner.pickle.PickleSniffer;
import dev.modelgate.scanner.zip.ZipChecks;
import dev.modelgate.scanner.zip.ZipDirectory;
import dev.modelgate.scanner.zip.ZipEntryInfo;
import dev.modelgate.scanner.zip.ZipMember;
import java.io.IOException;
import java.util.Set;

/**
 * PyTorch's zip format ({@code torch.save} since 1.6, TorchScript archives): every {@code .pkl}
 * member is scanned as pickle; every other member is sniffed (16 bytes) and scanned if it holds a
 * pickle or archive; tensor data is never read beyond that sniff. Like torch's reader the archive
 * is read through its central directory, ignoring CRCs and flag bits, which are reported instead.
 */
public final class TorchZipScanner implements FormatScanner {
  public static final String RULE_TORCHSCRIPT = "torch.torchscript-code";
  private static final PickleScanner PICKLE = new PickleScanner();

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
    if (!probe.startsWith(new byte[] {'P', 'K', 3, 4})) {
      return Detection.NO;
    }
    ZipDirectory dir = ZipDirectory.of(probe);
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
    ZipDirectory dir = ZipDirectory.of(ctx.probe());
    if (dir == null) {
      throw new MalformedFileException("not a readable zip archive", -1);
    }
    if (dir.entries().size() > ctx.limits().maxMembers()) {
      throw ctx.limitHit("members", "more than " + ctx.limits().maxMembers() + " zip members");
    }
    ZipChecks.directory(dir, ctx);
    boolean codeReported = false;
    for (ZipEntryInfo e : dir.entries()) {
      ctx.checkTime();
      if (e.isDirectory()) {
        continue;
      }
      ZipMember m;
      try {
        m = ZipMember.open(source, e);
      } catch (MalformedFileException ex) {
        ctx.reportMember(
            Severity.HIGH,
            ZipChecks.RULE_UNREADABLE,
            "member cannot be read (" + ex.getMessage() + "); it was not examined",
            e.name(),
            e.localHeaderOffset());
        continue;
      }
      ZipChecks.member(m, ctx);
      String name = e.name();
      if (!codeReported
          && (name.contains("/code/") || name.startsWith("code/"))
          && (name.endsWith(".py") || name.endsWith(".pkl"))) {
        codeReported = true;
        ctx.reportMember(
            Severity.MEDIUM,
            RULE_TORCHSCRIPT,
            "a TorchScript archive: torch.jit.load compiles and runs the code stored in it",
            name,
            -1);
      }
      try (ByteSource content = m.content()) {
        if (name.endsWith(".pkl")) {
          ZipChecks.crc(m, ctx, CRC_CHECK_MAX);
          ctx.scanMemberAs(name, content, PICKLE);
        } else {
          byte[] head = content.readUpTo(0, 16);
          ctx.chargeBytes(head.length);
          if (PickleSniffer.looksZip(head)) {
            ctx.scanMember(name, content);
          } else if (PickleSniffer.looksNested(head)) {
            ctx.scanMemberAs(name, content, PickleSniffer.speculativeScanner());
          }
        }
      }
    }
  }
}
