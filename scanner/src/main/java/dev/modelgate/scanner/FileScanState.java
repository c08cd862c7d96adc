package dev.modelgate.scanner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Budgets and findings of one top-level file, shared by every nested context of that file. */
final class FileScanState {
  final ScanLimits limits;
  final long deadlineNanos;
  final List<Finding> findings = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  long bytesCharged;
  long opcodes;
  int members;
  int droppedFindings;
  Severity maxSeverity = Severity.NONE;

  FileScanState(ScanLimits limits) {
    this.limits = limits;
    this.deadlineNanos = System.nanoTime() + limits.maxTime().toNanos();
  }

  /** Keeps the first finding per (rule, message, member); past the cap only counts severity. */
  void add(Finding f) {
    maxSeverity = Severity.max(maxSeverity, f.severity());
    String key = f.rule() + '\u0000' + f.message() + '\u0000' + f.location().member();
    if (!seen.add(key)) {
      return;
    }
    if (findings.size() >= limits.maxFindings()) {
      droppedFindings++;
      return;
    }
    findings.add(f);
  }
}
