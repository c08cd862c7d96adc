package dev.modelgate.scanner.tensorflow;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.protobuf.ProtoReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TensorFlow {@code saved_model.pb} (SavedModel) and frozen {@code GraphDef} {@code .pb} files,
 * read with the wire-format reader (field numbers of tensorflow/core/protobuf/saved_model.proto,
 * meta_graph.proto and framework/graph.proto, node_def.proto, function.proto, attr_value.proto,
 * tensor.proto). Every node of every graph and of every function in the function libraries is
 * graded by {@link OpRules}; string constants feeding a node are resolved so that a file path an op
 * reads or writes is named in the finding.
 */
public final class TensorflowScanner implements FormatScanner {
  static final long MAX_NODES = 20_000_000L;
  static final int MAX_CONST_CHARS = 1024;
  static final int MAX_CONSTANTS_PER_SCOPE = 200_000;

  @Override
  public String format() {
    return "tensorflow";
  }

  @Override
  public String family() {
    return "protobuf";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("pb", "pbtxt");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  /**
   * SavedModel: schema version (field 1 varint) then meta_graphs (field 2) whose MetaGraphDef
   * starts with meta_info_def (1) or graph_def (2). GraphDef: node (field 1) whose NodeDef starts
   * with its name (1) then its op (2).
   */
  @Override
  public int detect(Probe probe) throws IOException {
    byte[] h = probe.head();
    if (h.length < 4) {
      return Detection.NO;
    }
    ProtoReader r = new ProtoReader(probe.source(), null, 0, probe.size());
    if (!r.next()) {
      return Detection.NO;
    }
    if (r.field() == 1 && r.wireType() == ProtoReader.VARINT) {
      long v = r.varint();
      if (v > 16 || !r.next() || r.field() != 2 || r.wireType() != ProtoReader.LEN) {
        return Detection.NO;
      }
      ProtoReader meta;
      try {
        meta = r.message();
      } catch (MalformedFileException e) {
        return v == 1 ? Detection.LIKELY : Detection.NO; // truncated SavedModel
      }
      if (!meta.next()
          || (meta.field() != 1 && meta.field() != 2)
          || meta.wireType() != ProtoReader.LEN) {
        return Detection.NO;
      }
      meta.skip();
      try {
        while (r.next()) {
          if (r.field() != 2 || r.wireType() != ProtoReader.LEN) {
            return Detection.NO;
          }
          r.skip();
        }
      } catch (MalformedFileException e) {
        return Detection.LIKELY;
      }
      return Detection.CERTAIN;
    }
    if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
      ProtoReader node = r.message();
      if (!node.next() || node.field() != 1 || node.wireType() != ProtoReader.LEN) {
        return Detection.NO;
      }
      String name = node.string(256);
      if (!node.next() || node.field() != 2 || node.wireType() != ProtoReader.LEN) {
        return Detection.NO;
      }
      String op = node.string(256);
      return isIdentifier(op) && !name.isEmpty() ? Detection.CERTAIN : Detection.NO;
    }
    return Detection.NO;
  }

  private static boolean isIdentifier(String s) {
    return s.matches("[A-Za-z_][A-Za-z0-9_>.]{0,127}");
  }

  /** One parsed NodeDef, only what the rules need. */
  record Node(
      String name, String op, List<String> inputs, Map<String, List<String>> attrs, long offset) {}

  /** Nodes of one graph or function body plus its string constants. */
  static final class Scope {
    final String where;
    final List<Node> flagged = new ArrayList<>();
    final Map<String, String> constants = new HashMap<>();

    Scope(String where) {
      this.where = where;
    }
  }

  /** Per-scan state. */
  static final class Walk {
    final ScanContext ctx;
    final OpRules rules;
    long nodes;

    Walk(ScanContext ctx) {
      this.ctx = ctx;
      this.rules = new OpRules(ctx);
    }
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    Walk w = new Walk(ctx);
    ProtoReader r = new ProtoReader(source, ctx, 0, source.size());
    if (!r.next()) {
      throw new MalformedFileException("empty protobuf", 0);
    }
    if (r.field() == 1 && r.wireType() == ProtoReader.VARINT) {
      r.varint();
      int metaGraphs = 0;
      while (r.next()) {
        if (r.field() == 2 && r.wireType() == ProtoReader.LEN) {
          metaGraph(w, r.message(), "meta graph " + metaGraphs++);
        } else {
          r.skip();
        }
      }
    } else {
      graphDef(w, new ProtoReader(source, ctx, 0, source.size()), "graph");
    }
    w.rules.finish();
  }

  /** MetaGraphDef: graph_def = 2. */
  private void metaGraph(Walk w, ProtoReader r, String where) throws IOException {
    while (r.next()) {
      if (r.field() == 2 && r.wireType() == ProtoReader.LEN) {
        graphDef(w, r.message(), where);
      } else {
        r.skip();
      }
    }
  }

