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
import dev.modelgate.policies.shipped.ShippedPolicies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: how long re-deciding N HFModels takes after one ModelPolicy edit, with the
 * shipped policies plus one switch policy (10 in all). Runs only when asked:
 *
 * <pre>
 * ./mvnw -B verify -pl operator -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=PolicyReevaluationBench -Dbench=true [-Dbench.models=1000]
 * </pre>
 *
 * It prints the wall time from the policy edit until every model shows the new phase, the time
 * spent inside the policy decider, and the Hub requests made (expected: none).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PolicyReevaluationBench extends OperatorTestBase {

  @Test
  void reevaluateAfterPolicyChange() throws Exception {
    int models = Integer.getInteger("bench.models", 1000);
    exampleRepo("acme-ml/tiny-chat").write();
    startHub();
    ShippedPolicies.load().forEach(p -> client.resource(p).create());
    client.resource(switchPolicy(false)).create();

    AtomicLong decideNanos = new AtomicLong();
    PolicyDecider policies = new PolicyDecider();
    startOperator(
        config().toBuilder().reconcileThreads(16).build(),
        input -> {
          long t = System.nanoTime();
          try {
            return policies.decide(input);
          } finally {
            decideNanos.addAndGet(System.nanoTime() - t);
          }
        });

    long t0 = System.nanoTime();
    for (int i = 0; i < models; i++) {
      create("m" + i, new HFModelSpec("acme-ml/tiny-chat", null));
    }
    awaitAll(models, Phase.Available);
    long initial = System.nanoTime() - t0;

    hub.clearRequests();
    decideNanos.set(0);
    long t1 = System.nanoTime();
    client.resource(switchPolicy(true)).update();
    awaitAll(models, Phase.Quarantined);
    long reevaluate = System.nanoTime() - t1;

    int hubRequests = hub.requests().size();
    operator.close();
    operator = null;
    long floor = statusWriteFloor(models);

    System.out.printf(
        "BENCH policy re-evaluation: models=%d policies=10 initial(download+scan+decide)=%.2fs"
            + " re-evaluate=%.2fs decider=%.3fs (%.1f us/model) hubRequests=%d"
            + " api-server floor (one read+patch of each status, 16 threads, no operator)=%.2fs%n",
        models,
        initial / 1e9,
        reevaluate / 1e9,
        decideNanos.get() / 1e9,
        decideNanos.get() / 1e3 / models,
        hubRequests,
        floor / 1e9);
    assertThat(hubRequests).as("a policy change never touches the Hub").isZero();
  }

  /**
   * The same status writes the operator makes (read latest + JSON patch of /status), without the
   * operator: the floor this API server puts under any re-evaluation.
   */
  private long statusWriteFloor(int models) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long t = System.nanoTime();
    for (int i = 0; i < models; i++) {
      String name = "m" + i;
      pool.submit(
          () ->
              client
                  .resources(HFModel.class)
                  .inNamespace(NS)
                  .withName(name)
                  .editStatus(
                      m -> {
                        m.getStatus().setMessage("floor");
                        return m;
                      }));
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    return System.nanoTime() - t;
  }

  private void awaitAll(int models, Phase phase) {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                client.resources(HFModel.class).inNamespace(NS).list().getItems().stream()
                    .filter(m -> m.getStatus() != null && m.getStatus().getPhase() == phase)
                    .count(),
            n -> n == models);
  }

  private static ModelPolicy switchPolicy(boolean on) {
    ModelPolicySpec spec = new ModelPolicySpec();
    spec.setRego("package cloudsmith\n\ndefault match := false\n\nmatch if " + on + "\n");
    spec.setPrecedence(5000);
    spec.setActions(List.of(PolicyAction.setStateTo(PolicyAction.State.Quarantined)));
    ModelPolicy p = new ModelPolicy();
    p.getMetadata().setName("switch");
    p.setSpec(spec);
    return p;
  }
}
