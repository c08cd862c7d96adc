package dev.modelgate.rego.builtins.collections;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** array.concat, array.slice (clamped as OPA), array.reverse, array.flatten (one level). */
public final class ArrayBuiltins {
  private ArrayBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("array.concat", 2, ArrayBuiltins::concat);
    r.function("array.slice", 3, ArrayBuiltins::slice);
    r.function("array.reverse", 1, ArrayBuiltins::reverse);
    r.function("array.flatten", 1, ArrayBuiltins::flatten);
  }

  private static Value concat(BuiltinContext c, List<Value> a) throws BuiltinException {
    ArrayValue x = Args.array(a, 0);
    ArrayValue y = Args.array(a, 1);
    c.charge(x.size() + y.size());
    List<Value> out = new ArrayList<>(x.size() + y.size());
    out.addAll(x.items());
    out.addAll(y.items());
    return ArrayValue.of(out);
  }

  private static Value slice(BuiltinContext c, List<Value> a) throws BuiltinException {
    ArrayValue arr = Args.array(a, 0);
    long start = Operands.intOperand(2, a.get(1));
    long stop = Operands.intOperand(3, a.get(2));
    if (stop < 0) {
      stop = 0;
    } else if (stop > arr.size()) {
      stop = arr.size();
    }
    if (start < 0) {
      start = 0;
    } else if (start > stop) {
      start = stop;
    }
    c.charge(stop - start);
    return ArrayValue.of(arr.items().subList((int) start, (int) stop));
  }

  private static Value reverse(BuiltinContext c, List<Value> a) throws BuiltinException {
    List<Value> out = new ArrayList<>(Args.array(a, 0).items());
    c.charge(out.size());
    java.util.Collections.reverse(out);
    return ArrayValue.of(out);
  }

  private static Value flatten(BuiltinContext c, List<Value> a) throws BuiltinException {
    ArrayValue arr = Args.array(a, 0);
    List<Value> out = new ArrayList<>();
    for (Value v : arr.items()) {
      if (v instanceof ArrayValue inner) {
        out.addAll(inner.items());
      } else {
        out.add(v);
      }
    }
    c.charge(out.size());
    return ArrayValue.of(out);
  }
}
