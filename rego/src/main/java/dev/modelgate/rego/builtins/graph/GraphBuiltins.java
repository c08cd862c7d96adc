package dev.modelgate.rego.builtins.graph;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** graph.reachable, graph.reachable_paths and walk. */
public final class GraphBuiltins {
  private GraphBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("graph.reachable", 2, GraphBuiltins::reachable);
    r.function("graph.reachable_paths", 2, GraphBuiltins::reachablePaths);
    r.relation("walk", 1, GraphBuiltins::walk);
  }

  /** Neighbours: the elements of an array or set; anything else has none. */
  private static List<Value> vertices(Value v) {
    if (v instanceof ArrayValue a) {
      return a.items();
    }
    if (v instanceof SetValue s) {
      return s.sorted();
    }
    return List.of();
  }

  private static List<Value> initial(List<Value> a) throws BuiltinException {
    Value v = a.get(1);
    if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) {
      throw Operands.typeError(2, v, "set", "array");
    }
    return vertices(v);
  }

  private static Value reachable(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue graph = Args.object(a, 0);
    Deque<Value> queue = new ArrayDeque<>(initial(a));
    Set<Value> reached = new java.util.LinkedHashSet<>();
    while (!queue.isEmpty()) {
      Value node = queue.poll();
      c.charge(1);
      Value edges = graph.get(node);
      if (edges != null && reached.add(node)) {
        for (Value n : vertices(edges)) {
          if (!reached.contains(n)) {
            queue.add(n);
          }
        }
      }
    }
    return SetValue.of(reached);
  }

  private static Value reachablePaths(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue graph = Args.object(a, 0);
    SetValue.Builder out = SetValue.builder();
    for (Value start : initial(a)) {
      if (graph.get(start) != null) {
        List<Value> path = new ArrayList<>();
        path.add(start);
        Set<Value> onPath = new HashSet<>(path);
        paths(c, graph, path, onPath, out);
      }
    }
    return out.build();
  }

  /** Extends the path depth-first; a path ends where no unvisited vertex of the graph follows. */
  private static void paths(
      BuiltinContext c,
      ObjectValue graph,
      List<Value> path,
      Set<Value> onPath,
      SetValue.Builder out)
      throws BuiltinException {
    c.charge(1);
    if (path.size() > c.limits().maxCallDepth() * 4) {
      throw BuiltinException.error("graph too deep");
    }
    Value node = path.get(path.size() - 1);
    boolean extended = false;
    for (Value next : vertices(graph.get(node))) {
      if (graph.get(next) == null || onPath.contains(next)) {
        continue;
      }
      extended = true;
      path.add(next);
      onPath.add(next);
      paths(c, graph, path, onPath, out);
      onPath.remove(next);
      path.remove(path.size() - 1);
    }
    if (!extended) {
      out.add(ArrayValue.of(new ArrayList<>(path)));
    }
  }

  /** walk(x): [path, value] for every node, the root first, children in OPA's order. */
  private static void walk(BuiltinContext c, List<Value> a, Consumer<Value> out)
      throws BuiltinException {
    walk(c, new ArrayList<>(), a.get(0), out);
  }

  private static void walk(BuiltinContext c, List<Value> path, Value v, Consumer<Value> out)
      throws BuiltinException {
    c.charge(1);
    out.accept(ArrayValue.of(ArrayValue.of(new ArrayList<>(path)), v));
    switch (v) {
      case ArrayValue arr -> {
        for (int i = 0; i < arr.size(); i++) {
          path.add(dev.modelgate.rego.value.NumberValue.of(i));
          walk(c, path, arr.get(i), out);
          path.remove(path.size() - 1);
        }
      }
      case ObjectValue o -> {
        for (Value k : o.sortedKeys()) {
          path.add(k);
          walk(c, path, o.get(k), out);
          path.remove(path.size() - 1);
        }
      }
      case SetValue s -> {
        for (Value x : s.sorted()) {
          path.add(x);
          walk(c, path, x, out);
          path.remove(path.size() - 1);
        }
      }
      default -> {}
    }
  }
}
