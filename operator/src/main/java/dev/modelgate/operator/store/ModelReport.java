package dev.modelgate.operator.store;

import dev.modelgate.crds.Severity;
import dev.modelgate.operator.source.ModelFacts;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cached result of resolving, verifying and scanning one HFModel's files at one commit, kept in
 * the store as JSON ({@code .modelgate/reports/<namespace>/<name>.json}). A decision (and so a
 * ModelPolicy change) is re-evaluated from this alone: no download, no scan. It is reused while the
 * commit, the file selection and the scanner version stay the same.
 *
 * @param formatVersion {@link #FORMAT_VERSION}; older formats are ignored and rebuilt
 * @param repo the Hub repo id
 * @param revision the revision the spec asked for
 * @param commit the commit it resolved to
 * @param selection the spec's include globs (empty = every file)
 * @param scannerVersion the version of the scanner that produced {@code files}
 * @param createdAt when the scan finished (RFC 3339)
 * @param model the Hub's model info, for policies
 * @param card the README text (model card with its YAML front matter), or null; bounded
 * @param hub the Hub's own security verdict over the selected files
 * @param files every selected file with its scan result
 */
public record ModelReport(
    int formatVersion,
    String repo,
    String revision,
    String commit,
    List<String> selection,
    String scannerVersion,
    String createdAt,
    ModelFacts model,
    String card,
    HubSecurityView hub,
    List<ScannedFile> files) {
  /** The current on-disk format. */
  public static final int FORMAT_VERSION = 1;

  public ModelReport {
    selection = selection == null ? List.of() : List.copyOf(selection);
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** The highest severity over all files (NONE when there are none). */
  public Severity maxSeverity() {
    Severity max = Severity.NONE;
    for (ScannedFile f : files) {
      if (f.severity() != null && f.severity().compareTo(max) > 0) {
        max = f.severity();
      }
    }
    return max;
  }

  /** Finding counts by severity, over all files. */
  public Map<Severity, Integer> findingCounts() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (ScannedFile f : files) {
      f.findings().forEach(x -> counts.merge(x.severity(), 1, Integer::sum));
    }
    return counts;
  }

  /** Total bytes of the selected files. */
  public long totalBytes() {
    return files.stream().mapToLong(ScannedFile::size).sum();
  }
}
