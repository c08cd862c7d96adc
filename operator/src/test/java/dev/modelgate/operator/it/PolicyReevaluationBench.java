package dev.modelgate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.HFModelStatus;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.operator.decision.PolicyDecider;
import dev.modelgate.policies.shipped.ShippedPolicies;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: how long re-deciding N HFModels takes after one ModelPolicy edit, with the
 * shipped policies plus one switch policy (10 in all). Runs only when asked:
 *
 * <pre>
 * ./mvnw -B verify -pl operator -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=PolicyReevaluationBench -Dbench=true \
 *   [-Dbench.models=1000]
 * </pre>
 *
 * It prints the wall time from the policy edit until every model shows the new phase (as a watch
 * sees it), then until every phase-change Event is posted too, the time spent inside the policy
 * decider, the Hub requests made (expected: none) and the API requests made, by kind.
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
    // The bench watches like any client (one more watch, fed by the same writes) and counts in
    // its local cache; polling LISTs of 1,000 HFModels would load the API server it measures.
    try (SharedIndexInformer<HFModel> seen =
        client.resources(HFModel.class).inNamespace(NS).inform()) {
      long t0 = System.nanoTime();
      for (int i = 0; i < models; i++) {
        create("m" + i, new HFModelSpec("acme-ml/tiny-chat", null));
      }
      awaitAll(seen, models, Phase.Available);
      long initial = System.nanoTime() - t0;
      awaitEvents(models, "Available");

      hub.clearRequests();
      decideNanos.set(0);
      drainRequests();
      long cpu0 = processCpuNanos();
      long t1 = System.nanoTime();
      client.resource(switchPolicy(true)).update();
      awaitAll(seen, models, Phase.Quarantined);
      long reevaluate = System.nanoTime() - t1;
      long cpu = processCpuNanos() - cpu0;
      Map<String, Long> requests = drainRequests();
      awaitEvents(models, "Quarantined");
      long withEvents = System.nanoTime() - t1;

      int hubRequests = hub.requests().size();
      operator.close();
      operator = null;
      long readPatchFloor = statusWriteFloor(models, this::readAndPatch);
      long patchFloor = statusWriteFloor(models, this::patchOnly);

      System.out.printf(
          "BENCH policy re-evaluation: models=%d policies=10 initial(download+scan+decide)=%.2fs"
              + " re-evaluate=%.2fs (CPU of this JVM meanwhile, API server included: %.2fs)"
              + " (every Event posted too: %.2fs) decider=%.3fs"
              + " (%.1f us/model) hubRequests=%d API requests during re-evaluation=%s"
              + " floor without operator, 16 threads: read+JSON-patch each status=%.2fs,"
              + " one JSON patch each=%.2fs%n",
          models,
          initial / 1e9,
          reevaluate / 1e9,
          cpu / 1e9,
          withEvents / 1e9,
          decideNanos.get() / 1e9,
          decideNanos.get() / 1e3 / models,
          hubRequests,
          requests,
          readPatchFloor / 1e9,
          patchFloor / 1e9);
      assertThat(hubRequests).as("a policy change never touches the Hub").isZero();
    }
  }

  /** CPU time of this JVM (operator, API server, Hub and bench share it), all threads. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Takes the API server's recorded requests, counted by method and kind of path. */
  private Map<String, Long> drainRequests() throws InterruptedException {
    Map<String, Long> counts = new TreeMap<>();
    RecordedRequest r;
    while ((r = k8s.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      String path = r.getPath().replaceAll("\\?.*", "");
      String kind =
          path.endsWith("/status")
              ? "status"
              : path.contains("/events")
                  ? "events"
                  : path.contains("/hfmodels/")
                      ? "hfmodel"
                      : path.endsWith("/hfmodels") ? "hfmodels" : path;
      counts.merge(r.getMethod() + " " + kind, 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Status writes like the operator's, without the operator: the floor this API server puts under
   * any re-evaluation.
   */
  private long statusWriteFloor(int models, Consumer<String> write) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long t = System.nanoTime();
    for (int i = 0; i < models; i++) {
      String name = "m" + i;
      pool.submit(() -> write.accept(name));
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    return System.nanoTime() - t;
  }

  /** The write path before one-request status writes: GET, then a JSON patch computed from it. */
  private void readAndPatch(String name) {
    client
        .resources(HFModel.class)
        .inNamespace(NS)
        .withName(name)
        .editStatus(
            m -> {
              m.getStatus().setMessage("floor read+patch");
              return m;
            });
  }

  /** The operator's write path now: one JSON patch replacing the status (no read). */
  private void patchOnly(String name) {
    HFModelStatus status = new HFModelStatus();
    status.setPhase(Phase.Quarantined);
    status.setMessage("floor patch");
    HFModel target = new HFModel();
    target.getMetadata().setNamespace(NS);
    target.getMetadata().setName(name);
    client
        .resource(target)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON),
            client
                .getKubernetesSerialization()
                .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status))));
  }

  private static void awaitAll(SharedIndexInformer<HFModel> seen, int models, Phase phase) {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                seen.getStore().list().stream()
                    .filter(m -> m.getStatus() != null && m.getStatus().getPhase() == phase)
                    .count(),
            n -> n == models);
  }

  /** Waits until every model has an Event with this reason (posted off the reconcile path). */
  private void awaitEvents(int models, String reason) {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                client.v1().events().inNamespace(NS).list().getItems().stream()
                    .filter(e -> reason.equals(e.getReason()))
                    .map(e -> e.getInvolvedObject().getName())
                    .distinct()
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
