package dev.modelgate.hub.server;

/**
 * One satisfiable byte range of a file, from a {@code Range: bytes=...} header.
 *
 * @param start first byte
 * @param end last byte, inclusive
 */
record ByteRange(long start, long end) {
  /** Marker for a range that cannot be satisfied (416). */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  long length() {
    return end - start + 1;
  }

  /**
   * Parses a single range against {@code size}: null when absent, multi-range or malformed (serve
   * the whole file, which HTTP allows), {@link #UNSATISFIABLE} when it starts past the end.
   */
  static ByteRange parse(String header, long size) {
    if (header == null) return null;
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) return null;
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) return null;
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        if (b.isEmpty()) return null;
        long suffix = Long.parseLong(b);
        if (suffix <= 0) return UNSATISFIABLE;
        return size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long start = Long.parseLong(a);
      long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (start < 0) return null;
      if (start >= size) return UNSATISFIABLE;
      if (end < start) return null;
      return new ByteRange(start, end);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
