package dev.modelgate.hub;

/** Told how far a download got; called from the downloading thread, so keep it cheap. */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total) -> {};

  /**
   * Reports progress of one file.
   *
   * @param bytesDone bytes of the file now on disk and verified-so-far (includes resumed bytes)
   * @param bytesTotal the file's expected size
   */
  void onProgress(long bytesDone, long bytesTotal);
}
