package dev.modelgate.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the shipped examples must show, so {@code modelgate demo} can fail loudly instead of
 * printing a wrong story: the clean and the gated models are Available, the malicious one is
 * Quarantined, nothing Failed; vLLM on the clean model is admitted, TGI on the malicious model and
 * the pod naming an unvetted model are denied. Names absent from the examples given are not
 * checked.
 */
public final class DemoExpectations {

  static final Map<String, String> PHASES =
      Map.of(
          "tiny-chat", "Available",
          "licensed-llm", "Available",
          "tiny-demo-lm", "Available",
          "totally-safe-bert", "Quarantined",
          "sketchy-llm", "Quarantined");

  static final Map<String, Boolean> ADMITTED =
      Map.of(
          "Deployment/chat-server", true,
          "Job/nightly-eval", true,
          "Pod/bert-tgi", false,
          "InferenceService/sketchy-llm", false,
          "Pod/quick-experiment", false);

  private DemoExpectations() {}

  /** Every way the outcome differs from the story; empty when it tells it. */
  public static List<String> check(DemoScenario.Outcome outcome) {
    List<String> problems = new ArrayList<>(outcome.problems());
    for (DemoScenario.ModelRow m : outcome.models()) {
      String expected = PHASES.get(m.name());
      if (expected != null && !expected.equals(m.phase())) {
        problems.add(
            "HFModel "
                + m.name()
                + " is "
                + m.phase()
                + ", expected "
                + expected
                + " ("
                + m.reasons()
                + ")");
      }
      if (m.phase().equals("Failed")) {
        problems.add("HFModel " + m.name() + " Failed: " + m.reasons());
      }
    }
    for (DemoScenario.AdmissionRow a : outcome.admissions()) {
      Boolean expected = ADMITTED.get(a.workload());
      if (expected != null && expected != a.allowed()) {
        problems.add(
            a.workload()
                + " was "
                + a.verdict()
                + ", expected "
                + (expected ? "allowed" : "denied")
                + (a.message().isBlank() ? "" : " (" + a.message() + ")"));
      }
    }
    if (outcome.models().stream().noneMatch(m -> m.phase().equals("Available"))) {
      problems.add("no HFModel is Available");
    }
    if (outcome.models().stream().noneMatch(m -> m.phase().equals("Quarantined"))) {
      problems.add("no HFModel is Quarantined");
    }
    if (outcome.admissions().stream().noneMatch(DemoScenario.AdmissionRow::allowed)) {
      problems.add("no workload was admitted");
    }
    if (outcome.admissions().stream().allMatch(DemoScenario.AdmissionRow::allowed)) {
      problems.add("no workload was denied");
    }
    return problems;
  }
}
