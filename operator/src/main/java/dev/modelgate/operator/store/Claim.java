package dev.modelgate.operator.store;

import java.util.List;

/**
 * What one HFModel has published: which repo, which commit, which files. The store keeps one claim
 * per HFModel so that several HFModels may share a snapshot and removing one keeps the others'
 * files.
 *
 * @param repo the Hub repo id
 * @param revision the revision asked for (a ref named after it points at {@code commit})
 * @param commit the published commit
 * @param files the published files
 */
public record Claim(String repo, String revision, String commit, List<Entry> files) {
  public Claim {
    files = List.copyOf(files);
  }

  /**
   * One published file.
   *
   * @param path the repo path, linked as {@code snapshots/<commit>/<path>}
   * @param contentId the blob it links to
   */
  public record Entry(String path, String contentId) {}
}
