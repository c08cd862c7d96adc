package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Snippets;

/** Checks archive member names the way an extracting loader would resolve them. */
public final class EntryNames {
  private EntryNames() {}

  /**
   * Reports absolute names and names that climb out of the extraction folder (zip-slip); returns
   * true when the name is safe.
   */
  public static boolean check(String name, ScanContext ctx) {
    String n = name.replace('\\', '/');
    if (n.indexOf('\0') >= 0) {
      ctx.reportMember(
          Severity.HIGH, "archive.path-traversal", "member name contains a NUL byte", name, -1);
      return false;
    }
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
      ctx.reportMember(
          Severity.HIGH,
          "archive.absolute-path",
          "member name "
              + Snippets.quote(name, 120)
              + " is absolute; extracting writes outside the target folder",
          name,
          -1);
      return false;
    }
    for (String seg : n.split("/")) {
      if (seg.equals("..")) {
        ctx.reportMember(
            Severity.HIGH,
            "archive.path-traversal",
            "member name "
                + Snippets.quote(name, 120)
                + " climbs out of the extraction folder with '..' (zip-slip)",
            name,
            -1);
        return false;
      }
    }
    return true;
  }

  /** Reports a symbolic or hard link member. */
  public static void link(String name, String kind, String target, ScanContext ctx) {
    ctx.reportMember(
        Severity.HIGH,
        "archive.link",
        kind
            + " "
            + Snippets.quote(name, 120)
            + " points to "
            + Snippets.quote(target == null ? "?" : target, 120)
            + "; extracting it can expose or overwrite files outside the model",
        name,
        -1);
  }
}
