package dev.modelgate.operator.hfmodel;

import dev.modelgate.operator.source.SourceRequest;
import java.util.List;

/**
 * One HFModel's work order for the pipeline, taken from its validated spec.
 *
 * @param namespace the HFModel's namespace
 * @param name the HFModel's name
 * @param revision the revision to resolve
 * @param globs the include globs (empty = every file)
 * @param maxTotalBytes refuse the model when the selected files add up to more
 * @param maxTotalLabel how the limit was written, for messages ({@code 500Mi})
 * @param source where to fetch from and as whom
 */
record ModelJob(
    String namespace,
    String name,
    String revision,
    List<String> globs,
    long maxTotalBytes,
    String maxTotalLabel,
    SourceRequest source) {
  ModelJob {
    globs = globs == null ? List.of() : List.copyOf(globs);
  }

  String repo() {
    return source.repo();
  }
}
