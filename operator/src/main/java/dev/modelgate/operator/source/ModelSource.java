package dev.modelgate.operator.source;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Where models come from: the Hugging Face Hub (or a mirror). The operator's only view of the Hub,
 * so the reconcile pipeline reads in its own terms and the HTTP details stay in the hub module.
 */
public interface ModelSource {
  /** Pins {@code revision} to a commit and lists its files with sizes and hashes. */
  ResolvedModel resolve(SourceRequest request, String revision) throws SourceException;

  /**
   * Streams one file of {@code commit} into {@code target}, verifying its SHA-256 or git blob id. A
   * partial {@code target} left by an earlier attempt is resumed. On a hash mismatch the bytes are
   * deleted and {@link SourceException.Kind#CHECKSUM_MISMATCH} is thrown.
   *
   * @param progress told the file's bytes on disk so far
   */
  void fetch(
      SourceRequest request, String commit, SourceFile file, Path target, LongConsumer progress)
      throws SourceException;

  /**
   * Reads a small file (the README) of {@code commit}, or returns null when it does not exist or is
   * larger than {@code maxBytes}. Used for the model card only, never for model bytes.
   */
  byte[] readSmall(SourceRequest request, String commit, String path, int maxBytes)
      throws SourceException;
}
