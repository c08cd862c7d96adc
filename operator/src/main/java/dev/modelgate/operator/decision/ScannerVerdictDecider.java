package dev.modelgate.operator.decision;

import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyDecision;
import dev.modelgate.crds.Severity;
import dev.modelgate.operator.store.ModelReport;
import dev.modelgate.operator.store.ScannedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision before policies (ARCHITECTURE §3): {@code Quarantined} when any file has a HIGH or
 * CRITICAL finding (a file the scanner could not parse is never NONE), else {@code Available}.
 * Policy evaluation starts from this verdict.
 */
public final class ScannerVerdictDecider implements ModelDecider {
  /** The name this rule carries in the decision log. */
  public static final String RULE_NAME = "scanner-baseline";

  @Override
  public Decision decide(DecisionInput input) {
    return baseline(input.report());
  }

  /** The scanner's verdict on a report, with its decision-log entry. */
  public static Decision baseline(ModelReport report) {
    List<String> reasons = new ArrayList<>();
    for (ScannedFile f : report.files()) {
      if (f.severity() != null && f.severity().blocksByDefault()) {
        reasons.add(f.path() + ": " + f.severity() + " " + firstRule(f));
      }
    }
    boolean quarantine = !reasons.isEmpty();
    Phase phase = quarantine ? Phase.Quarantined : Phase.Available;
    Severity max = report.maxSeverity();
    PolicyDecision entry =
        new PolicyDecision(
            RULE_NAME,
            null,
            quarantine,
            false,
            reasons.size() > 10 ? reasons.subList(0, 10) : reasons,
            quarantine ? List.of("SetState Quarantined") : List.of());
    String reason =
        quarantine
            ? "scanner found "
                + max
                + " issues in "
                + reasons.size()
                + " file(s), e.g. "
                + reasons.get(0)
            : "scanned " + report.files().size() + " file(s), max severity " + max;
    return new Decision(phase, List.of(), List.of(entry), reason);
  }

  private static String firstRule(ScannedFile f) {
    return f.findings().isEmpty() ? "(" + f.error() + ")" : f.findings().get(0).rule();
  }
}
