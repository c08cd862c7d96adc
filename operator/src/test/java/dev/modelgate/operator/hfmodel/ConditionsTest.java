package dev.modelgate.operator.hfmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T01:00:00Z");

  @Test
  void transitionTimeMovesOnlyWhenStatusChanges() {
    List<Condition> c = Conditions.set(List.of(), "Ready", "False", "Downloading", "x", 1L, T1);
    c = Conditions.set(c, "Ready", "False", "Scanning", "y", 1L, T2);
    assertThat(Conditions.find(c, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(Conditions.find(c, "Ready").getReason()).isEqualTo("Scanning");
    c = Conditions.set(c, "Ready", "True", "Available", "z", 2L, T2);
    assertThat(Conditions.find(c, "Ready").getLastTransitionTime()).isEqualTo(T2.toString());
    assertThat(Conditions.find(c, "Ready").getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void sameInputsGiveAnEqualList() {
    List<Condition> a = Conditions.set(List.of(), "Scanned", "True", "Scanned", "m", 1L, T1);
    List<Condition> b = Conditions.set(a, "Scanned", "True", "Scanned", "m", 1L, T2);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void keptInPipelineOrderAndMessagesBounded() {
    List<Condition> c = Conditions.set(List.of(), "Ready", "False", "R", "m", 1L, T1);
    c = Conditions.set(c, "Resolved", "True", "Resolved", "x".repeat(5000), 1L, T1);
    assertThat(c).extracting(Condition::getType).containsExactly("Resolved", "Ready");
    assertThat(c.get(0).getMessage()).hasSize(1024).endsWith("...");
  }
}
