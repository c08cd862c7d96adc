package dev.modelgate.webhook.cache;

import dev.modelgate.webhook.extract.ConfigMapSource;
import dev.modelgate.webhook.extract.ConfigMapView;
import dev.modelgate.webhook.extract.ConfigMapView.Lookup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link ConfigMapSource}: a ConfigMap is fetched with one GET when an admitted
 * workload references it, and kept for a short TTL in a cache bounded in entries, bytes per value
 * and total bytes.
 *
 * <p>Why GET plus a cache rather than a cluster-wide ConfigMap informer like the HFModel one: an
 * informer holds every ConfigMap of every namespace in the webhook's heap, in each replica (CA
 * bundles, dashboards, operator state, {@code kube-root-ca.crt} in every namespace: easily hundreds
 * of megabytes on a big cluster), and needs {@code list}/{@code watch} on all of them, while only
 * the few ConfigMaps that model workloads take their environment from matter. GET plus a bounded
 * cache keeps memory to the caps and the permission to {@code get}. The price is one API call on a
 * miss, bounded by a short request timeout, and up to one TTL of staleness; an edit after admission
 * is not seen either way (the threat model lists it).
 *
 * <p>Answers are never exceptions: an API error or timeout, a forbidden read, or a value over the
 * cap is {@link ConfigMapView.Unreadable}, which the extractor turns into a violation. Errors are
 * remembered briefly so an unavailable API server is not asked again by every admission.
 */
