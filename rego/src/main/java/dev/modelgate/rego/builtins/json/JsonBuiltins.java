package dev.modelgate.rego.builtins.json;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** json.filter, json.remove (path tries over documents) and json.patch (RFC 6902). */
public final class JsonBuiltins {
  private JsonBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("json.filter", 2, (c, a) -> filterOrRemove(c, a, true));
    r.function("json.remove", 2, (c, a) -> filterOrRemove(c, a, false));
    r.function("json.patch", 2, JsonBuiltins::patch);
    r.function(
        "json.match_schema",
        2,
        dev.modelgate.rego.builtins.support.Guard.guarded(JsonBuiltins::matchSchema));
    r.function(
        "json.verify_schema",
        1,
        dev.modelgate.rego.builtins.support.Guard.guarded(JsonBuiltins::verifySchema));
  }

  private static Value patch(BuiltinContext c, List<Value> a) throws BuiltinException {
    Value doc = a.get(0);
    ArrayValue patches = Args.array(a, 1);
    c.charge(patches.size());
    return JsonPatch.apply(doc, patches.items());
  }

  /** A JSON document given as a string (parsed) or as a value. */
  private static Value jsonOperand(Value v, int position) throws BuiltinException {
    if (v instanceof StringValue s) {
      try {
        return dev.modelgate.rego.value.ValueJson.parse(s.value());
      } catch (RuntimeException e) {
        throw BuiltinException.error("operand " + position + ": invalid JSON: " + e.getMessage());
      }
    }
    return v;
  }

  private static Value matchSchema(BuiltinContext c, List<Value> a) throws BuiltinException {
    Value doc = jsonOperand(a.get(0), 1);
    Value schema = jsonOperand(a.get(1), 2);
    List<JsonSchema.Error> errors = JsonSchema.validate(doc, schema);
    List<Value> out = new ArrayList<>();
    for (JsonSchema.Error e : errors) {
      out.add(e.toValue());
    }
    c.charge(1 + out.size());
    return ArrayValue.of(
        dev.modelgate.rego.value.BooleanValue.of(errors.isEmpty()), ArrayValue.of(out));
  }

  private static Value verifySchema(BuiltinContext c, List<Value> a) throws BuiltinException {
    Value schema;
    try {
      schema = jsonOperand(a.get(0), 1);
    } catch (BuiltinException e) {
      return ArrayValue.of(
          dev.modelgate.rego.value.BooleanValue.FALSE, StringValue.of(e.getMessage()));
    }
    if (!(schema instanceof ObjectValue)
        && !(schema instanceof dev.modelgate.rego.value.BooleanValue)) {
      return ArrayValue.of(
          dev.modelgate.rego.value.BooleanValue.FALSE,
          StringValue.of("schema must be an object or a boolean"));
    }
    try {
      JsonSchema.checkSchema(schema, 0);
    } catch (IllegalArgumentException e) {
      return ArrayValue.of(
          dev.modelgate.rego.value.BooleanValue.FALSE, StringValue.of(e.getMessage()));
    }
    return ArrayValue.of(
        dev.modelgate.rego.value.BooleanValue.TRUE, dev.modelgate.rego.value.NullValue.INSTANCE);
  }

  /** A trie of paths; a node with {@code leaf} set selects its whole subtree. */
  private static final class Trie {
    final Map<Value, Trie> children = new LinkedHashMap<>();
    boolean leaf;

    void add(List<Value> path) {
      Trie t = this;
      for (Value seg : path) {
        if (t.leaf) {
          return; // a shorter path already covers this one
        }
        t = t.children.computeIfAbsent(seg, k -> new Trie());
      }
      t.leaf = true;
      t.children.clear();
    }
  }

  private static List<Value> parsePath(Value p) throws BuiltinException {
    List<Value> out = new ArrayList<>();
    switch (p) {
      case StringValue s -> {
        if (s.value().isEmpty()) {
          return out;
        }
        String t = s.value();
        int i = 0;
        while (i < t.length() && t.charAt(i) == '/') {
          i++;
        }
        for (String part : t.substring(i).split("/", -1)) {
          out.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
        }
      }
      case ArrayValue arr -> out.addAll(arr.items());
      default -> throw pathsError(p);
    }
    return out;
  }

  private static BuiltinException pathsError(Value p) {
    return BuiltinException.typeError(
        "operand 2 must be one of {set, array} containing string paths or array of path segments"
            + " but got "
            + p.typeName());
  }

  private static Value filterOrRemove(BuiltinContext c, List<Value> a, boolean filter)
      throws BuiltinException {
    ObjectValue doc = Args.object(a, 0);
    Value paths = a.get(1);
    List<Value> list;
    if (paths instanceof ArrayValue arr) {
      list = arr.items();
    } else if (paths instanceof SetValue set) {
      list = set.sorted();
    } else {
      throw Operands.typeError(2, paths, "set", "array");
    }
    Trie trie = new Trie();
    for (Value p : list) {
      trie.add(parsePath(p));
    }
    c.charge(list.size());
    if (filter) {
      Value out = keep(doc, trie);
      return out == null ? ObjectValue.EMPTY : out;
    }
    Value out = drop(doc, trie);
    return out == null ? ObjectValue.EMPTY : out;
  }

  /** An array index addressed by a path segment: only a decimal string selects an element. */
  private static Integer arrayIndex(Value seg, int size) {
    String s = seg instanceof StringValue sv ? sv.value() : null;
    if (s == null || s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int i = Integer.parseInt(s);
    return i < size ? i : null;
  }

  /** json.filter: the parts of the document the trie selects (null when nothing). */
  private static Value keep(Value v, Trie t) {
    if (t.leaf) {
      return v;
    }
    switch (v) {
      case ObjectValue o -> {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<Value, Trie> e : t.children.entrySet()) {
          Value child = o.get(e.getKey());
          if (child != null) {
            Value kept = keep(child, e.getValue());
            if (kept != null) {
              b.put(e.getKey(), kept);
            }
          }
        }
        return b.build();
      }
      case ArrayValue arr -> {
        java.util.TreeMap<Integer, Value> picked = new java.util.TreeMap<>();
        for (Map.Entry<Value, Trie> e : t.children.entrySet()) {
          Integer i = arrayIndex(e.getKey(), arr.size());
          if (i != null) {
            Value kept = keep(arr.get(i), e.getValue());
            if (kept != null) {
              picked.put(i, kept);
            }
          }
        }
        return ArrayValue.of(new ArrayList<>(picked.values()));
      }
      case SetValue s -> {
        SetValue.Builder b = SetValue.builder();
        for (Map.Entry<Value, Trie> e : t.children.entrySet()) {
          if (s.contains(e.getKey())) {
            Value kept = keep(e.getKey(), e.getValue());
            if (kept != null) {
              b.add(kept);
            }
          }
        }
        return b.build();
      }
      default -> {
        return null;
      }
    }
  }

  /** json.remove: the document without the parts the trie selects (null when all removed). */
  private static Value drop(Value v, Trie t) {
    if (t.leaf) {
      return null;
    }
    switch (v) {
      case ObjectValue o -> {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
          Trie sub = t.children.get(e.getKey());
          if (sub == null) {
            b.put(e.getKey(), e.getValue());
          } else {
            Value rest = drop(e.getValue(), sub);
            if (rest != null) {
              b.put(e.getKey(), rest);
            }
          }
        }
        return b.build();
      }
      case ArrayValue arr -> {
        Map<Integer, Trie> byIndex = new LinkedHashMap<>();
        for (Map.Entry<Value, Trie> e : t.children.entrySet()) {
          Integer i = arrayIndex(e.getKey(), arr.size());
          if (i != null) {
            byIndex.put(i, e.getValue());
          }
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
          Trie sub = byIndex.get(i);
          if (sub == null) {
            out.add(arr.get(i));
          } else {
            Value rest = drop(arr.get(i), sub);
            if (rest != null) {
              out.add(rest);
            }
          }
        }
        return ArrayValue.of(out);
      }
      case SetValue s -> {
        SetValue.Builder b = SetValue.builder();
        for (Value x : s.items()) {
          Trie sub = t.children.get(x);
          if (sub == null) {
            b.add(x);
          } else {
            Value rest = drop(x, sub);
            if (rest != null) {
              b.add(rest);
            }
          }
        }
        return b.build();
      }
      default -> {
        return v;
      }
    }
  }
}
