package dev.modelgate.operator.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim files of the store ({@code .modelgate/claims/<ns>/<hfmodel>.json}), read from disk once
 * per namespace and kept in memory, written through. Pruning a shared repo folder needs every claim
 * of its namespace, and after a policy edit every HFModel publishes or withdraws: reading all
 * claims from disk each time made that quadratic (1,000 models: a million file reads). The operator
 * is the store's only writer, and callers hold the store's namespace lock.
 */
final class ClaimFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimFiles.class);

  private final ObjectMapper json;
  private final Function<String, Path> dirOf;
  private final Map<String, Map<String, Claim>> byNamespace = new ConcurrentHashMap<>();
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

  /**
   * @param dirOf the claims folder of a namespace
   */
  ClaimFiles(ObjectMapper json, Function<String, Path> dirOf) {
    this.json = json;
    this.dirOf = dirOf;
  }

  Optional<Claim> get(String namespace, String name) throws IOException {
    return Optional.ofNullable(loaded(namespace).get(name));
  }

  /** All claims of a namespace (a live view: copy it before releasing the namespace lock). */
  Collection<Claim> all(String namespace) throws IOException {
    return loaded(namespace).values();
  }

  /** Writes the claim file (atomically, fsynced), then remembers it. */
  void put(String namespace, String name, Claim claim) throws IOException {
    Map<String, Claim> claims = loaded(namespace);
    AtomicFiles.write(file(namespace, name), json.writeValueAsBytes(claim));
    claims.put(name, claim);
  }

  /**
   * Deletes the claim file (also one that could not be read), then forgets it. Returns the claim
   * that was there. Withdrawing a model that published nothing (every re-decision of a Quarantined
   * model) touches no file.
   */
  Optional<Claim> remove(String namespace, String name) throws IOException {
    Map<String, Claim> claims = loaded(namespace);
    Claim known = claims.get(name);
    if (known != null || unreadable.remove(namespace + "/" + name)) {
      Files.deleteIfExists(file(namespace, name));
      claims.remove(name);
    }
    return Optional.ofNullable(known);
  }

  private Path file(String namespace, String name) {
    return dirOf.apply(namespace).resolve(ModelStore.checkName(name) + ".json");
  }

  private Map<String, Claim> loaded(String namespace) throws IOException {
    Map<String, Claim> claims = byNamespace.get(namespace);
    if (claims == null) {
      claims = read(namespace);
      byNamespace.put(namespace, claims);
    }
    return claims;
  }

  /** An unreadable claim is logged and skipped: the next publish of that HFModel rewrites it. */
  private Map<String, Claim> read(String namespace) throws IOException {
    Path dir = dirOf.apply(namespace);
    Map<String, Claim> out = new ConcurrentHashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : ds) {
        String file = p.getFileName().toString();
        try {
          out.put(
              file.substring(0, file.length() - ".json".length()),
              json.readValue(p.toFile(), Claim.class));
        } catch (IOException e) {
          LOG.warn("ignoring unreadable claim {}: {}", p, e.toString());
        }
      }
    }
    return out;
  }
}