public final class ConfigMapCache implements ConfigMapSource {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapCache.class);

  /** A DNS subdomain, as Kubernetes requires of ConfigMap names; anything else is never fetched. */
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /**
   * How long an error or an absence is remembered (at most the TTL): long enough to spare the API
   * server a burst, short enough that creating a missing ConfigMap (or an API server recovering)
   * unblocks the workload within seconds.
   */
  static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

  /**
   * @param ttl how long a fetched ConfigMap (or its absence) is reused
   * @param maxEntries ConfigMaps (and absences) kept at most
   * @param maxValueBytes a ConfigMap with a larger {@code data} value (UTF-8) is unreadable
   * @param maxTotalBytes keys and values kept at most, over all entries
   * @param requestTimeout one GET's timeout
   * @param admissionBudget time all GETs of one admission may take together; past it, uncached
   *     ConfigMaps are unreadable, so the answer beats the API server's webhook timeout (5 s in the
   *     chart) and is a clear denial rather than a timeout
   */
  public record Limits(
      Duration ttl,
      int maxEntries,
      int maxValueBytes,
      long maxTotalBytes,
      Duration requestTimeout,
      Duration admissionBudget) {

    public static final Limits DEFAULT =
        new Limits(
            Duration.ofSeconds(15),
            2048,
            256 * 1024,
            32L * 1024 * 1024,
            Duration.ofSeconds(2),
            Duration.ofSeconds(3));
  }

  /** Reads one ConfigMap's {@code data}; null when it does not exist. */
  @FunctionalInterface
  public interface Fetcher {
    Map<String, String> fetch(String namespace, String name) throws Exception;
  }

  private record Entry(Lookup lookup, long bytes, long expiresAt) {}

  private final Fetcher fetcher;
  private final Limits limits;
  private final LongSupplier nanoClock;
  private final Counter hits;
  private final Counter misses;
  private final Counter errors;

  /** Least recently used first; guarded by {@code this}. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  private long totalBytes;

  /**
   * @param registry where {@code modelgate_webhook_configmap_cache_{hits,misses,errors}_total} and
   *     the {@code entries}/{@code bytes} gauges go (the webhook's registry)
   */
  public ConfigMapCache(
      Fetcher fetcher, Limits limits, MeterRegistry registry, LongSupplier nanoClock) {
    this.fetcher = fetcher;
    this.limits = limits;
    this.nanoClock = nanoClock;
    this.hits =
        Counter.builder("modelgate.webhook.configmap.cache.hits")
            .description("ConfigMap lookups answered from the webhook's cache")
            .register(registry);
    this.misses =
        Counter.builder("modelgate.webhook.configmap.cache.misses")
            .description("ConfigMap lookups that needed a GET from the API server")
            .register(registry);
    this.errors =
        Counter.builder("modelgate.webhook.configmap.cache.errors")
            .description("ConfigMap GETs that failed, timed out or exceeded a size cap")
            .register(registry);
    Gauge.builder("modelgate.webhook.configmap.cache.entries", this, c -> c.size())
        .description("ConfigMaps (and known absences) in the webhook's cache")
        .register(registry);
    Gauge.builder("modelgate.webhook.configmap.cache.bytes", this, c -> c.bytes())
        .description("Bytes of ConfigMap keys and values in the webhook's cache")
        .register(registry);
  }

  /**
   * A fetcher doing GETs through {@code client} with {@code limits}' request timeout and no
   * retries: on the admission path an answer soon beats an answer eventually.
   */
  public static Fetcher fabric8(
      io.fabric8.kubernetes.client.KubernetesClient client, Limits limits) {
    io.fabric8.kubernetes.client.KubernetesClient quick =
        client
            .newClient(
                new io.fabric8.kubernetes.client.RequestConfigBuilder(
                        client.getConfiguration().getRequestConfig())
                    .withRequestTimeout((int) limits.requestTimeout().toMillis())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .adapt(io.fabric8.kubernetes.client.KubernetesClient.class);
    return (namespace, name) -> {
      io.fabric8.kubernetes.api.model.ConfigMap cm =
          quick.configMaps().inNamespace(namespace).withName(name).get();
      if (cm == null) return null;
      return cm.getData() == null ? Map.of() : cm.getData();
    };
  }

  /** One admission's view: its GETs share {@link Limits#admissionBudget()}. */
  @Override
  public ConfigMapView in(String namespace) {
    long deadline = nanoClock.getAsLong() + limits.admissionBudget().toNanos();
    return name -> get(namespace, name, deadline);
  }

  Lookup get(String namespace, String name, long deadline) {
    if (!NAME.matcher(name).matches() || name.length() > 253) {
      return new ConfigMapView.Unreadable("not a valid ConfigMap name");
    }
    String key = namespace + '/' + name;
    long now = nanoClock.getAsLong();
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null && now - e.expiresAt() < 0) {
        hits.increment();
        return e.lookup();
      }
      if (e != null) remove(key);
    }
    if (now - deadline >= 0) {
      errors.increment();
      return new ConfigMapView.Unreadable(
          "ConfigMap reads for this admission took over "
              + limits.admissionBudget().toMillis()
              + " ms");
    }
    misses.increment();
    Lookup answer = fetch(namespace, name);
    long ttl =
        answer instanceof ConfigMapView.Found
            ? limits.ttl().toNanos()
            : Math.min(NEGATIVE_TTL.toNanos(), limits.ttl().toNanos());
    put(key, answer, nanoClock.getAsLong() + ttl);
    return answer;
  }

  private Lookup fetch(String namespace, String name) {
    Map<String, String> data;
    try {
      data = fetcher.fetch(namespace, name);
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      errors.increment();
      String reason = describe(e);
      LOG.warn("could not read ConfigMap {}/{}: {}", namespace, name, reason);
      return new ConfigMapView.Unreadable(reason);
    }
    if (data == null) return new ConfigMapView.Missing();
    for (Map.Entry<String, String> d : data.entrySet()) {
      String v = d.getValue() == null ? "" : d.getValue();
      if (v.length() > limits.maxValueBytes() || utf8Length(v) > limits.maxValueBytes()) {
        errors.increment();
        return new ConfigMapView.Unreadable(
            "a value is larger than the webhook's cap of " + limits.maxValueBytes() + " bytes");
      }
    }
    Map<String, String> copy = new LinkedHashMap<>();
    data.forEach((k, v) -> copy.put(k, v == null ? "" : v));
    return new ConfigMapView.Found(copy);
  }

  /** One line, no values: the API's status code and reason, or the exception's kind. */
  private String describe(Exception e) {
    if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() > 0) {
      return "API server answered " + k.getCode();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t instanceof java.net.http.HttpTimeoutException
          || t instanceof java.io.InterruptedIOException) {
        return "no answer within " + limits.requestTimeout().toMillis() + " ms";
      }
      if (t instanceof java.net.ConnectException) return "API server unreachable";
    }
    return "API request failed: " + e.getClass().getSimpleName();
  }

  private synchronized void put(String key, Lookup lookup, long expiresAt) {
    long bytes = key.length() + 64L;
    if (lookup instanceof ConfigMapView.Found f) {
      for (Map.Entry<String, String> d : f.data().entrySet()) {
        bytes += utf8Length(d.getKey()) + utf8Length(d.getValue());
      }
    }
    if (bytes > limits.maxTotalBytes()) return;
    remove(key);
    entries.put(key, new Entry(lookup, bytes, expiresAt));
    totalBytes += bytes;
    Iterator<Map.Entry<String, Entry>> lru = entries.entrySet().iterator();
    while ((entries.size() > limits.maxEntries() || totalBytes > limits.maxTotalBytes())
        && lru.hasNext()) {
      totalBytes -= lru.next().getValue().bytes();
      lru.remove();
    }
  }

  private void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) totalBytes -= old.bytes();
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long bytes() {
    return totalBytes;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) n++;
      else if (c < 0x800) n += 2;
      else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }
}
