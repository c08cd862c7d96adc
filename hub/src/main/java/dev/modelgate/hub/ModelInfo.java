package dev.modelgate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A model's metadata at a resolved revision ({@code GET
 * /api/models/{repo}/revision/{rev}?blobs=true &securityStatus=true}).
 *
 * @param id the repo id {@code org/name}
 * @param sha the commit the revision resolved to
 * @param author the namespace, or null
 * @param isPrivate whether the repo is private
 * @param gated {@code "false"}, {@code "auto"} or {@code "manual"}
 * @param lastModified ISO-8601 text, or null
 * @param tags the Hub's tags (never null)
 * @param pipelineTag or null
 * @param libraryName or null
 * @param cardData README front matter as JSON (an empty object when absent)
 * @param siblings every file with size, blob id and LFS SHA-256 (never null)
 * @param securityStatus repo-level security summary, or null when the Hub sent none
 * @param raw the whole JSON answer, for fields not mapped here
 */
public record ModelInfo(
    String id,
    String sha,
    String author,
    boolean isPrivate,
    String gated,
    String lastModified,
    List<String> tags,
    String pipelineTag,
    String libraryName,
    JsonNode cardData,
    List<RepoFile> siblings,
    SecurityRepoStatus securityStatus,
    JsonNode raw) {

  /** True when the repo is gated (auto or manual approval). */
  public boolean isGated() {
    return gated != null && !"false".equals(gated);
  }
}
