package dev.modelgate.webhook.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.webhook.extract.ConfigMapView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConfigMapCacheTest {

  final Map<String, Map<String, String>> cluster = new HashMap<>();
  final List<String> gets = new ArrayList<>();
  final AtomicLong now = new AtomicLong();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  boolean apiDown;

  final ConfigMapCache.Fetcher fetcher =
      (ns, name) -> {
        gets.add(ns + "/" + name);
        if (apiDown) throw new SocketTimeoutException("read timed out");
        return cluster.get(ns + "/" + name);
      };

  ConfigMapCache cache(ConfigMapCache.Limits limits) {
    return new ConfigMapCache(fetcher, limits, registry, now::get);
  }

  static ConfigMapCache.Limits limits(int entries, int valueBytes, long totalBytes) {
    return new ConfigMapCache.Limits(
        Duration.ofSeconds(10),
        entries,
        valueBytes,
        totalBytes,
        Duration.ofMillis(500),
        Duration.ofSeconds(1));
  }

  double count(String name) {
    return registry.get("modelgate.webhook.configmap.cache." + name).counter().count();
  }

  @Test
  void secondLookupWithinTheTtlIsAHitAndAfterItAMiss() {
    cluster.put("ml/cfg", Map.of("HF_MODEL_ID", "org/a"));
    ConfigMapCache cache = cache(ConfigMapCache.Limits.DEFAULT);
    assertThat(cache.in("ml").get("cfg"))
        .isEqualTo(new ConfigMapView.Found(Map.of("HF_MODEL_ID", "org/a")));
    cluster.put("ml/cfg", Map.of("HF_MODEL_ID", "org/b"));
    now.addAndGet(Duration.ofSeconds(14).toNanos());
    assertThat(cache.in("ml").get("cfg"))
        .isEqualTo(new ConfigMapView.Found(Map.of("HF_MODEL_ID", "org/a")));
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cache.in("ml").get("cfg"))
        .isEqualTo(new ConfigMapView.Found(Map.of("HF_MODEL_ID", "org/b")));
    assertThat(gets).containsExactly("ml/cfg", "ml/cfg");
    assertThat(count("hits")).isEqualTo(1);
    assertThat(count("misses")).isEqualTo(2);
  }

  @Test
  void namespacesAreSeparateAndAbsenceIsCachedToo() {
    cluster.put("a/cfg", Map.of("k", "v"));
    ConfigMapCache cache = cache(ConfigMapCache.Limits.DEFAULT);
    assertThat(cache.in("a").get("cfg")).isInstanceOf(ConfigMapView.Found.class);
    assertThat(cache.in("b").get("cfg")).isInstanceOf(ConfigMapView.Missing.class);
    assertThat(cache.in("b").get("cfg")).isInstanceOf(ConfigMapView.Missing.class);
    assertThat(gets).containsExactly("a/cfg", "b/cfg");
    // Created after a denial: seen within the short negative TTL, not the full one.
    cluster.put("b/cfg", Map.of());
    now.addAndGet(ConfigMapCache.NEGATIVE_TTL.toNanos() + 1);
    assertThat(cache.in("b").get("cfg")).isInstanceOf(ConfigMapView.Found.class);
    assertThat(cache.in("a").get("cfg")).isInstanceOf(ConfigMapView.Found.class);
    assertThat(gets).containsExactly("a/cfg", "b/cfg", "b/cfg");
  }

  @Test
  void errorsAreUnreadableCountedAndRetriedSoon() {
    apiDown = true;
    ConfigMapCache cache = cache(ConfigMapCache.Limits.DEFAULT);
    ConfigMapView.Lookup first = cache.in("ml").get("cfg");
    assertThat(first).isInstanceOf(ConfigMapView.Unreadable.class);
    assertThat(((ConfigMapView.Unreadable) first).reason()).isEqualTo("no answer within 2000 ms");
    assertThat(cache.in("ml").get("cfg")).isEqualTo(first);
    apiDown = false;
    cluster.put("ml/cfg", Map.of());
    now.addAndGet(ConfigMapCache.NEGATIVE_TTL.toNanos() + 1);
    assertThat(cache.in("ml").get("cfg")).isInstanceOf(ConfigMapView.Found.class);
    assertThat(count("errors")).isEqualTo(1);
    assertThat(gets).hasSize(2);
  }

  @Test
  void aValueOverTheCapMakesTheConfigMapUnreadableNotSilentlyShorter() {
    cluster.put("ml/big", Map.of("HF_MODEL_ID", "org/a", "blob", "x".repeat(101)));
    cluster.put("ml/wide", Map.of("v", "é".repeat(51)));
    cluster.put("ml/fits", Map.of("v", "x".repeat(100)));
    ConfigMapView ml = cache(limits(10, 100, 10_000)).in("ml");
    assertThat(ml.get("big"))
        .isEqualTo(
            new ConfigMapView.Unreadable("a value is larger than the webhook's cap of 100 bytes"));
    assertThat(ml.get("wide")).isInstanceOf(ConfigMapView.Unreadable.class);
    assertThat(ml.get("fits")).isInstanceOf(ConfigMapView.Found.class);
    assertThat(count("errors")).isEqualTo(2);
  }

  @Test
  void entriesAndBytesStayWithinTheirCapsLeastRecentlyUsedGoingFirst() {
    for (int i = 0; i < 10; i++) cluster.put("ml/cm" + i, Map.of("k", "x".repeat(100)));
    ConfigMapCache cache = cache(limits(3, 1000, 1_000_000));
    ConfigMapView ml = cache.in("ml");
    ml.get("cm0");
    ml.get("cm1");
    ml.get("cm2");
    ml.get("cm0"); // cm1 is now the least recently used
    ml.get("cm3");
    assertThat(cache.size()).isEqualTo(3);
    gets.clear();
    ml.get("cm0");
    ml.get("cm1");
    assertThat(gets).containsExactly("ml/cm1");

    ConfigMapCache small = cache(limits(100, 1000, 600));
    for (int i = 0; i < 10; i++) small.in("ml").get("cm" + i);
    assertThat(small.bytes()).isLessThanOrEqualTo(600).isPositive();
    assertThat(small.size()).isBetween(1, 4);
  }

  @Test
  void namesThatAreNotConfigMapNamesAreNeverFetched() {
    ConfigMapView ml = cache(ConfigMapCache.Limits.DEFAULT).in("ml");
    for (String bad : List.of("", "../secrets/x", "UPPER", "a/b", "x".repeat(254))) {
      assertThat(ml.get(bad)).isInstanceOf(ConfigMapView.Unreadable.class);
    }
    assertThat(gets).isEmpty();
  }

  @Test
  void oneAdmissionsGetsShareATimeBudgetCachedAnswersStillCount() {
    cluster.put("ml/a", Map.of());
    cluster.put("ml/b", Map.of());
    ConfigMapCache cache = cache(limits(10, 100, 10_000));
    cache.in("ml").get("a");
    ConfigMapView slow = cache.in("ml");
    now.addAndGet(Duration.ofMillis(1500).toNanos());
    assertThat(slow.get("a")).isInstanceOf(ConfigMapView.Found.class);
    assertThat(slow.get("b"))
        .isEqualTo(
            new ConfigMapView.Unreadable("ConfigMap reads for this admission took over 1000 ms"));
    assertThat(cache.in("ml").get("b")).isInstanceOf(ConfigMapView.Found.class);
    assertThat(gets).containsExactly("ml/a", "ml/b");
  }
}
