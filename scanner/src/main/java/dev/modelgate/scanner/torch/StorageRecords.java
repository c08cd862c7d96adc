package dev.modelgate.scanner.torch;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.pickle.PersistentId;
import dev.modelgate.scanner.pickle.PickleScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-checks a PyTorch zip's pickles against its tensor records. torch's loaders resolve each
 * persistent id {@code ('storage', type, key, location, numel)} in {@code <archive>/<name>.pkl} to
 * the record {@code <archive>/<name>/<key>} ({@code data.pkl} → {@code data/}, TorchScript's {@code
 * constants.pkl} → {@code constants/}); {@code torch.save} writes exactly the records its pickle
 * references. Severities:
 *
 * <ul>
 *   <li>{@value #RULE_SHORT} HIGH — a record holds fewer bytes than its storage's elements need
 *       ({@code numel} × the element size of the storage type): torch 1.x builds the tensor over
 *       the record anyway and reads past it into other heap memory (checked with Debian's torch
 *       1.13), so loading is memory-unsafe.
 *   <li>{@value #RULE_MISSING} MEDIUM — a referenced record is absent: {@code torch.load} fails
 *       part-way, so the file was truncated or edited after saving. No code runs because of it.
 *   <li>{@value #RULE_BAD_ID} MEDIUM — a persistent id torch's {@code persistent_load} rejects (not
 *       a 'storage' tuple with a constant key): the file was not written by torch.
 *   <li>{@value #RULE_UNREFERENCED_PICKLE} MEDIUM — a record no pickle references holds a pickle:
 *       torch never reads it, so it is a hiding place for a second stage that other code loads (its
 *       content is scanned too; a dangerous payload is graded by its own findings).
 *   <li>{@value #RULE_UNREFERENCED} INFO — any other unreferenced record: dead bytes.
 * </ul>
 *
 * Records are only called unreferenced when their pickle was parsed to the end with only valid ids;
 * a pickle that breaks off is already HIGH and its references are incomplete.
 */
final class StorageRecords {
  static final String RULE_MISSING = "torch.storage.missing";
  static final String RULE_SHORT = "torch.storage.short";

  /** Bytes per element of torch's typed storage classes, by class name. */
  private static final Map<String, Integer> ELEMENT_SIZE =
      Map.ofEntries(
          Map.entry("DoubleStorage", 8),
          Map.entry("FloatStorage", 4),
          Map.entry("HalfStorage", 2),
          Map.entry("BFloat16Storage", 2),
          Map.entry("LongStorage", 8),
          Map.entry("IntStorage", 4),
          Map.entry("ShortStorage", 2),
          Map.entry("CharStorage", 1),
          Map.entry("ByteStorage", 1),
          Map.entry("BoolStorage", 1),
          Map.entry("ComplexFloatStorage", 8),
          Map.entry("ComplexDoubleStorage", 16),
          Map.entry("QInt8Storage", 1),
          Map.entry("QUInt8Storage", 1),
          Map.entry("QInt32Storage", 4),
          Map.entry("UntypedStorage", 1));

  static final String RULE_BAD_ID = "torch.storage.bad-id";
  static final String RULE_UNREFERENCED_PICKLE = "torch.storage.unreferenced-pickle";
  static final String RULE_UNREFERENCED = "torch.storage.unreferenced";

  /** Findings of one kind reported individually per pickle; the rest are summed up in one. */
  private static final int REPORT_EACH = 5;

  /** Bytes of an unreferenced record read to decide whether it is a pickle. */
  private static final int SNIFF_BYTES = Probe.HEAD_BYTES;

  /** Tensor directory (e.g. {@code archive/data/}) → the keys its pickle references. */
  private final Map<String, Set<String>> referenced = new HashMap<>();

  /** Tensor directory → the pickle member whose references are complete. */
  private final Map<String, String> complete = new HashMap<>();

  /** Pickle member → its persistent ids, in order. */
  private final Map<String, List<PersistentId>> ids = new HashMap<>();

  /**
   * The tensor directory a pickle member's ids point into: {@code a/data.pkl} → {@code a/data/}.
   */
  static String directoryOf(String pickleMember) {
    return pickleMember.substring(0, pickleMember.length() - ".pkl".length()) + "/";
  }

  /** The tensor directory {@code member} sits in directly, or null. */
  private static String parentOf(String member) {
    int slash = member.lastIndexOf('/');
    return slash < 0 ? null : member.substring(0, slash + 1);
  }

  /** A pickle scanner for {@code member} that records its ids and whether it was fully parsed. */
  FormatScanner scannerFor(String member) {
    List<PersistentId> list = new ArrayList<>();
    ids.put(member, list);
    PickleScanner pickle = PickleScanner.reportingPersistentIds(list::add);
    return new FormatScanner() {
      @Override
      public String format() {
        return pickle.format();
      }

      @Override
      public Set<String> extensions() {
        return pickle.extensions();
      }

      @Override
      public boolean mayRunCode() {
        return true;
      }

      @Override
      public int detect(Probe probe) {
        return pickle.detect(probe);
      }

      @Override
      public void scan(ByteSource source, ScanContext ctx) throws IOException {
        pickle.scan(source, ctx); // throws when the pickle breaks off: then it is not complete
        String dir = directoryOf(member);
        if (!list.stream().allMatch(PersistentId::isStorage)) {
          return; // references torch cannot resolve: which records it wants is unknown
        }
        complete.put(dir, member);
        Set<String> keys = referenced.computeIfAbsent(dir, k -> new HashSet<>());
        list.stream().filter(PersistentId::isStorage).forEach(id -> keys.add(id.key()));
      }
    };
  }

  /** Reports references to absent or too-short records and ids torch cannot resolve. */
  void checkReferences(Map<String, Long> recordSizes, ScanContext ctx) {
    Set<String> memberNames = recordSizes.keySet();
    ids.forEach(
        (member, list) -> {
          String dir = directoryOf(member);
          Set<String> missing = new LinkedHashSet<>();
          int bad = 0;
          for (PersistentId id : list) {
            if (!id.isStorage()) {
              if (bad++ < REPORT_EACH) {
                ctx.reportMember(
                    Severity.MEDIUM,
                    RULE_BAD_ID,
                    "a persistent id torch.load cannot resolve (expected ('storage', type, key,"
                        + " location, numel) with a constant key); not written by torch",
                    member,
                    id.offset());
              }
            } else if (memberNames.contains(dir + id.key())) {
              checkSize(id, dir + id.key(), recordSizes.get(dir + id.key()), member, ctx);
            } else if (missing.add(id.key())) {
              if (missing.size() <= REPORT_EACH) {
                ctx.reportMember(
                    Severity.MEDIUM,
                    RULE_MISSING,
                    "references tensor storage '"
                        + id.key()
                        + "' but the archive has no "
                        + dir
                        + id.key()
                        + "; torch.load fails, the file was cut or edited",
                    member,
                    id.offset());
              }
            }
          }
          if (missing.size() > REPORT_EACH) {
            ctx.reportMember(
                Severity.MEDIUM,
                RULE_MISSING,
                (missing.size() - REPORT_EACH) + " more referenced storages are absent",
                member,
                -1);
          }
        });
  }

  private static void checkSize(
      PersistentId id, String record, long recordBytes, String member, ScanContext ctx) {
    Integer element = id.storageType() == null ? null : ELEMENT_SIZE.get(id.storageType());
    if (element == null || id.numel() < 0 || id.numel() > Long.MAX_VALUE / 16) {
      return; // a storage type or size this check does not know: torch decides
    }
    long needed = id.numel() * element;
    if (needed > recordBytes) {
      ctx.reportMember(
          Severity.HIGH,
          RULE_SHORT,
          "storage '"
              + id.key()
              + "' needs "
              + needed
              + " bytes ("
              + id.numel()
              + " x "
              + id.storageType()
              + ") but "
              + record
              + " holds "
              + recordBytes
              + "; torch reads past the record into other memory",
          member,
          id.offset());
    }
  }

  /** True when {@code member} sits in a tensor directory whose complete pickle never names it. */
  boolean isUnreferenced(String member) {
    String dir = parentOf(member);
    return dir != null
        && complete.containsKey(dir)
        && !referenced.getOrDefault(dir, Set.of()).contains(member.substring(dir.length()));
  }

  /** Reports an unreferenced record, reading at most {@value #SNIFF_BYTES} of it. */
  void reportUnreferenced(String member, ByteSource content, ScanContext ctx) throws IOException {
    long size = content.size();
    byte[] head = content.readUpTo(0, (int) Math.min(SNIFF_BYTES, size));
    ctx.chargeBytes(head.length);
    String pickle = complete.get(parentOf(member));
    if (dev.modelgate.scanner.pickle.PickleSniffer.isPickle(head, size)) {
      ctx.reportMember(
          Severity.MEDIUM,
          RULE_UNREFERENCED_PICKLE,
          "holds a pickle but "
              + pickle
              + " never references it: torch does not load it, other code might; scanned",
          member,
          -1);
    } else {
      ctx.reportMember(
          Severity.INFO,
          RULE_UNREFERENCED,
          "tensor record that " + pickle + " never references; torch.load ignores it",
          member,
          -1);
    }
  }
}
