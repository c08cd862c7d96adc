package dev.modelgate.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints the outcome as two plain-text tables, wrapped to stay readable in a terminal. */
public final class DemoReport {

  private static final int REASON_WIDTH = 70;

  private DemoReport() {}

  public static void print(DemoScenario.Outcome outcome, PrintWriter out) {
    out.println("HFModels: what the operator decided");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESPACE/NAME", "REPO", "PHASE", "MAX SEVERITY", "TAGS", "REASONS"});
    for (DemoScenario.ModelRow m : outcome.models()) {
      rows.add(
          new String[] {
            m.namespace() + "/" + m.name(),
            m.repo(),
            m.phase(),
            m.maxSeverity(),
            m.tags().isEmpty() ? "-" : String.join(",", m.tags()),
            m.reasons().isBlank() ? "-" : m.reasons()
          });
    }
    table(rows, out);
    out.println();
    out.println("Admission: what the webhook answered for each workload");
    rows = new ArrayList<>();
    rows.add(new String[] {"WORKLOAD", "ANSWER", "WHY"});
    for (DemoScenario.AdmissionRow a : outcome.admissions()) {
      String why = a.message();
      if (!a.warnings().isEmpty()) {
        why = (why.isBlank() ? "" : why + " | ") + String.join(" | ", a.warnings());
      }
      rows.add(new String[] {a.workload(), a.verdict(), why.isBlank() ? "-" : why});
    }
    table(rows, out);
    out.flush();
  }

  /** Aligned columns; the last column wraps at {@link #REASON_WIDTH} characters. */
  static void table(List<String[]> rows, PrintWriter out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      List<String> last = wrap(row[columns - 1], REASON_WIDTH);
      for (int line = 0; line < last.size(); line++) {
        StringBuilder sb = new StringBuilder("  ");
        for (int i = 0; i < columns - 1; i++) {
          String cell = line == 0 ? row[i] : "";
          sb.append(cell).append(" ".repeat(width[i] - cell.length() + 2));
        }
        sb.append(last.get(line));
        out.println(sb.toString().stripTrailing());
      }
    }
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (current.length() > 0 && current.length() + 1 + word.length() > width) {
        lines.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(word);
    }
    lines.add(current.toString());
    return lines;
  }
}
