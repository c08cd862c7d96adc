package dev.modelgate.webhook;

import dev.modelgate.webhook.decide.Decision;
import dev.modelgate.webhook.extract.WorkloadExtractor.WorkloadKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Prometheus metrics: {@code modelgate_webhook_decisions_total{result,kind}}, {@code
 * modelgate_webhook_request_duration_seconds} (histogram) and {@code
 * modelgate_webhook_rejected_requests_total{status}} for malformed or oversized bodies. The kind
 * label only takes known values, so callers cannot grow the series without bound. The ConfigMap
 * cache registers its {@code modelgate_webhook_configmap_cache_*} meters in the same registry.
 */
public final class WebhookMetrics {

  private static final Set<String> KNOWN_KINDS = knownKinds();

  private final PrometheusMeterRegistry registry;
  private final Timer latency;
  private final ConcurrentMap<String, Counter> decisions = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Counter> rejected = new ConcurrentHashMap<>();

  public WebhookMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public WebhookMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("modelgate.webhook.request.duration")
            .description("Time to answer one AdmissionReview, from body read to response built")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  public void decided(String kind, Decision.Result result, long nanos) {
    String k = KNOWN_KINDS.contains(kind) ? kind : "other";
    decisions
        .computeIfAbsent(
            k + "/" + result,
            key ->
                Counter.builder("modelgate.webhook.decisions")
                    .description("Admission decisions by result and kind")
                    .tag("result", result.label())
                    .tag("kind", k)
                    .register(registry))
        .increment();
    latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public void rejected(int status) {
    rejected
        .computeIfAbsent(
            status,
            s ->
                Counter.builder("modelgate.webhook.rejected.requests")
                    .description("Requests answered with an HTTP error (malformed, oversized)")
                    .tag("status", Integer.toString(s))
                    .register(registry))
        .increment();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }

  private static Set<String> knownKinds() {
    Set<String> kinds = new java.util.HashSet<>(Set.of("HFModel", "ModelPolicy"));
    for (WorkloadKind k : WorkloadKind.values()) kinds.add(k.kind);
    return Set.copyOf(kinds);
  }
}
