package dev.modelgate.scanner;

/**
 * Where a finding is: the member path inside the scanned file (for archives and nested content,
 * members of members joined with {@code "!/"}), and a byte offset within that member (or within the
 * file when there is no member). Either part may be absent.
 *
 * @param member member path, or null for the file itself
 * @param offset byte offset, or -1 when not known
 */
public record Location(String member, long offset) {

  /** No location: the finding concerns the file as a whole. */
  public static final Location NONE = new Location(null, -1);

  public static Location at(long offset) {
    return new Location(null, offset);
  }

  public static Location member(String member) {
    return new Location(member, -1);
  }

  public static Location of(String member, long offset) {
    return new Location(member, offset);
  }

  public boolean hasOffset() {
    return offset >= 0;
  }

  /** Human form, e.g. {@code archive/data.pkl@57}, {@code @57}, or {@code ""}. */
  @Override
  public String toString() {
    String m = member == null ? "" : member;
    return offset >= 0 ? m + "@" + offset : m;
  }
}
