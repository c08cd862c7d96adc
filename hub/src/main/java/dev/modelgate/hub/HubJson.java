package dev.modelgate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Hub's JSON into records, leniently: unknown fields are ignored, missing optional ones
 * become null, and the security objects keep their raw JSON because their schema is not stable.
 */
final class HubJson {
  private HubJson() {}

  static ModelInfo modelInfo(JsonNode n) {
    List<RepoFile> siblings = new ArrayList<>();
    for (JsonNode s : n.path("siblings")) {
      String path = text(s, "rfilename");
      if (path == null) continue;
      JsonNode lfs = s.get("lfs");
      String sha = lfs != null ? text(lfs, "sha256") : null;
      long size = s.has("size") ? s.get("size").asLong(-1) : -1;
      if (lfs != null && lfs.has("size")) size = lfs.get("size").asLong(size);
      siblings.add(new RepoFile(path, size, text(s, "blobId"), sha, null));
    }
    List<String> tags = new ArrayList<>();
    for (JsonNode t : n.path("tags")) tags.add(t.asText());
    JsonNode gated = n.get("gated");
    String gatedText = gated == null || gated.isNull() ? "false" : gated.asText();
    JsonNode card = n.get("cardData");
    if (card == null || !card.isObject()) card = JsonNodeFactory.instance.objectNode();
    JsonNode sec = n.get("securityRepoStatus");
    return new ModelInfo(
        text(n, "id"),
        text(n, "sha"),
        text(n, "author"),
        n.path("private").asBoolean(false),
        gatedText,
        text(n, "lastModified"),
        List.copyOf(tags),
        text(n, "pipeline_tag"),
        text(n, "library_name"),
        card,
        List.copyOf(siblings),
        sec == null || !sec.isObject() ? null : repoSecurity(sec),
        n);
  }

  static SecurityRepoStatus repoSecurity(JsonNode n) {
    List<SecurityRepoStatus.FileIssue> issues = new ArrayList<>();
    for (JsonNode i : n.path("filesWithIssues")) {
      issues.add(new SecurityRepoStatus.FileIssue(text(i, "path"), text(i, "level")));
    }
    return new SecurityRepoStatus(n.path("scansDone").asBoolean(false), List.copyOf(issues), n);
  }

  /** A tree or paths-info entry; null for directories and unknown entry types. */
  static RepoFile treeFile(JsonNode e) {
    if (!"file".equals(text(e, "type"))) return null;
    String path = text(e, "path");
    if (path == null) return null;
    JsonNode lfs = e.get("lfs");
    String sha = null;
    long size = e.path("size").asLong(-1);
    if (lfs != null && lfs.isObject()) {
      sha = text(lfs, "oid");
      if (sha == null) sha = text(lfs, "sha256");
      if (lfs.has("size")) size = lfs.get("size").asLong(size);
    }
    JsonNode sec = e.get("securityFileStatus");
    return new RepoFile(
        path, size, text(e, "oid"), sha, sec == null || !sec.isObject() ? null : fileSecurity(sec));
  }

  static SecurityFileStatus fileSecurity(JsonNode n) {
    Map<String, String> scanners = new LinkedHashMap<>();
    n.properties()
        .forEach(
            f -> {
              if (f.getValue().isObject() && f.getValue().has("status")) {
                scanners.put(f.getKey(), f.getValue().get("status").asText());
              }
            });
    String status = text(n, "status");
    return new SecurityFileStatus(status == null ? "unscanned" : status, Map.copyOf(scanners), n);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
