package dev.modelgate.scanner.onnx;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Snippets;
import dev.modelgate.scanner.protobuf.ProtoReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * ONNX {@code ModelProto} (onnx/onnx.proto field numbers), read with the wire-format reader so
 * tensor bytes are skipped. Checks every TensorProto in the main graph, in graphs nested in node
 * attributes (If/Loop/Scan bodies, the CVE-2024-27318 bypass), in training graphs and in functions:
 * external-data locations that are absolute or climb out of the model folder; operator domains that
 * need a custom-op library; Python operators; graph nesting beyond any real model.
 */
public final class OnnxScanner implements FormatScanner {
  static final int MAX_GRAPH_DEPTH = 16;
  static final long MAX_NODES = 10_000_000L;

  /** Domains every ONNX runtime implements. */
  private static final Set<String> STANDARD_DOMAINS =
      Set.of(
          "",
          "ai.onnx",
          "ai.onnx.ml",
          "ai.onnx.training",
          "ai.onnx.preview.training",
          "ai.onnx.preview");

  /** Domains whose operators ship with ONNX Runtime or well-known exporters (no extra library). */
  private static final Set<String> RUNTIME_DOMAINS =
      Set.of(
          "com.microsoft",
          "com.microsoft.nchwc",
          "com.microsoft.experimental",
          "com.microsoft.dml",
          "com.ms.internal.nhwc",
          "com.microsoft.mlfeaturizers",
          "org.pytorch.aten",
          "org.pytorch.custom",
          "ai.onnx.contrib",
          "com.ms.internal.nchwc",
          "org.openvinotoolkit",
          "trt.plugins",
          "ai.graphcore",
          "com.xilinx",
          "com.qualcomm");

  /** Operators that call back into Python. */
  private static final Set<String> PYTHON_OPS =
      Set.of("PyOp", "PythonOp", "PyFunc", "PythonOpGrad", "PyOpFunc", "EagerPyFunc");

  @Override
  public String format() {
    return "onnx";
  }

  @Override
  public String family() {
    return "protobuf";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("onnx");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  /**
   * A ModelProto starts with ir_version (field 1, varint 3..20) and has a graph (field 7, bytes);
   * fields come in field-number order, so the graph tag is found after a few short fields.
   */
  @Override
  public int detect(Probe probe) throws IOException {
    byte[] h = probe.head();
    if (h.length < 4 || h[0] != 0x08) {
      return Detection.NO;
    }
    ProtoReader r = new ProtoReader(probe.source(), null, 0, probe.size());
    boolean first = true;
    for (int i = 0; i < 16 && r.next(); i++) {
      int f = r.field();
      int wt = r.wireType();
      if (first) {
        if (f != 1 || wt != ProtoReader.VARINT) {
          return Detection.NO;
        }
        long ir = r.varint();
        if (ir < 1 || ir > 32) {
          return Detection.NO;
        }
        first = false;
        continue;
      }
      if (f == 7 && wt == ProtoReader.LEN) {
        ProtoReader g;
        try {
          g = r.message();
        } catch (MalformedFileException e) {
          return Detection.LIKELY; // a truncated model is still a model: scan it and say so
        }
        // GraphProto: node = 1, name = 2, initializer = 5 ... all length-delimited
        return g.next() && g.wireType() == ProtoReader.LEN ? Detection.CERTAIN : Detection.LIKELY;
      }
      boolean known =
          switch (f) {
            case 2, 3, 4, 6, 8, 14, 20, 25 -> wt == ProtoReader.LEN;
            case 5 -> wt == ProtoReader.VARINT;
            default -> false;
          };
      if (!known) {
        return Detection.NO;
      }
      r.skip();
    }
    return Detection.NO;
  }

  /** Per-scan state. */
  private static final class Walk {
    final ScanContext ctx;
    final Set<String> reported = new HashSet<>();
    final TreeMap<String, String> domains = new TreeMap<>(); // domain -> example op
    final Set<String> functionDomains = new HashSet<>();
    long nodes;
    boolean depthReported;

    Walk(ScanContext ctx) {
      this.ctx = ctx;
    }

    void once(Severity s, String rule, String message, long offset) {
      if (reported.add(rule + "\0" + message)) {
        ctx.report(s, rule, message, offset);
      }
    }
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    Walk w = new Walk(ctx);
    ProtoReader model = new ProtoReader(source, ctx, 0, source.size());
    boolean sawGraph = false;
    while (model.next()) {
      switch (model.field()) {
        case 7 -> {
          graph(w, model.message(), 0, "graph");
          sawGraph = true;
        }
        case 8 -> opset(w, model.message());
        case 20 -> trainingInfo(w, model.message());
        case 25 -> function(w, model.message());
        default -> model.skip();
      }
    }
    if (!sawGraph) {
      throw new MalformedFileException("model has no graph", -1);
    }
    for (var e : w.domains.entrySet()) {
      String d = e.getKey();
      if (STANDARD_DOMAINS.contains(d) || w.functionDomains.contains(d)) {
        continue;
      }
      boolean runtime = RUNTIME_DOMAINS.contains(d);
      ctx.report(
          runtime ? Severity.INFO : Severity.MEDIUM,
          "onnx.custom-domain",
          "operator domain '"
              + d
              + "'"
              + (e.getValue().isEmpty() ? "" : " (e.g. " + e.getValue() + ")")
              + (runtime
                  ? " is provided by ONNX Runtime or a common exporter"
                  : " is not standard: loading needs a custom-op library, native code from elsewhere"),
          -1);
    }
  }

  private void opset(Walk w, ProtoReader r) throws IOException {
    String domain = "";
    while (r.next()) {
      if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
        domain = r.string(256);
      } else {
        r.skip();
      }
    }
    w.domains.putIfAbsent(domain, "");
  }

