package dev.modelgate.scanner.tensorflow;

import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Snippets;
import dev.modelgate.scanner.tensorflow.TensorflowScanner.Node;
import dev.modelgate.scanner.tensorflow.TensorflowScanner.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Grades TensorFlow ops that touch the file system, run Python, or otherwise reach outside the
 * tensor computation (ModelScan's ReadFile/WriteFile, ModelAudit's list in scanners.md §3.6). Ops
 * ordinary SavedModels carry (the checkpoint saver, vocabulary tables) are graded by their constant
 * path argument: harmless when relative, HIGH when absolute or climbing out with {@code ..}.
 */
final class OpRules {
  static final String FILE_READ = "tensorflow.op.file-read";
  static final String FILE_WRITE = "tensorflow.op.file-write";
  static final String PYTHON = "tensorflow.op.python";
  static final String MEMMAP = "tensorflow.op.memmap";
  static final String DEBUG_URL = "tensorflow.op.debug-url";
  static final String PRINT_FILE = "tensorflow.op.print-file";
  static final String CHECKPOINT = "tensorflow.op.checkpoint";
  static final String TABLE_FILE = "tensorflow.op.table-file";
  static final String ABORT = "tensorflow.op.abort";
  static final String SYSTEM = "tensorflow.op.system";

  private static final Set<String> READ_OPS = Set.of("ReadFile", "MatchingFiles");
  private static final Set<String> WRITE_OPS = Set.of("WriteFile");
  private static final Set<String> PYTHON_OPS =
      Set.of("PyFunc", "PyFuncStateless", "EagerPyFunc", "PyCall");
  private static final Set<String> CHECKPOINT_OPS =
      Set.of(
          "Save",
          "SaveV2",
          "SaveSlices",
          "Restore",
          "RestoreV2",
          "RestoreSlice",
          "MergeV2Checkpoints",
          "LoadAndRemapMatrix");
  private static final Set<String> TABLE_OPS =
      Set.of("InitializeTableFromTextFile", "InitializeTableFromTextFileV2");
  private static final Set<String> DEBUG_OPS =
      Set.of(
          "DebugIdentity",
          "DebugIdentityV2",
          "DebugIdentityV3",
          "DebugNanCount",
          "DebugNumericSummary",
          "DebugNumericSummaryV2");
  private static final Set<String> SYSTEM_OPS =
      Set.of("ShellExecute", "ExecuteOp", "SystemConfig", "LoadLibrary", "LoadOpLibrary");
  private static final Pattern SYSTEM_LIKE =
      Pattern.compile("(?i).*(shell|popen|subprocess|loadlibrary|dlopen|syscall|systemcall).*");

  private final ScanContext ctx;
  private int checkpointOps;

  OpRules(ScanContext ctx) {
    this.ctx = ctx;
  }

  static boolean isInteresting(String op) {
    return READ_OPS.contains(op)
        || WRITE_OPS.contains(op)
        || PYTHON_OPS.contains(op)
        || CHECKPOINT_OPS.contains(op)
        || TABLE_OPS.contains(op)
        || DEBUG_OPS.contains(op)
        || SYSTEM_OPS.contains(op)
        || op.equals("ImmutableConst")
        || op.equals("PrintV2")
        || op.equals("Abort")
        || SYSTEM_LIKE.matcher(op).matches();
  }

  void grade(Scope scope) {
    for (Node n : scope.flagged) {
      grade(n, scope);
    }
  }

  /** Reports the aggregate of ordinary ops once per file. */
  void finish() {
    if (checkpointOps > 0) {
      ctx.report(
          Severity.INFO,
          CHECKPOINT,
          checkpointOps
              + " checkpoint save/restore ops with relative or runtime paths (the ordinary saver)",
          -1);
    }
  }

  private void grade(Node n, Scope scope) {
    String op = n.op();
    String path = constantInput(n, 0, scope);
    String name = "op " + op + " '" + n.name() + "' in the " + scope.where;
    if (READ_OPS.contains(op)) {
      report(
          path != null ? Severity.CRITICAL : Severity.HIGH,
          FILE_READ,
          name + (path != null ? " reads the file " + q(path) : " reads files named at run time"),
          n);
    } else if (WRITE_OPS.contains(op)) {
      report(
          path != null ? Severity.CRITICAL : Severity.HIGH,
          FILE_WRITE,
          name + (path != null ? " writes the file " + q(path) : " writes files named at run time"),
          n);
    } else if (PYTHON_OPS.contains(op)) {
      report(Severity.HIGH, PYTHON, name + " calls a Python function" + attr(n, "token"), n);
    } else if (op.equals("ImmutableConst")) {
      report(
          Severity.HIGH,
          MEMMAP,
          name + " memory-maps the file " + q(first(n, "memory_region_name")),
          n);
    } else if (DEBUG_OPS.contains(op)) {
      List<String> urls = n.attrs().get("debug_urls");
      if (urls != null && !urls.isEmpty()) {
        report(Severity.HIGH, DEBUG_URL, name + " sends tensors to " + q(urls.get(0)), n);
      } else {
        report(Severity.LOW, DEBUG_URL, name + " is a debugging op", n);
      }
    } else if (op.equals("PrintV2")) {
      String stream = first(n, "output_stream");
      if (stream != null && stream.toLowerCase(Locale.ROOT).startsWith("file://")) {
        report(Severity.HIGH, PRINT_FILE, name + " prints to the file " + q(stream), n);
      }
    } else if (CHECKPOINT_OPS.contains(op)) {
      if (path != null && escapes(path)) {
        report(Severity.HIGH, CHECKPOINT, name + " saves or restores at " + q(path), n);
      } else {
        checkpointOps++;
      }
    } else if (TABLE_OPS.contains(op)) {
      String file = constantInput(n, 1, scope);
      if (file != null && escapes(file)) {
        report(Severity.HIGH, TABLE_FILE, name + " reads its table from " + q(file), n);
      }
    } else if (op.equals("Abort")) {
      report(Severity.MEDIUM, ABORT, name + " terminates the serving process", n);
    } else {
      report(
          Severity.CRITICAL, SYSTEM, name + " is not a TensorFlow op: it names system access", n);
    }
  }

  private void report(Severity s, String rule, String message, Node n) {
    ctx.report(s, rule, message, n.offset());
  }

  /** The string constant feeding input {@code index}, or null. */
  private static String constantInput(Node n, int index, Scope scope) {
    if (n.inputs().size() <= index) {
      return null;
    }
    String in = n.inputs().get(index);
    if (in.startsWith("^")) {
      return null;
    }
    int colon = in.indexOf(':');
    return scope.constants.get(colon < 0 ? in : in.substring(0, colon));
  }

  private static String first(Node n, String attr) {
    List<String> v = n.attrs().get(attr);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String attr(Node n, String attr) {
    String v = first(n, attr);
    return v == null ? "" : " (" + attr + " " + q(v) + ")";
  }

  /** Absolute, drive-letter, URL or {@code ..} paths. */
  static boolean escapes(String path) {
    if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
      return true;
    }
    if (path.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return true;
    }
    for (String seg : path.split("[/\\\\]")) {
      if (seg.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static String q(String s) {
    return Snippets.quote(s, 120);
  }
}
