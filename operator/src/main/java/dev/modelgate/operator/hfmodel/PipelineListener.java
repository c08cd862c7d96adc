package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.Phase;

/** Told where the pipeline is, so the status can show it while a model downloads. */
interface PipelineListener {
  /** The pipeline entered {@code phase}. */
  void onPhase(Phase phase, String commit, String message);

  /** Bytes of the selected files on disk so far; called at most every progress interval. */
  void onProgress(long bytesDone, long bytesTotal);
}
