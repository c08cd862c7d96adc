package dev.modelgate.rego.builtins.collections;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** intersection and union of a set of sets. */
public final class SetBuiltins {
  private SetBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("intersection", 1, SetBuiltins::intersection);
    r.function("union", 1, SetBuiltins::union);
  }

  private static List<SetValue> sets(List<Value> a) throws BuiltinException {
    SetValue outer = Args.set(a, 0);
    List<SetValue> out = new ArrayList<>();
    for (Value v : outer.items()) {
      if (!(v instanceof SetValue s)) {
        throw Operands.elementError(1, outer, v, "set");
      }
      out.add(s);
    }
    return out;
  }

  private static Value intersection(BuiltinContext c, List<Value> a) throws BuiltinException {
    List<SetValue> sets = sets(a);
    if (sets.isEmpty()) {
      return SetValue.EMPTY;
    }
    SetValue.Builder b = SetValue.builder();
    SetValue first = sets.get(0);
    c.charge(first.size() * (long) sets.size());
    outer:
    for (Value v : first.items()) {
      for (int i = 1; i < sets.size(); i++) {
        if (!sets.get(i).contains(v)) {
          continue outer;
        }
      }
      b.add(v);
    }
    return b.build();
  }

  private static Value union(BuiltinContext c, List<Value> a) throws BuiltinException {
    SetValue.Builder b = SetValue.builder();
    for (SetValue s : sets(a)) {
      c.charge(s.size());
      b.addAll(s.items());
    }
    return b.build();
  }
}
