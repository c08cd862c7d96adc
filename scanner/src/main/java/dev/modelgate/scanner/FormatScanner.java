package dev.modelgate.scanner;

import java.io.IOException;
import java.util.Set;

/**
 * One file format: recognises it by content and scans it. Implementations are stateless and
 * registered once in {@link FormatScanners}.
 *
 * <p>Contract for implementers:
 *
 * <ul>
 *   <li>{@link #detect} looks only at content (magic bytes, structure) through the {@link Probe};
 *       never at the name. It must be cheap and must not throw on garbage: return {@link
 *       Detection#NO}.
 *   <li>{@link #scan} reports everything through {@link ScanContext#report}; reads only the bytes
 *       that matter; calls {@link ScanContext#checkTime()} / {@link ScanContext#chargeBytes} in
 *       loops; scans nested content with {@link ScanContext#scanMember}. On input it cannot parse
 *       it throws {@link MalformedFileException} (the findings reported so far are kept and the
 *       file is graded at least HIGH) or reports its own finding and returns.
 * </ul>
 */
public interface FormatScanner {

  /** Stable format id shown in reports, e.g. {@code "pickle"}, {@code "safetensors"}. */
  String format();

  /**
   * The container family, e.g. {@code "zip"} for PyTorch zip, npz, Keras and plain zip. Two
   * structural matches from different families make a polyglot; within a family the best wins.
   */
  default String family() {
    return format();
  }

  /**
   * File extensions (lower case, no dot) this format is normally saved with. A file whose extension
   * belongs to other formats only gets a {@code format.extension-mismatch} finding.
   */
  Set<String> extensions();

  /**
   * True when merely loading this format with its usual library can run code (pickle, Keras Lambda,
   * ...). A file named like a code-free format whose content is a code-capable one is graded HIGH.
   */
  boolean mayRunCode();

  /**
   * How sure this scanner is that the content is its format: {@link Detection#NO} (0) up to {@link
   * Detection#CERTAIN} (100). The highest score wins; ties go to the earlier registration.
   */
  int detect(Probe probe) throws IOException;

  /** Scans {@code source}, reporting findings to {@code ctx}. */
  void scan(ByteSource source, ScanContext ctx) throws IOException;
}
