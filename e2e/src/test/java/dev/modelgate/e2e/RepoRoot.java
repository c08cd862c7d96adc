package dev.modelgate.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root: from Maven's MODELGATE_REPO_ROOT, else the nearest parent with examples/.
 */
final class RepoRoot {
  private RepoRoot() {}

  static Path find() {
    String fromMaven = System.getenv("MODELGATE_REPO_ROOT");
    if (fromMaven != null && Files.isDirectory(Path.of(fromMaven, "examples"))) {
      return Path.of(fromMaven).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples").resolve("hub"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find examples/ above " + Path.of("").toAbsolutePath());
  }
}
