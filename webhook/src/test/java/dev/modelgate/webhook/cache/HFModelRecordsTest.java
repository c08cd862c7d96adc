package dev.modelgate.webhook.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.HFModelStatus;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyDecision;
import dev.modelgate.webhook.decide.ModelRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache reads HFModels as maps; these tests pin it to the crds types' JSON field names. */
class HFModelRecordsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  @Test
  void readsTheFieldsTheCrdsTypesWrite() {
    HFModelSpec spec = new HFModelSpec("org/name", null);
    HFModelStatus status = new HFModelStatus();
    status.setPhase(Phase.Quarantined);
    status.setResolvedRevision("abc");
    status.setObservedGeneration(3L);
    PolicyDecision d = new PolicyDecision();
    d.setPolicy("hub-unsafe");
    d.setMatched(true);
    d.setReasons(List.of("hub scan UNSAFE"));
    PolicyDecision notMatched = new PolicyDecision();
    notMatched.setPolicy("other");
    notMatched.setMatched(false);
    notMatched.setReasons(List.of("irrelevant"));
    status.setDecisions(List.of(d, notMatched));

    ModelRecord r =
        HFModelRecords.from(
            "ml", "m", 3L, JSON.convertValue(spec, MAP), JSON.convertValue(status, MAP));
    assertThat(r.repo()).isEqualTo("org/name");
    assertThat(r.revision()).isEqualTo("main");
    assertThat(r.phase()).isEqualTo("Quarantined");
    assertThat(r.resolvedRevision()).isEqualTo("abc");
    assertThat(r.reasons()).containsExactly("hub scan UNSAFE");
    assertThat(r.current()).isTrue();

    ModelRecord stale =
        HFModelRecords.from(
            "ml", "m", 4L, JSON.convertValue(spec, MAP), JSON.convertValue(status, MAP));
    assertThat(stale.current()).isFalse();
  }

  @Test
  void failedModelsExplainThemselvesWithTheStatusMessage() {
    HFModelStatus status = new HFModelStatus();
    status.setPhase(Phase.Failed);
    status.setMessage("repo not found on the Hub");
    ModelRecord r =
        HFModelRecords.from(
            "ml", "m", null, Map.of("repo", "org/x"), JSON.convertValue(status, MAP));
    assertThat(r.phase()).isEqualTo("Failed");
    assertThat(r.reasons()).containsExactly("repo not found on the Hub");
  }

  @Test
  void noStatusMeansPending() {
    ModelRecord r = HFModelRecords.from("ml", "m", 1L, Map.of("repo", "org/x"), Map.of());
    assertThat(r.phase()).isEqualTo("Pending");
    assertThat(r.usable()).isFalse();
  }
}