  private void trainingInfo(Walk w, ProtoReader r) throws IOException {
    while (r.next()) {
      if ((r.field() == 1 || r.field() == 2) && r.wireType() == ProtoReader.LEN) {
        graph(w, r.message(), 1, r.field() == 1 ? "training initialization" : "training algorithm");
      } else {
        r.skip();
      }
    }
  }

  /** FunctionProto: node = 7, domain = 10, name = 1. */
  private void function(Walk w, ProtoReader r) throws IOException {
    while (r.next()) {
      switch (r.field()) {
        case 7 -> node(w, r.message(), 1, "function");
        case 10 -> w.functionDomains.add(r.string(256));
        default -> r.skip();
      }
    }
  }

  /** GraphProto: node = 1, initializer = 5, sparse_initializer = 15. */
  private void graph(Walk w, ProtoReader r, int depth, String where) throws IOException {
    if (depth > MAX_GRAPH_DEPTH) {
      if (!w.depthReported) {
        w.depthReported = true;
        w.ctx.report(
            Severity.HIGH,
            "onnx.limit",
            "graphs nested in node attributes deeper than "
                + MAX_GRAPH_DEPTH
                + " levels; the deeper ones were not examined, so the file cannot be called safe",
            r.position());
      }
      return;
    }
    while (r.next()) {
      switch (r.field()) {
        case 1 -> node(w, r.message(), depth, where);
        case 5 -> tensor(w, r.message(), where);
        case 15 -> sparseTensor(w, r.message(), where);
        default -> r.skip();
      }
    }
  }

  /** NodeProto: op_type = 4, attribute = 5, domain = 7. */
  private void node(Walk w, ProtoReader r, int depth, String where) throws IOException {
    if (++w.nodes > MAX_NODES) {
      throw new MalformedFileException("more than " + MAX_NODES + " nodes", r.position());
    }
    if ((w.nodes & 1023) == 0) {
      w.ctx.checkTime();
    }
    long at = r.position();
    String op = "";
    String domain = "";
    while (r.next()) {
      switch (r.field()) {
        case 4 -> op = r.string(256);
        case 7 -> domain = r.string(256);
        case 5 -> attribute(w, r.message(), depth, where);
        default -> r.skip();
      }
    }
    w.domains.merge(domain, op, (a, b) -> a.isEmpty() ? b : a);
    if (PYTHON_OPS.contains(op)) {
      w.once(
          Severity.HIGH,
          "onnx.python-op",
          "operator "
              + (domain.isEmpty() ? "" : domain + ".")
              + op
              + " in the "
              + where
              + " calls Python code",
          at);
    }
  }

  /**
   * AttributeProto: t = 5, g = 6, tensors = 10, graphs = 11, sparse_tensor = 22, sparse_tensors =
   * 23.
   */
  private void attribute(Walk w, ProtoReader r, int depth, String where) throws IOException {
    while (r.next()) {
      switch (r.field()) {
        case 5, 10 -> tensor(w, r.message(), where);
        case 6, 11 -> graph(w, r.message(), depth + 1, "subgraph of the " + where);
        case 22, 23 -> sparseTensor(w, r.message(), where);
        default -> r.skip();
      }
    }
  }

  private void sparseTensor(Walk w, ProtoReader r, String where) throws IOException {
    while (r.next()) {
      if ((r.field() == 1 || r.field() == 2) && r.wireType() == ProtoReader.LEN) {
        tensor(w, r.message(), where);
      } else {
        r.skip();
      }
    }
  }

  /** TensorProto: name = 8, external_data = 13 (StringStringEntryProto key = 1, value = 2). */
  private void tensor(Walk w, ProtoReader r, String where) throws IOException {
    String name = "";
    long at = r.position();
    while (r.next()) {
      switch (r.field()) {
        case 8 -> name = r.string(256);
        case 13 -> {
          ProtoReader e = r.message();
          String key = null;
          String value = null;
          while (e.next()) {
            if (e.field() == 1) {
              key = e.string(64);
            } else if (e.field() == 2) {
              value = e.string(4096);
            } else {
              e.skip();
            }
          }
          if ("location".equals(key) && value != null) {
            checkLocation(w, name, value, where, at);
          }
        }
        default -> r.skip();
      }
    }
  }

  private void checkLocation(Walk w, String tensor, String location, String where, long at) {
    String rule = null;
    String why = null;
    String lower = location.toLowerCase(Locale.ROOT);
    if (location.startsWith("/")
        || location.startsWith("\\")
        || location.matches("^[A-Za-z]:.*")
        || lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
      rule = "onnx.external-data.absolute";
      why = "is an absolute path or URL";
    } else {
      for (String seg : location.split("[/\\\\]")) {
        if (seg.equals("..")) {
          rule = "onnx.external-data.traversal";
          why = "climbs out of the model folder with '..'";
          break;
        }
      }
    }
    if (location.indexOf('\0') >= 0) {
      rule = "onnx.external-data.traversal";
      why = "contains a NUL byte";
    }
    if (rule != null) {
      w.once(
          Severity.HIGH,
          rule,
          "tensor '"
              + tensor
              + "' in the "
              + where
              + " reads its data from "
              + Snippets.quote(location, 120)
              + ", which "
              + why
              + "; loading reads (or saving overwrites) a file outside the model",
          at);
    }
  }
}