  /** GraphDef: node = 1, library = 2. */
  private void graphDef(Walk w, ProtoReader r, String where) throws IOException {
    Scope scope = new Scope(where);
    while (r.next()) {
      switch (r.field()) {
        case 1 -> node(w, r.message(), scope);
        case 2 -> library(w, r.message());
        default -> r.skip();
      }
    }
    w.rules.grade(scope);
  }

  /** FunctionDefLibrary: function = 1. */
  private void library(Walk w, ProtoReader r) throws IOException {
    while (r.next()) {
      if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
        function(w, r.message());
      } else {
        r.skip();
      }
    }
  }

  /** FunctionDef: signature = 1 (OpDef.name = 1), node_def = 3. */
  private void function(Walk w, ProtoReader r) throws IOException {
    List<ProtoReader> bodies = new ArrayList<>();
    String name = "?";
    while (r.next()) {
      if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
        ProtoReader sig = r.message();
        while (sig.next()) {
          if (sig.field() == 1 && sig.wireType() == ProtoReader.LEN) {
            name = sig.string(256);
          } else {
            sig.skip();
          }
        }
      } else if (r.field() == 3 && r.wireType() == ProtoReader.LEN) {
        bodies.add(r.message());
      } else {
        r.skip();
      }
    }
    Scope scope = new Scope("function " + name);
    for (ProtoReader body : bodies) {
      node(w, body, scope);
    }
    w.rules.grade(scope);
  }

  /** NodeDef: name = 1, op = 2, input = 3, attr = 5 (map entry key = 1, value = 2). */
  private void node(Walk w, ProtoReader r, Scope scope) throws IOException {
    if (++w.nodes > MAX_NODES) {
      throw new MalformedFileException("more than " + MAX_NODES + " nodes", r.position());
    }
    if ((w.nodes & 1023) == 0) {
      w.ctx.checkTime();
    }
    long at = r.position();
    String name = "";
    String op = "";
    List<String> inputs = new ArrayList<>();
    Map<String, List<String>> attrs = new HashMap<>();
    List<ProtoReader> attrEntries = new ArrayList<>();
    while (r.next()) {
      switch (r.field()) {
        case 1 -> name = r.string(256);
        case 2 -> op = r.string(256);
        case 3 -> {
          if (inputs.size() < 16) {
            inputs.add(r.string(256));
          } else {
            r.skip();
          }
        }
        case 5 -> attrEntries.add(r.message());
        default -> r.skip();
      }
    }
    boolean interesting = OpRules.isInteresting(op);
    boolean constant = op.equals("Const");
    if (!interesting && !constant) {
      return;
    }
    for (ProtoReader e : attrEntries) {
      String key = null;
      List<String> values = new ArrayList<>();
      while (e.next()) {
        if (e.field() == 1 && e.wireType() == ProtoReader.LEN) {
          key = e.string(128);
        } else if (e.field() == 2 && e.wireType() == ProtoReader.LEN) {
          attrValue(e.message(), values);
        } else {
          e.skip();
        }
      }
      if (key != null) {
        attrs.put(key, values);
      }
    }
    if (constant) {
      List<String> value = attrs.get("value");
      if (value != null && value.size() == 1 && scope.constants.size() < MAX_CONSTANTS_PER_SCOPE) {
        scope.constants.put(name, value.get(0));
      }
    }
    if (interesting) {
      scope.flagged.add(new Node(name, op, inputs, attrs, at));
    }
  }

  /**
   * The strings an AttrValue holds: s = 2, list = 1 (ListValue.s = 2), tensor = 8 (TensorProto
   * string_val = 8), func = 10 (NameAttrList.name = 1). At most 8, each bounded.
   */
  private void attrValue(ProtoReader r, List<String> out) throws IOException {
    while (r.next()) {
      int f = r.field();
      if (r.wireType() != ProtoReader.LEN) {
        r.skip();
        continue;
      }
      switch (f) {
        case 2 -> add(out, r.string(MAX_CONST_CHARS));
        case 1 -> strings(r.message(), 2, out);
        case 8 -> strings(r.message(), 8, out);
        case 10 -> strings(r.message(), 1, out);
        default -> r.skip();
      }
    }
  }

  private void strings(ProtoReader r, int field, List<String> out) throws IOException {
    while (r.next()) {
      if (r.field() == field && r.wireType() == ProtoReader.LEN) {
        add(out, r.string(MAX_CONST_CHARS));
      } else {
        r.skip();
      }
    }
  }

  private static void add(List<String> out, String s) {
    if (out.size() < 8) {
      out.add(s);
    }
  }
}
