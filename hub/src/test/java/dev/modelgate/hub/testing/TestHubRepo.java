package dev.modelgate.hub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a repo folder for {@code HubServer} in tests (of any module, via the hub test-jar):
 *
 * <pre>{@code
 * Path hubRoot = tempDir.resolve("hub");
 * TestHubRepo.in(hubRoot, "org/model")
 *     .file("config.json", "{}")
 *     .file("model.safetensors", bytes)
 *     .metadata("gated: manual\ntokens: [hf_ok]\n")
 *     .write();
 * try (HubServer hub = HubServer.builder(hubRoot).start()) { ... }
 * }</pre>
 */
public final class TestHubRepo {
  private final Path hubRoot;
  private final String repoId;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private String metadataYaml;

  private TestHubRepo(Path hubRoot, String repoId) {
    if (!repoId.matches("[A-Za-z0-9_.\\-]+/[A-Za-z0-9_.\\-]+")) {
      throw new IllegalArgumentException("repo id must be org/name: " + repoId);
    }
    this.hubRoot = hubRoot;
    this.repoId = repoId;
  }

  /** A repo {@code repoId} ({@code org/name}) under the hub folder {@code hubRoot}. */
  public static TestHubRepo in(Path hubRoot, String repoId) {
    return new TestHubRepo(hubRoot, repoId);
  }

  /** Writes a repo with {@code files} (path → content) and returns its folder. */
  public static Path create(Path hubRoot, String repoId, Map<String, byte[]> files)
      throws IOException {
    return in(hubRoot, repoId).files(files).write();
  }

  /** Adds a file ({@code /}-separated path inside the repo). */
  public TestHubRepo file(String path, byte[] content) {
    files.put(path, content.clone());
    return this;
  }

  /** Adds a UTF-8 text file. */
  public TestHubRepo file(String path, String text) {
    return file(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds several files. */
  public TestHubRepo files(Map<String, byte[]> more) {
    more.forEach(this::file);
    return this;
  }

  /** Sets the repo's {@code .modelgate-hub.yaml} (see {@code RepoMetadata}). */
  public TestHubRepo metadata(String yaml) {
    this.metadataYaml = yaml;
    return this;
  }

  /** Writes everything and returns the repo folder. */
  public Path write() throws IOException {
    Path dir = hubRoot.resolve(repoId);
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path f = dir.resolve(e.getKey()).normalize();
      if (!f.startsWith(dir))
        throw new IllegalArgumentException("path escapes repo: " + e.getKey());
      Files.createDirectories(f.getParent());
      Files.write(f, e.getValue());
    }
    if (metadataYaml != null) {
      Files.writeString(dir.resolve(".modelgate-hub.yaml"), metadataYaml);
    }
    return dir;
  }
}
