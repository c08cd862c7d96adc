package dev.modelgate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The Hub's repo-level security summary ({@code securityRepoStatus}).
 *
 * @param scansDone whether the Hub finished scanning (a measure of completeness, not a verdict)
 * @param filesWithIssues every file the Hub flagged, with its level (unsafe, caution, suspicious,
 *     or an unknown level, which callers should treat as an issue too)
 * @param raw the JSON object as received
 */
public record SecurityRepoStatus(boolean scansDone, List<FileIssue> filesWithIssues, JsonNode raw) {

  /** One flagged file. */
  public record FileIssue(String path, String level) {}
}
