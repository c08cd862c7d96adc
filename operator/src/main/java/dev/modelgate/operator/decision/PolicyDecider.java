package dev.modelgate.operator.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.crds.PolicyDecision;
import dev.modelgate.operator.scan.ScanFinding;
import dev.modelgate.operator.source.ModelFacts;
import dev.modelgate.operator.store.ModelReport;
import dev.modelgate.operator.store.ScannedFile;
import dev.modelgate.policies.card.ModelCard;
import dev.modelgate.policies.card.ModelCardParser;
import dev.modelgate.policies.epm.Baseline;
import dev.modelgate.policies.epm.PolicyCatalog;
import dev.modelgate.policies.epm.PolicyEngine;
import dev.modelgate.policies.epm.PolicyOutcome;
import dev.modelgate.policies.input.HubSecurityData;
import dev.modelgate.policies.input.PolicyInputBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides with ModelPolicies (Cloudsmith EPM semantics) on top of the scanner baseline: builds the
 * policy input from the cached scan report, evaluates the enabled, valid policies in precedence
 * order, and turns the outcome into a {@link Decision}. Compilations are cached per policy spec, so
 * re-deciding every HFModel after a policy edit compiles that policy once.
 */
public final class PolicyDecider implements ModelDecider {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parsed cards by README text: many models share a card, and re-deciding must stay cheap. */
  private static final int MAX_CACHED_CARDS = 1024;

  private final Map<String, ModelCard> cards = new ConcurrentHashMap<>();

  private final PolicyCatalog catalog;
  private final PolicyEngine engine;

  public PolicyDecider(PolicyCatalog catalog, PolicyEngine engine) {
    this.catalog = catalog;
    this.engine = engine;
  }

  public PolicyDecider() {
    this(new PolicyCatalog(), new PolicyEngine());
  }

  @Override
  public Decision decide(DecisionInput input) {
    Decision scanner = ScannerVerdictDecider.baseline(input.report());
    PolicyDecision scannerEntry = scanner.log().get(0);
    Baseline baseline =
        new Baseline(
            scanner.phase() == Phase.Quarantined
                ? PolicyAction.State.Quarantined
                : PolicyAction.State.Available,
            scannerEntry.getReasons());
    PolicyOutcome outcome =
        engine.evaluate(
            catalog.active(input.policies()),
            PolicyInputBuilder.build(facts(input.model(), input.report(), card(input.report()))),
            baseline);

    List<PolicyDecision> log = new ArrayList<>();
    log.add(scannerEntry); // the scanner's own entry keeps its name and wording
    log.addAll(outcome.decisions().subList(1, outcome.decisions().size()));
    Phase phase =
        outcome.state() == PolicyAction.State.Quarantined ? Phase.Quarantined : Phase.Available;
    return new Decision(phase, outcome.tags(), log, reason(phase, scanner, outcome));
  }

  /** One line for people: the policy that set the final state, else the scanner's reason. */
  private static String reason(Phase phase, Decision scanner, PolicyOutcome outcome) {
    if (!outcome.failedPolicies().isEmpty()) {
      return "policy " + outcome.failedPolicies().get(0) + " failed to evaluate (fail closed)";
    }
    for (int i = outcome.decisions().size() - 1; i >= 1; i--) {
      PolicyDecision d = outcome.decisions().get(i);
      if (Boolean.TRUE.equals(d.getMatched())
          && d.getActions().stream().anyMatch(a -> a.startsWith("SetState"))) {
        String why = d.getReasons().isEmpty() ? "" : ": " + d.getReasons().get(0);
        return "policy " + d.getPolicy() + " set " + phase + why;
      }
    }
    return scanner.reason();
  }

  private ModelCard card(ModelReport report) {
    String text = report.card();
    if (text == null || text.isEmpty()) {
      return ModelCard.EMPTY;
    }
    if (cards.size() >= MAX_CACHED_CARDS) {
      cards.clear(); // a crude bound; a cache miss only costs a parse
    }
    return cards.computeIfAbsent(text, ModelCardParser::parse);
  }

  /** The policy module's view of a cached report. */
  static dev.modelgate.policies.input.ModelFacts facts(
      ModelRef ref, ModelReport report, ModelCard card) {
    ModelFacts model = report.model();
    List<dev.modelgate.policies.input.ModelFacts.FileFacts> files = new ArrayList<>();
    List<HubSecurityData.FileStatus> hubFiles = new ArrayList<>();
    for (ScannedFile f : report.files()) {
      List<dev.modelgate.policies.input.ModelFacts.FindingFacts> findings = new ArrayList<>();
      for (ScanFinding finding : f.findings()) {
        findings.add(
            new dev.modelgate.policies.input.ModelFacts.FindingFacts(
                finding.severity().name(),
                finding.rule(),
                finding.message(),
                finding.location() == null ? "" : finding.location()));
      }
      files.add(
          new dev.modelgate.policies.input.ModelFacts.FileFacts(
              f.path(),
              f.size(),
              f.sha256(),
              f.blobId(),
              f.format(),
              f.severity() == null ? null : f.severity().name(),
              findings,
              f.error()));
      if (f.hubSecurity() != null) {
        hubFiles.add(hubStatus(f.path(), f.hubSecurity()));
      }
    }
    JsonNode repoStatus = report.hub() == null ? null : report.hub().repoStatus();
    List<String> withIssues = new ArrayList<>();
    Boolean scansDone = null;
    if (repoStatus != null) {
      repoStatus.path("filesWithIssues").forEach(i -> withIssues.add(i.path("path").asText()));
      scansDone = repoStatus.has("scansDone") ? repoStatus.path("scansDone").asBoolean() : null;
    }
    return new dev.modelgate.policies.input.ModelFacts(
        report.repo(),
        report.revision(),
        report.commit(),
        ref.namespace(),
        ref.name(),
        model != null && model.gated() != null && !"false".equals(model.gated()),
        model != null && model.isPrivate(),
        model == null ? null : model.lastModified(),
        model == null ? List.of() : model.tags(),
        model == null ? null : model.pipelineTag(),
        files,
        new HubSecurityData(hubFiles, withIssues, scansDone),
        card);
  }

  private static HubSecurityData.FileStatus hubStatus(String path, JsonNode status) {
    Map<String, Object> scanners = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = status.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (!e.getKey().equals("status")) {
        scanners.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
      }
    }
    return new HubSecurityData.FileStatus(path, status.path("status").asText(null), scanners);
  }
}
