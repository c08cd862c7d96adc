package dev.modelgate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The Hub's per-file security verdict ({@code securityFileStatus}), parsed leniently: the schema is
 * not stable, so the raw JSON is kept for decision logs.
 *
 * @param status overall verdict: unscanned, safe, queued, error, caution, suspicious, unsafe (or a
 *     value the Hub adds later), never null ({@code "unscanned"} when absent)
 * @param scannerStatuses each scanner object's {@code status}, by scanner key ({@code avScan},
 *     {@code pickleImportScan}, {@code protectAiScan}, {@code jFrogScan}, ...)
 * @param raw the JSON object as received
 */
public record SecurityFileStatus(String status, Map<String, String> scannerStatuses, JsonNode raw) {

  /** True only for an explicit {@code safe} verdict; unscanned or queued is no evidence. */
  public boolean isSafe() {
    return "safe".equals(status);
  }
}
