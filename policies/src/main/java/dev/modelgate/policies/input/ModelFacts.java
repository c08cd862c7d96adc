package dev.modelgate.policies.input;

import dev.modelgate.policies.card.ModelCard;
import dev.modelgate.scanner.FileReport;
import java.util.List;
import java.util.Objects;

/**
 * Everything known about one model at one commit, gathered by the operator (or the CLI) before
 * policies run. Kept free of Hub-client and Kubernetes types so that the policy engine can be fed
 * from a cached scan report as easily as from a live resolve.
 *
 * @param repo the Hub repo id, {@code org/name}
 * @param revision the revision the HFModel asked for (branch, tag or commit)
 * @param commit the resolved 40-hex commit
 * @param namespace the HFModel's namespace (empty outside a cluster)
 * @param name the HFModel's name (empty outside a cluster)
 * @param gated whether the Hub gates the repo
 * @param isPrivate whether the repo is private
 * @param lastModified the Hub's lastModified timestamp (RFC 3339) or null
 * @param hubTags the Hub's tags for the repo
 * @param pipelineTag the Hub's pipeline tag, or null
 * @param files the repo files selected by the HFModel, with their scan results
 * @param hub the Hub's own security-scan data
 * @param card the parsed model card
 */
public record ModelFacts(
    String repo,
    String revision,
    String commit,
    String namespace,
    String name,
    boolean gated,
    boolean isPrivate,
    String lastModified,
    List<String> hubTags,
    String pipelineTag,
    List<FileFacts> files,
    HubSecurityData hub,
    ModelCard card) {

  public ModelFacts {
    Objects.requireNonNull(repo, "repo");
    revision = revision == null ? "main" : revision;
    commit = commit == null ? "" : commit;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
    hubTags = hubTags == null ? List.of() : List.copyOf(hubTags);
    files = files == null ? List.of() : List.copyOf(files);
    hub = hub == null ? HubSecurityData.NONE : hub;
    card = card == null ? ModelCard.EMPTY : card;
  }

  /** The publisher: the part of the repo id before the slash. */
  public String publisher() {
    int slash = repo.indexOf('/');
    return slash < 0 ? "" : repo.substring(0, slash);
  }

  /**
   * One repo file and what the scanner found in it.
   *
   * @param path path inside the repo
   * @param size size in bytes
   * @param sha256 the LFS sha256, or null for small (non-LFS) files
   * @param gitOid the git blob id
   * @param format the detected format, or null when the file was not scanned
   * @param severity the highest finding's severity name ({@code NONE} ... {@code CRITICAL}), or
   *     null when the file was not scanned
   * @param findings what the scanner found
   * @param error why the scanner could not fully read the file, or null
   */
  public record FileFacts(
      String path,
      long size,
      String sha256,
      String gitOid,
      String format,
      String severity,
      List<FindingFacts> findings,
      String error) {
    public FileFacts {
      Objects.requireNonNull(path, "path");
      findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** A file with the scanner's report on it ({@code scan} may be null: not scanned). */
    public static FileFacts of(
        String path, long size, String sha256, String gitOid, FileReport scan) {
      if (scan == null) {
        return new FileFacts(path, size, sha256, gitOid, null, null, List.of(), null);
      }
      List<FindingFacts> findings =
          scan.findings().stream()
              .map(
                  f ->
                      new FindingFacts(
                          f.severity().name(), f.rule(), f.message(), f.location().toString()))
              .toList();
      return new FileFacts(
          path,
          size,
          sha256,
          gitOid,
          scan.format(),
          scan.severity().name(),
          findings,
          scan.error());
    }

    /**
     * The content-addressed id Cloudsmith calls {@code oid}: sha256 when known, else the git id.
     */
    public String oid() {
      return sha256 != null ? sha256 : gitOid;
    }
  }

  /** One scanner finding, by name so that any producer (live scan, cached report) can supply it. */
  public record FindingFacts(String severity, String rule, String message, String location) {}
}
