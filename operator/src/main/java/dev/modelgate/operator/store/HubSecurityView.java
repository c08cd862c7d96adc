package dev.modelgate.operator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * The Hub's own scanners' verdict on the selected files, summarised the way Cloudsmith reports it
 * (hfhub-api.md §4.7): per-file {@code safe → SAFE}, {@code queued → QUEUED}, {@code
 * unscanned/error/absent → UNKNOWN}, anything else ({@code caution}, {@code suspicious}, {@code
 * unsafe}, unknown words) {@code → UNSAFE}; the summary is the worst of them (UNSAFE > UNKNOWN >
 * QUEUED > SAFE); availability is COMPLETE when every file has a final verdict, PARTIAL when only
 * some do, UNAVAILABLE when none does.
 *
 * @param availability COMPLETE, PARTIAL or UNAVAILABLE
 * @param scanSummary SAFE, QUEUED, UNKNOWN or UNSAFE
 * @param repoStatus the repo-level status as received, or null
 */
public record HubSecurityView(String availability, String scanSummary, JsonNode repoStatus) {
  public HubSecurityView {
    repoStatus = repoStatus == null || repoStatus.isNull() ? null : repoStatus;
  }

  /** Summarises the per-file statuses of {@code files} (each file's {@code hubSecurity}). */
  public static HubSecurityView summarise(List<ScannedFile> files, JsonNode repoStatus) {
    int finalVerdicts = 0;
    String worst = "SAFE";
    for (ScannedFile f : files) {
      String v = verdict(f.hubSecurity());
      if (!v.equals("UNKNOWN") && !v.equals("QUEUED")) {
        finalVerdicts++;
      }
      if (rank(v) > rank(worst)) {
        worst = v;
      }
    }
    // Files the Hub flagged at repo level count as UNSAFE even if per-file data is missing.
    if (repoStatus != null && repoStatus.path("filesWithIssues").size() > 0) {
      worst = "UNSAFE";
    }
    String availability =
        files.isEmpty() || finalVerdicts == 0
            ? "UNAVAILABLE"
            : finalVerdicts == files.size() ? "COMPLETE" : "PARTIAL";
    if (files.isEmpty()) {
      worst = "UNKNOWN";
    }
    return new HubSecurityView(availability, worst, repoStatus);
  }

  /** The Cloudsmith-style verdict for one file's {@code securityFileStatus}. */
  public static String verdict(JsonNode fileStatus) {
    if (fileStatus == null || fileStatus.isNull() || fileStatus.isMissingNode()) {
      return "UNKNOWN";
    }
    String status = fileStatus.path("status").asText("unscanned").toLowerCase(Locale.ROOT);
    return switch (status) {
      case "safe" -> "SAFE";
      case "queued" -> "QUEUED";
      case "unscanned", "error", "" -> "UNKNOWN";
      default -> "UNSAFE";
    };
  }

  private static int rank(String verdict) {
    return switch (verdict) {
      case "UNSAFE" -> 3;
      case "UNKNOWN" -> 2;
      case "QUEUED" -> 1;
      default -> 0;
    };
  }
}
