package dev.modelgate.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional per-repo file {@code DIR/<org>/<name>/.modelgate-hub.yaml} that says what the folder
 * itself cannot: access rules, extra revision names, and the Hub's security verdicts.
 *
 * <pre>{@code
 * gated: manual                # false (default) | auto | manual: files need an allowed token
 * private: false               # true: the repo is invisible without an allowed token
 * tokens: [hf_alice]           # tokens allowed to read a gated/private repo (empty: any token)
 * revisions: [v1.0, stable]    # more branch/tag names for the one commit ("main" always works)
 * formerNames: [old-org/old]   # requests for these redirect here, as renamed repos do
 * pipelineTag: text-generation
 * libraryName: transformers
 * tags: [safetensors]
 * lastModified: "2024-07-16T00:00:00.000Z"
 * security:
 *   scansDone: true
 *   files:                     # securityFileStatus per path, served as the Hub does
 *     model.bin:
 *       status: unsafe
 *       pickleImportScan: {status: unsafe, pickleImports: [{module: builtins, name: eval, safety: dangerous}]}
 * }</pre>
 */
public record RepoMetadata(
    String gated,
    boolean isPrivate,
    List<String> tokens,
    List<String> revisions,
    List<String> formerNames,
    String pipelineTag,
    String libraryName,
    List<String> tags,
    String lastModified,
    Boolean scansDone,
    Map<String, JsonNode> fileSecurity) {

  /** The file name looked for in each repo folder. */
  public static final String FILE_NAME = ".modelgate-hub.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final long MAX_BYTES = 1 << 20;

  /** A repo with no metadata file: public, ungated, only {@code main}, no security data. */
  public static final RepoMetadata NONE =
      new RepoMetadata(
          "false", false, List.of(), List.of(), List.of(), null, null, List.of(), null, null,
          Map.of());

  /** True when files need an allowed token. */
  public boolean isGated() {
    return !"false".equals(gated);
  }

  /** Reads the metadata of the repo folder {@code repoDir}, or {@link #NONE} if it has none. */
  public static RepoMetadata read(Path repoDir) throws IOException {
    Path f = repoDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) return NONE;
    if (Files.size(f) > MAX_BYTES) throw new IOException(f + " is larger than 1 MiB");
    JsonNode n;
    try {
      n = YAML.readTree(f.toFile());
    } catch (IOException e) {
      throw new IOException(f + " is not valid YAML: " + e.getMessage(), e);
    }
    if (n == null || n.isMissingNode() || n.isNull()) return NONE;
    if (!n.isObject()) throw new IOException(f + ": expected a mapping at the top");
    JsonNode gatedNode = n.path("gated");
    String gated =
        gatedNode.isMissingNode() || gatedNode.isNull() || gatedNode.asText().equals("false")
            ? "false"
            : gatedNode.asText();
    if (!gated.equals("false") && !gated.equals("auto") && !gated.equals("manual")) {
      if (gatedNode.isBoolean() && gatedNode.asBoolean()) gated = "auto";
      else throw new IOException(f + ": gated must be false, auto or manual, not " + gated);
    }
    JsonNode security = n.path("security");
    Map<String, JsonNode> files = new LinkedHashMap<>();
    security
        .path("files")
        .properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (v.isTextual()) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("status", v.asText());
                v = o;
              }
              files.put(e.getKey(), v);
            });
    return new RepoMetadata(
        gated,
        n.path("private").asBoolean(false),
        strings(n.path("tokens"), f, "tokens"),
        strings(n.path("revisions"), f, "revisions"),
        strings(n.path("formerNames"), f, "formerNames"),
        textOrNull(n.path("pipelineTag")),
        textOrNull(n.path("libraryName")),
        strings(n.path("tags"), f, "tags"),
        textOrNull(n.path("lastModified")),
        security.has("scansDone") ? security.get("scansDone").asBoolean() : null,
        Map.copyOf(files));
  }

  private static String textOrNull(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  private static List<String> strings(JsonNode n, Path f, String field) throws IOException {
    if (n.isMissingNode() || n.isNull()) return List.of();
    if (n.isTextual()) return List.of(n.asText());
    if (!n.isArray()) throw new IOException(f + ": " + field + " must be a list");
    List<String> out = new ArrayList<>();
    for (JsonNode v : n) out.add(v.asText());
    return List.copyOf(out);
  }
}
