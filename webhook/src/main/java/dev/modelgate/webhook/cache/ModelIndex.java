package dev.modelgate.webhook.cache;

import dev.modelgate.webhook.decide.ModelCatalog;
import dev.modelgate.webhook.decide.ModelRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory index the request path reads: HFModels by namespace/name and by namespace/repo.
 * Writers (informer events, one thread) replace whole immutable lists, so readers never lock.
 */
public final class ModelIndex implements ModelCatalog {

  private final Map<String, ModelRecord> byName = new ConcurrentHashMap<>();
  private final Map<String, List<ModelRecord>> byRepo = new ConcurrentHashMap<>();

  @Override
  public Optional<ModelRecord> byName(String namespace, String name) {
    return Optional.ofNullable(byName.get(nameKey(namespace, name)));
  }

  @Override
  public List<ModelRecord> byRepo(String namespace, String repo) {
    return byRepo.getOrDefault(repoKey(namespace, repo), List.of());
  }

  public int size() {
    return byName.size();
  }

  public synchronized void put(ModelRecord record) {
    ModelRecord old = byName.put(nameKey(record.namespace(), record.name()), record);
    if (old != null) removeFromRepo(old);
    byRepo.compute(
        repoKey(record.namespace(), record.repo()),
        (k, list) -> {
          List<ModelRecord> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
          next.add(record);
          return List.copyOf(next);
        });
  }

  public synchronized void remove(String namespace, String name) {
    ModelRecord old = byName.remove(nameKey(namespace, name));
    if (old != null) removeFromRepo(old);
  }

  private void removeFromRepo(ModelRecord old) {
    byRepo.computeIfPresent(
        repoKey(old.namespace(), old.repo()),
        (k, list) -> {
          List<ModelRecord> next = new ArrayList<>(list);
          next.removeIf(r -> r.name().equals(old.name()));
          return next.isEmpty() ? null : List.copyOf(next);
        });
  }

  private static String nameKey(String namespace, String name) {
    return namespace + '/' + name;
  }

  /** Hub repo ids are case-insensitive. */
  private static String repoKey(String namespace, String repo) {
    return namespace + '/' + repo.toLowerCase(Locale.ROOT);
  }
}
