package dev.modelgate.rego.builtins.collections;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.Value;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** object.get (with path arrays), keys, remove, filter, union (deep), union_n. */
public final class ObjectBuiltins {
  private ObjectBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("object.get", 3, ObjectBuiltins::get);
    r.function("object.keys", 1, (c, a) -> SetValue.of(Args.object(a, 0).keys()));
    r.function("object.remove", 2, (c, a) -> keep(c, a, false));
    r.function("object.filter", 2, (c, a) -> keep(c, a, true));
    r.function("object.union", 2, (c, a) -> union(Args.object(a, 0), Args.object(a, 1)));
    r.function("object.union_n", 1, ObjectBuiltins::unionN);
  }

  private static Value get(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue o = Args.object(a, 0);
    Value key = a.get(1);
    Value dflt = a.get(2);
    if (!(key instanceof ArrayValue path)) {
      Value v = o.get(key);
      return v != null ? v : dflt;
    }
    if (path.isEmpty()) {
      return o;
    }
    Value found = find(o, path.items());
    return found != null ? found : dflt;
  }

  /** OPA's Value.Find: objects by key, arrays by integer index, sets by membership. */
  public static Value find(Value root, List<Value> path) {
    Value cur = root;
    for (Value seg : path) {
      switch (cur) {
        case ObjectValue o -> cur = o.get(seg);
        case ArrayValue arr -> {
          if (!(seg instanceof NumberValue n) || n.intValue().isEmpty()) {
            return null;
          }
          int i = n.intValue().getAsInt();
          cur = i >= 0 && i < arr.size() ? arr.get(i) : null;
        }
        case SetValue s -> cur = s.contains(seg) ? seg : null;
        default -> cur = null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  /** The keys named by an array, set or object (its keys) operand. */
  private static Collection<Value> keyOperand(Value v) throws BuiltinException {
    return switch (v) {
      case ArrayValue arr -> arr.items();
      case SetValue s -> s.items();
      case ObjectValue o -> o.keys();
      default -> throw Operands.typeError(2, v, "object", "set", "array");
    };
  }

  private static Value keep(BuiltinContext c, List<Value> a, boolean filter)
      throws BuiltinException {
    ObjectValue o = Args.object(a, 0);
    Collection<Value> keys = keyOperand(a.get(1));
    c.charge(o.size() + keys.size());
    SetValue keySet = SetValue.of(keys);
    ObjectValue.Builder b = ObjectValue.builder();
    for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
      if (keySet.contains(e.getKey()) == filter) {
        b.put(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  /** Deep merge: where both sides hold objects they merge, otherwise the right side wins. */
  public static ObjectValue union(ObjectValue x, ObjectValue y) {
    ObjectValue.Builder b = ObjectValue.builder();
    b.putAll(x);
    for (Map.Entry<Value, Value> e : y.entries().entrySet()) {
      Value old = x.get(e.getKey());
      if (old instanceof ObjectValue ox && e.getValue() instanceof ObjectValue oy) {
        b.put(e.getKey(), union(ox, oy));
      } else {
        b.put(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  private static Value unionN(BuiltinContext c, List<Value> a) throws BuiltinException {
    ArrayValue arr = Args.array(a, 0);
    ObjectValue acc = ObjectValue.EMPTY;
    for (Value v : arr.items()) {
      if (!(v instanceof ObjectValue o)) {
        throw Operands.elementError(1, arr, v, "object");
      }
      c.charge(o.size());
      acc = union(acc, o);
    }
    return acc;
  }
}
