package dev.modelgate.rego.builtins.json;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch over Rego values, as OPA's json.patch: paths are JSON pointers or arrays of
 * segments, set members are addressed by value, and any failure makes the result undefined.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** Thrown for any patch failure; the builtin turns it into "undefined". */
  static final class Failed extends Exception {
    Failed() {
      super(null, null, false, false);
    }
  }

  private static final Failed FAILED = new Failed();

  /** Applies the patches; returns null when a patch fails or the document ends up removed. */
  public static Value apply(Value doc, List<Value> patches) {
    try {
      Value cur = doc;
      for (Value p : patches) {
        cur = applyOne(cur, p);
      }
      return cur;
    } catch (Failed e) {
      return null;
    }
  }

  private static Value field(ObjectValue o, String name) throws Failed {
    Value v = o.get(name);
    if (v == null) {
      throw FAILED;
    }
    return v;
  }

  private static Value applyOne(Value doc, Value patch) throws Failed {
    if (!(patch instanceof ObjectValue p) || !(field(p, "op") instanceof StringValue op)) {
      throw FAILED;
    }
    List<Value> path = path(field(p, "path"));
    return switch (op.value()) {
      case "add" -> add(doc, path, field(p, "value"));
      case "remove" -> remove(doc, path);
      case "replace" -> {
        get(doc, path);
        if (!path.isEmpty()
            && get(doc, path.subList(0, path.size() - 1)) instanceof SetValue
            && !path.get(path.size() - 1).equals(field(p, "value"))) {
          throw FAILED; // a set member can only be "replaced" by itself
        }
        Value removed = remove(doc, path);
        yield add(removed, path, field(p, "value"));
      }
      case "move" -> {
        List<Value> from = path(field(p, "from"));
        if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
          throw FAILED; // moving a node into its own child
        }
        Value v = get(doc, from);
        yield add(remove(doc, from), path, v);
      }
      case "copy" -> add(doc, path, get(doc, path(field(p, "from"))));
      case "test" -> {
        if (!get(doc, path).equals(field(p, "value"))) {
          throw FAILED;
        }
        yield doc;
      }
      default -> throw FAILED;
    };
  }

  /** A JSON pointer ("" is the root) or an array of segments. */
  static List<Value> path(Value v) throws Failed {
    if (v instanceof ArrayValue a) {
      return a.items();
    }
    if (!(v instanceof StringValue s)) {
      throw FAILED;
    }
    String p = s.value();
    List<Value> out = new ArrayList<>();
    if (p.isEmpty()) {
      return out;
    }
    if (!p.startsWith("/")) {
      throw FAILED;
    }
    for (String part : p.substring(1).split("/", -1)) {
      out.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
    }
    return out;
  }

  /** An array index segment: a decimal string without leading zeros, or an integer number. */
  private static int index(Value seg, int size, boolean allowEnd) throws Failed {
    long i;
    if (seg instanceof StringValue s) {
      String t = s.value();
      if (allowEnd && t.equals("-")) {
        return size;
      }
      if (t.isEmpty() || t.length() > 10 || (t.length() > 1 && t.charAt(0) == '0')) {
        throw FAILED;
      }
      for (int k = 0; k < t.length(); k++) {
        if (t.charAt(k) < '0' || t.charAt(k) > '9') {
          throw FAILED;
        }
      }
      i = Long.parseLong(t);
    } else if (seg instanceof NumberValue n
        && n.bigDecimal().scale() <= 0
        && n.longValue().isPresent()) {
      i = n.longValue().getAsLong();
    } else {
      throw FAILED;
    }
    if (i < 0 || i > (allowEnd ? size : size - 1)) {
      throw FAILED;
    }
    return (int) i;
  }

  private static Value child(Value node, Value seg) throws Failed {
    switch (node) {
      case ObjectValue o -> {
        Value v = o.get(seg);
        if (v == null) {
          throw FAILED;
        }
        return v;
      }
      case ArrayValue a -> {
        return a.get(index(seg, a.size(), false));
      }
      case SetValue s -> {
        if (!s.contains(seg)) {
          throw FAILED;
        }
        return seg;
      }
      default -> throw FAILED;
    }
  }

  static Value get(Value doc, List<Value> path) throws Failed {
    Value cur = doc;
    if (cur == null) {
      throw FAILED;
    }
    for (Value seg : path) {
      cur = child(cur, seg);
    }
    return cur;
  }

  private static Value add(Value doc, List<Value> path, Value value) throws Failed {
    if (path.isEmpty()) {
      return value;
    }
    if (doc == null) {
      throw FAILED;
    }
    return update(doc, path, 0, value, true);
  }

  private static Value remove(Value doc, List<Value> path) throws Failed {
    if (path.isEmpty()) {
      if (doc == null) {
        throw FAILED;
      }
      return null; // the document is gone until a later "add" at the root
    }
    if (doc == null) {
      throw FAILED;
    }
    return update(doc, path, 0, null, false);
  }

  /** Rebuilds the path with the last segment added (value) or removed (value == null). */
  private static Value update(Value node, List<Value> path, int i, Value value, boolean add)
      throws Failed {
    Value seg = path.get(i);
    boolean last = i == path.size() - 1;
    switch (node) {
      case ObjectValue o -> {
        ObjectValue.Builder b = ObjectValue.builder().putAll(o);
        if (last) {
          if (add) {
            b.put(seg, value);
          } else {
            if (!o.containsKey(seg)) {
              throw FAILED;
            }
            b.remove(seg);
          }
        } else {
          b.put(seg, update(child(o, seg), path, i + 1, value, add));
        }
        return b.build();
      }
      case ArrayValue a -> {
        List<Value> items = new ArrayList<>(a.items());
        if (last) {
          if (add) {
            items.add(index(seg, a.size(), true), value);
          } else {
            items.remove(index(seg, a.size(), false));
          }
        } else {
          int k = index(seg, a.size(), false);
          items.set(k, update(items.get(k), path, i + 1, value, add));
        }
        return ArrayValue.of(items);
      }
      case SetValue s -> {
        if (!last) {
          // As OPA's traversal: the member named by the segment is edited and put back.
          if (!s.contains(seg)) {
            throw FAILED;
          }
          SetValue.Builder b = SetValue.builder();
          for (Value v : s.items()) {
            b.add(v.equals(seg) ? update(v, path, i + 1, value, add) : v);
          }
          return b.build();
        }
        SetValue.Builder b = SetValue.builder();
        if (add) {
          b.addAll(s.items()).add(value);
        } else {
          if (!s.contains(seg)) {
            throw FAILED;
          }
          for (Value v : s.items()) {
            if (!v.equals(seg)) {
              b.add(v);
            }
          }
        }
        return b.build();
      }
      default -> throw FAILED;
    }
  }
}
