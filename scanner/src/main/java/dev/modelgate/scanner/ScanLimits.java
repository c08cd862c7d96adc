package dev.modelgate.scanner;

import java.time.Duration;

/**
 * Hard limits on one file's scan. Hitting any of them is a HIGH finding ({@code limit.*}): the part
 * beyond the limit was not examined, so the file must not pass as clean.
 *
 * @param maxBytes bytes read or decompressed for one file, members included
 * @param maxOpcodes pickle opcodes executed per file
 * @param maxDepth nesting depth (archive in archive, pickle in bytes in pickle)
 * @param maxStack pickle stack plus metastack entries
 * @param maxMemo pickle memo entries
 * @param maxMembers archive members examined per file
 * @param maxFindings distinct findings kept per file (the severity still counts the rest)
 * @param maxTime wall time per file
 */
public record ScanLimits(
    long maxBytes,
    long maxOpcodes,
    int maxDepth,
    int maxStack,
    int maxMemo,
    int maxMembers,
    int maxFindings,
    Duration maxTime) {

  /** Generous defaults: ordinary multi-GB checkpoints scan well inside them. */
  public static final ScanLimits DEFAULT =
      new ScanLimits(
          4L << 30, 500_000_000L, 8, 1_000_000, 1_000_000, 200_000, 500, Duration.ofMinutes(5));

  public ScanLimits withMaxBytes(long v) {
    return new ScanLimits(
        v, maxOpcodes, maxDepth, maxStack, maxMemo, maxMembers, maxFindings, maxTime);
  }

  public ScanLimits withMaxOpcodes(long v) {
    return new ScanLimits(
        maxBytes, v, maxDepth, maxStack, maxMemo, maxMembers, maxFindings, maxTime);
  }

  public ScanLimits withMaxDepth(int v) {
    return new ScanLimits(
        maxBytes, maxOpcodes, v, maxStack, maxMemo, maxMembers, maxFindings, maxTime);
  }

  public ScanLimits withMaxStack(int v) {
    return new ScanLimits(
        maxBytes, maxOpcodes, maxDepth, v, maxMemo, maxMembers, maxFindings, maxTime);
  }

  public ScanLimits withMaxMemo(int v) {
    return new ScanLimits(
        maxBytes, maxOpcodes, maxDepth, maxStack, v, maxMembers, maxFindings, maxTime);
  }

  public ScanLimits withMaxMembers(int v) {
    return new ScanLimits(
        maxBytes, maxOpcodes, maxDepth, maxStack, maxMemo, v, maxFindings, maxTime);
  }

  public ScanLimits withMaxTime(Duration v) {
    return new ScanLimits(
        maxBytes, maxOpcodes, maxDepth, maxStack, maxMemo, maxMembers, maxFindings, v);
  }
}
