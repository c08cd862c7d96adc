package dev.modelgate.operator.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.crds.Phase;
import dev.modelgate.crds.Severity;
import dev.modelgate.operator.scan.ScanFinding;
import dev.modelgate.operator.store.HubSecurityView;
import dev.modelgate.operator.store.ModelReport;
import dev.modelgate.operator.store.ScannedFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerVerdictDeciderTest {

  private static ScannedFile file(String path, Severity sev) {
    List<ScanFinding> findings =
        sev == Severity.NONE ? List.of() : List.of(new ScanFinding(sev, "rule." + sev, "m", null));
    return new ScannedFile(path, 10, "a".repeat(64), null, null, "x", sev, findings, null, null);
  }

  private static Decision decide(ScannedFile... files) {
    ModelReport r =
        new ModelReport(
            1,
            "o/n",
            "main",
            "c".repeat(40),
            List.of(),
            "1",
            "t",
            null,
            null,
            new HubSecurityView("COMPLETE", "SAFE", null),
            List.of(files));
    return new ScannerVerdictDecider()
        .decide(
            new DecisionInput(
                new ModelRef("ns", "m", "o/n", "main", "c".repeat(40)), r, List.of()));
  }

  @Test
  void mediumAndBelowIsAvailable() {
    Decision d = decide(file("a", Severity.NONE), file("b", Severity.MEDIUM));
    assertThat(d.phase()).isEqualTo(Phase.Available);
    assertThat(d.log()).singleElement().satisfies(e -> assertThat(e.getMatched()).isFalse());
    assertThat(d.reason()).contains("max severity MEDIUM");
  }

  @Test
  void highOrCriticalQuarantinesNamingTheFile() {
    Decision d = decide(file("a", Severity.LOW), file("evil.pkl", Severity.CRITICAL));
    assertThat(d.phase()).isEqualTo(Phase.Quarantined);
    assertThat(d.reason()).contains("evil.pkl").contains("CRITICAL");
    assertThat(d.log().get(0).getActions()).containsExactly("SetState Quarantined");
    assertThat(decide(file("x", Severity.HIGH)).phase()).isEqualTo(Phase.Quarantined);
  }
}
