package dev.modelgate.policies.input;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Hub's scans summarised as Cloudsmith's {@code model_security}: an availability, a summary
 * verdict and the details of every file that is not SAFE.
 *
 * @param availability COMPLETE (every file has a final verdict), PARTIAL, or UNAVAILABLE (no data)
 * @param scanSummary the highest per-file verdict
 * @param perFile each selected file's verdict, in file order
 * @param details the raw scanner objects of each file that is not SAFE
 */
public record HubSecuritySummary(
    String availability,
    HubVerdict scanSummary,
    Map<String, HubVerdict> perFile,
    List<Map<String, Object>> details) {

  /** Summarises the Hub's data over the files the model uses. */
  public static HubSecuritySummary of(HubSecurityData hub, List<String> paths) {
    Map<String, HubSecurityData.FileStatus> byPath = new HashMap<>();
    for (HubSecurityData.FileStatus f : hub.files()) {
      byPath.put(f.path(), f);
    }
    Set<String> flagged = Set.copyOf(hub.filesWithIssues());
    Map<String, HubVerdict> perFile = new LinkedHashMap<>();
    List<Map<String, Object>> details = new ArrayList<>();
    int judged = 0;
    HubVerdict summary = HubVerdict.SAFE;
    for (String path : paths) {
      HubSecurityData.FileStatus status = byPath.get(path);
      HubVerdict verdict =
          status == null ? HubVerdict.UNKNOWN : HubVerdict.fromHubStatus(status.status());
      if (flagged.contains(path)) {
        verdict = HubVerdict.UNSAFE; // the repo-level list wins over a stale per-file "safe"
      }
      if (status != null || flagged.contains(path)) {
        judged += verdict.isFinal() ? 1 : 0;
      }
      perFile.put(path, verdict);
      if (verdict.compareTo(summary) > 0) {
        summary = verdict;
      }
      if (verdict != HubVerdict.SAFE) {
        details.add(detail(path, verdict, status));
      }
    }
    boolean anyData = !hub.files().isEmpty() || !hub.filesWithIssues().isEmpty();
    String availability;
    if (!anyData) {
      availability = "UNAVAILABLE";
      summary = paths.isEmpty() ? HubVerdict.UNKNOWN : summary;
    } else if (judged == paths.size()) {
      availability = "COMPLETE";
    } else {
      availability = judged == 0 ? "UNAVAILABLE" : "PARTIAL";
    }
    return new HubSecuritySummary(availability, summary, perFile, details);
  }

  private static Map<String, Object> detail(
      String path, HubVerdict verdict, HubSecurityData.FileStatus status) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("path", path);
    d.put("status", verdict.name());
    if (status != null) {
      // Cloudsmith's names for the Hub's scanner objects.
      putIfPresent(d, "clamav", status.scanners().get("avScan"));
      putIfPresent(d, "pickle", status.scanners().get("pickleImportScan"));
      putIfPresent(d, "jfrog", status.scanners().get("jFrogScan"));
      putIfPresent(d, "protect_ai", status.scanners().get("protectAiScan"));
      putIfPresent(d, "virus_total", status.scanners().get("virusTotalScan"));
    }
    return d;
  }

  private static void putIfPresent(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
