package dev.modelgate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.operator.decision.PolicyDecider;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a ModelPolicy edit costs in API requests: nothing for a model whose decision stays the same,
 * one status patch (no read) for a model whose decision changes, and the phase-change Event.
 */
class PolicyEditWritesIT extends OperatorTestBase {
  private static final int MODELS = 3;

  @Test
  void anEditThatChangesNoDecisionWritesNothingAndAFlipWritesOncePerModel() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    client.resource(switchPolicy("description one", false)).create();
    AtomicInteger decisions = new AtomicInteger();
    PolicyDecider policies = new PolicyDecider();
    startOperator(
        config(),
        input -> {
          decisions.incrementAndGet();
          return policies.decide(input);
        });
    for (int i = 0; i < MODELS; i++) {
      create("m" + i, new HFModelSpec("acme-ml/tiny-chat", null));
    }
    for (int i = 0; i < MODELS; i++) {
      assertThat(awaitPhase("m" + i, Phase.Available).getStatus().getStorePath()).isNotNull();
    }
    await().atMost(WAIT).until(() -> events("m" + (MODELS - 1)).size() >= 2);

    // An edit that matches nothing new: every model is re-decided, none is written.
    int before = decisions.get();
    recordedRequests();
    hub.clearRequests();
    client.resource(switchPolicy("description two", false)).update();
    await().atMost(WAIT).until(() -> decisions.get() >= before + MODELS);

    // Then a flip: one status patch per model, no read of the HFModel. This test watches
    // instead of polling, so every request on an HFModel's path is the operator's.
    try (SharedIndexInformer<HFModel> seen =
        client.resources(HFModel.class).inNamespace(NS).inform()) {
      client.resource(switchPolicy("description two", true)).update();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  seen.getStore().list().stream()
                      .filter(m -> m.getStatus().getPhase() == Phase.Quarantined)
                      .count(),
              n -> n == MODELS);
    }
    List<String> hfmodelRequests =
        recordedRequests().stream()
            .filter(r -> r.contains("/hfmodels/"))
            .filter(r -> !r.contains("watch="))
            .toList();
    assertThat(hfmodelRequests)
        .as("requests on HFModels after both edits")
        .hasSize(MODELS)
        .allSatisfy(r -> assertThat(r).startsWith("PATCH ").contains("/status"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("m0"))
                    .filteredOn(e -> "Quarantined".equals(e.getReason()))
                    .hasSize(1));
    // The patch replaced the whole status: a Quarantined model has no store path.
    for (int i = 0; i < MODELS; i++) {
      assertThat(get("m" + i).getStatus().getStorePath()).as(statusJson("m" + i)).isNull();
    }
    assertThat(hub.requests()).as("no Hub traffic for policy edits").isEmpty();
  }

  /** The API server's requests since the last call, as "METHOD path". */
  private List<String> recordedRequests() throws InterruptedException {
    List<String> out = new ArrayList<>();
    RecordedRequest r;
    while ((r = k8s.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      out.add(r.getMethod() + " " + r.getPath());
    }
    return out;
  }

  private static ModelPolicy switchPolicy(String description, boolean on) {
    ModelPolicySpec spec = new ModelPolicySpec();
    spec.setDescription(description);
    spec.setRego("package cloudsmith\n\ndefault match := false\n\nmatch if " + on + "\n");
    spec.setActions(List.of(PolicyAction.setStateTo(PolicyAction.State.Quarantined)));
    ModelPolicy p = new ModelPolicy();
    p.getMetadata().setName("switch");
    p.setSpec(spec);
    return p;
  }
}
