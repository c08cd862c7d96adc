package dev.modelgate.operator.hfmodel;

import dev.modelgate.operator.OperatorConfig;
import dev.modelgate.operator.decision.ModelDecider;
import dev.modelgate.operator.scan.FileScanner;
import dev.modelgate.operator.source.ModelSource;
import dev.modelgate.operator.store.ModelStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/** Assembles the HFModel reconciler from its collaborators (the only public way to build one). */
public final class HFModelController {
  private HFModelController() {}

  /**
   * Builds the reconciler.
   *
   * @param downloads the shared, bounded pool files are downloaded on
   * @param scans the shared, bounded pool files are scanned on
   * @param eventPoster the bounded pool Kubernetes Events are posted on (a rejected event is
   *     dropped)
   */
  public static HFModelReconciler create(
      KubernetesClient client,
      OperatorConfig config,
      ModelStore store,
      ModelSource source,
      FileScanner scanner,
      ModelDecider decider,
      ExecutorService downloads,
      ExecutorService scans,
      Executor eventPoster,
      Clock clock) {
    StatusWriter writer = new StatusWriter(client, config.useSsa());
    ModelEvents events = new ModelEvents(client, clock, eventPoster);
    ModelPipeline pipeline =
        new ModelPipeline(
            source, scanner, store, downloads, scans, config.progressInterval(), clock);
    ModelProcessor processor =
        new ModelProcessor(
            pipeline, store, decider, new TokenReader(client), writer, events, config, clock);
    return new HFModelReconciler(client, processor, writer, events, store);
  }
}
