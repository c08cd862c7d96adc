package dev.modelgate.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints the outcome as two plain-text tables, wrapped to stay readable in a terminal. */
public final class DemoReport {

  /** Widest a wrapped column may be; the others take what their longest cell needs. */
  private static final int TAGS_WIDTH = 30;

  private static final int REASON_WIDTH = 64;

  private DemoReport() {}

  public static void print(DemoScenario.Outcome outcome, PrintWriter out) {
    out.println("HFModels: what the operator decided");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESPACE/NAME", "REPO", "PHASE", "SEVERITY", "TAGS", "WHY"});
    for (DemoScenario.ModelRow m : outcome.models()) {
      rows.add(
          new String[] {
            m.namespace() + "/" + m.name(),
            m.repo(),
            m.phase(),
            m.maxSeverity(),
            m.tags().isEmpty() ? "-" : String.join(", ", m.tags()),
            m.reasons().isBlank() ? "-" : m.reasons()
          });
    }
    table(rows, new int[] {0, 0, 0, 0, TAGS_WIDTH, REASON_WIDTH}, out);
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
    table(rows, new int[] {0, 0, 80}, out);
    out.flush();
  }

  /**
   * Aligned columns. A column with a positive entry in {@code wrapAt} wraps its cells at that many
   * characters; the others are as wide as their longest cell.
   */
  static void table(List<String[]> rows, int[] wrapAt, PrintWriter out) {
    int columns = rows.get(0).length;
    List<List<List<String>>> cells = new ArrayList<>();
    int[] width = new int[columns];
    for (String[] row : rows) {
      List<List<String>> wrapped = new ArrayList<>();
      for (int i = 0; i < columns; i++) {
        List<String> lines = wrapAt[i] > 0 ? wrap(row[i], wrapAt[i]) : List.of(row[i]);
        for (String line : lines) {
          width[i] = Math.max(width[i], line.length());
        }
        wrapped.add(lines);
      }
      cells.add(wrapped);
    }
    for (List<List<String>> row : cells) {
      int height = row.stream().mapToInt(List::size).max().orElse(1);
      for (int line = 0; line < height; line++) {
        StringBuilder sb = new StringBuilder("  ");
        for (int i = 0; i < columns; i++) {
          String cell = line < row.get(i).size() ? row.get(i).get(line) : "";
          sb.append(cell);
          if (i < columns - 1) {
            sb.append(" ".repeat(width[i] - cell.length() + 2));
          }
        }
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
