package dev.modelgate.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON shapes the Hub answers with, built from a {@link RepoSnapshot}. */
final class ModelJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern FRONT_MATTER =
      Pattern.compile(
          "^(\\s*---(?:\\r\\n|\\r|\\n))([\\S\\s]*?)((?:\\r\\n|\\r|\\n)---[ \\t]*(\\r\\n|\\n|$))");
  private static final long MAX_README = 1 << 20;

  /** Verdicts that are not an issue: everything else counts, including levels we do not know. */
  private static final Set<String> NOT_ISSUES = Set.of("safe", "unscanned", "queued", "error");

  private ModelJson() {}

  static ObjectNode modelInfo(RepoSnapshot s, boolean blobs, boolean security) {
    RepoMetadata m = s.metadata();
    ObjectNode n = F.objectNode();
    n.put("_id", s.commit().substring(0, 24));
    n.put("id", s.id());
    n.put("modelId", s.id());
    n.put("author", s.id().substring(0, s.id().indexOf('/')));
    n.put("sha", s.commit());
    n.put("lastModified", lastModified(s));
    n.put("createdAt", "2022-03-02T23:29:04.000Z");
    n.put("private", m.isPrivate());
    if (m.isGated()) n.put("gated", m.gated());
    else n.put("gated", false);
    n.put("disabled", false);
    n.put("downloads", 0);
    n.put("likes", 0);
    ArrayNode tags = n.putArray("tags");
    m.tags().forEach(tags::add);
    if (m.pipelineTag() != null) n.put("pipeline_tag", m.pipelineTag());
    if (m.libraryName() != null) n.put("library_name", m.libraryName());
    JsonNode card = cardData(s);
    if (card != null) n.set("cardData", card);
    ArrayNode siblings = n.putArray("siblings");
    for (RepoSnapshot.FileEntry f : s.files().values()) {
      ObjectNode e = siblings.addObject().put("rfilename", f.path());
      if (blobs) {
        e.put("size", f.size());
        e.put("blobId", f.blobId());
        if (f.isLfs()) {
          e.putObject("lfs")
              .put("sha256", f.sha256())
              .put("size", f.size())
              .put("pointerSize", f.pointerSize());
        }
      }
    }
    if (security) n.set("securityRepoStatus", repoSecurity(s));
    return n;
  }

  static ObjectNode repoSecurity(RepoSnapshot s) {
    RepoMetadata m = s.metadata();
    ObjectNode n = F.objectNode();
    boolean allFinal =
        !m.fileSecurity().isEmpty()
            && s.files().keySet().stream()
                .allMatch(
                    p -> {
                      JsonNode v = m.fileSecurity().get(p);
                      String st = v == null ? "unscanned" : v.path("status").asText("unscanned");
                      return !st.equals("unscanned") && !st.equals("queued");
                    });
    n.put("scansDone", m.scansDone() != null ? m.scansDone() : allFinal);
    ArrayNode issues = n.putArray("filesWithIssues");
    m.fileSecurity()
        .forEach(
            (path, v) -> {
              String st = v.path("status").asText("unscanned");
              if (!NOT_ISSUES.contains(st) && s.files().containsKey(path)) {
                issues.addObject().put("path", path).put("level", st);
              }
            });
    return n;
  }

  static ObjectNode fileEntry(RepoSnapshot s, RepoSnapshot.FileEntry f, boolean expand) {
    ObjectNode e = F.objectNode();
    e.put("type", "file");
    e.put("oid", f.blobId());
    e.put("size", f.size());
    e.put("path", f.path());
    if (f.isLfs()) {
      e.putObject("lfs")
          .put("oid", f.sha256())
          .put("size", f.size())
          .put("pointerSize", f.pointerSize());
    }
    if (expand) {
      e.set("lastCommit", lastCommit(s));
      JsonNode sec = s.metadata().fileSecurity().get(f.path());
      if (sec != null) e.set("securityFileStatus", sec);
    }
    return e;
  }

  static ObjectNode directoryEntry(RepoSnapshot s, String path, boolean expand) {
    ObjectNode e = F.objectNode();
    e.put("type", "directory");
    e.put("oid", s.directories().get(path));
    e.put("size", 0);
    e.put("path", path);
    if (expand) e.set("lastCommit", lastCommit(s));
    return e;
  }

  private static ObjectNode lastCommit(RepoSnapshot s) {
    return F.objectNode()
        .put("id", s.commit())
        .put("title", "Snapshot")
        .put("date", lastModified(s));
  }

  static String lastModified(RepoSnapshot s) {
    if (s.metadata().lastModified() != null) return s.metadata().lastModified();
    return Instant.ofEpochMilli(s.lastModifiedMillis() / 1000 * 1000).toString();
  }

  /** README.md front matter as JSON, as the Hub's {@code cardData}; null when absent or invalid. */
  static JsonNode cardData(RepoSnapshot s) {
    RepoSnapshot.FileEntry readme = s.files().get("README.md");
    if (readme == null || readme.size() > MAX_README) return null;
    try {
      String text = new String(Files.readAllBytes(readme.file()), StandardCharsets.UTF_8);
      Matcher m = FRONT_MATTER.matcher(text);
      if (!m.find()) return null;
      JsonNode n = YAML.readTree(m.group(2));
      if (n == null || n.isMissingNode() || n.isNull()) return F.objectNode();
      return n.isObject() ? n : null;
    } catch (IOException | RuntimeException e) {
      return null; // a broken card is the consumer's finding, not a server error
    }
  }
}
