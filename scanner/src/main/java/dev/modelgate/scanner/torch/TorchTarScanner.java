package dev.modelgate.scanner.torch;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.pickle.PickleScanner;
import dev.modelgate.scanner.pickle.PickleStreams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * PyTorch's oldest format (0.1.x): a tar with members {@code sys_info}, {@code pickle}, {@code
 * storages}, {@code tensors}, still loadable by torch.load. {@code sys_info} and {@code pickle} are
 * pickles; {@code storages} and {@code tensors} start with pickles followed by raw records, so
 * their leading pickles are scanned; any other member is scanned by content.
 */
public final class TorchTarScanner implements FormatScanner {
  private static final Set<String> TORCH_MEMBERS =
      Set.of("sys_info", "pickle", "storages", "tensors");

  @Override
  public String format() {
    return "pytorch-legacy-tar";
  }

  @Override
  public String family() {
    return "tar";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("pt", "pth", "bin", "ckpt", "tar");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    byte[] h = probe.head();
    if (h.length < 512 || !isUstar(h, 0)) {
      return Detection.NO;
    }
    return TORCH_MEMBERS.contains(name(h, 0)) ? Detection.CERTAIN : Detection.NO;
  }

  private static boolean isUstar(byte[] b, int at) {
    return b[at + 257] == 'u'
        && b[at + 258] == 's'
        && b[at + 259] == 't'
        && b[at + 260] == 'a'
        && b[at + 261] == 'r';
  }

  private static String name(byte[] b, int at) {
    int end = at;
    while (end < at + 100 && b[end] != 0) {
      end++;
    }
    String n = new String(b, at, end - at, StandardCharsets.UTF_8);
    if (isUstar(b, at) && b[at + 345] != 0) {
      int pe = at + 345;
      while (pe < at + 500 && b[pe] != 0) {
        pe++;
      }
      n = new String(b, at + 345, pe - at - 345, StandardCharsets.UTF_8) + "/" + n;
    }
    return n.startsWith("./") ? n.substring(2) : n;
  }

  private static long octal(byte[] b, int at, int len, long where) throws MalformedFileException {
    long v = 0;
    boolean any = false;
    for (int i = at; i < at + len; i++) {
      int c = b[i] & 0xff;
      if (c == 0 || c == ' ') {
        if (any) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7') {
        throw new MalformedFileException("bad tar size field", where);
      }
      v = v * 8 + (c - '0');
      any = true;
    }
    return v;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    long pos = 0;
    long size = source.size();
    PickleScanner pickle = new PickleScanner();
    int members = 0;
    while (pos + 512 <= size) {
      ctx.checkTime();
      byte[] h = source.readFully(pos, 512);
      ctx.chargeBytes(512);
      boolean zero = true;
      for (byte x : h) {
        if (x != 0) {
          zero = false;
          break;
        }
      }
      if (zero) {
        return; // end-of-archive block
      }
      if (++members > ctx.limits().maxMembers()) {
        throw ctx.limitHit("members", "more than " + ctx.limits().maxMembers() + " tar members");
      }
      String name = name(h, 0);
      long len = octal(h, 124, 12, pos + 124);
      char type = (char) h[156];
      long data = pos + 512;
      if (data + len > size) {
        throw new MalformedFileException("tar member " + name + " runs past the end", pos);
      }
      if (type == '0' || type == 0) {
        ByteSource member = source.slice(data, len);
        if (name.equals("pickle") || name.equals("sys_info")) {
          ctx.scanMemberAs(name, member, pickle);
        } else if (name.equals("storages") || name.equals("tensors")) {
          // the count, then the first record's header; raw tensor bytes follow
          try (InputStream in = member.openStream(0, len)) {
            PickleStreams p = new PickleStreams(ctx, in, data, len, false);
            p.next();
            p.next();
          } catch (MalformedFileException e) {
            ctx.reportMember(
                dev.modelgate.scanner.Severity.HIGH,
                dev.modelgate.scanner.Rules.MALFORMED,
                "not the pickles torch expects: " + e.getMessage(),
                name,
                e.offset());
          }
        } else {
          ctx.scanMember(name, member);
        }
      }
      pos = data + (len + 511) / 512 * 512;
    }
  }
}
