package dev.modelgate.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conversions between values and plain Java objects (as produced by JSON/YAML libraries). */
public final class Values {
  private Values() {}

  /**
   * Converts maps, lists/collections, strings, numbers, booleans and null into a value. {@link Set}
   * becomes a Rego set; other collections and arrays become arrays; map keys are converted too.
   *
   * @throws IllegalArgumentException for any other type
   */
  public static Value fromJava(Object o) {
    return fromJava(o, 0);
  }

  private static Value fromJava(Object o, int depth) {
    if (depth > ValueJson.MAX_DEPTH) {
      throw new IllegalArgumentException("document nested deeper than " + ValueJson.MAX_DEPTH);
    }
    return switch (o) {
      case null -> NullValue.INSTANCE;
      case Value v -> v;
      case String s -> StringValue.of(s);
      case Boolean b -> BooleanValue.of(b);
      case Integer i -> NumberValue.of(i);
      case Long l -> NumberValue.of(l);
      case Short s -> NumberValue.of(s);
      case Byte b -> NumberValue.of(b);
      case BigInteger bi -> NumberValue.of(bi);
      case BigDecimal bd -> NumberValue.of(bd);
      case Double d -> NumberValue.of(d);
      case Float f -> NumberValue.of(new BigDecimal(Float.toString(f)));
      case Map<?, ?> m -> {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          b.put(fromJava(e.getKey(), depth + 1), fromJava(e.getValue(), depth + 1));
        }
        yield b.build();
      }
      case Set<?> s -> {
        SetValue.Builder b = SetValue.builder();
        for (Object x : s) {
          b.add(fromJava(x, depth + 1));
        }
        yield b.build();
      }
      case Collection<?> c -> {
        List<Value> items = new ArrayList<>(c.size());
        for (Object x : c) {
          items.add(fromJava(x, depth + 1));
        }
        yield ArrayValue.of(items);
      }
      case Object[] arr -> fromJava(List.of(arr), depth);
      default -> throw new IllegalArgumentException("no Rego value for " + o.getClass().getName());
    };
  }

  /**
   * Converts a value into plain Java objects: {@code null}, Boolean, BigDecimal/BigInteger, String,
   * List (arrays and sets, sets sorted), Map (insertion order; non-string keys as their JSON text).
   */
  public static Object toJava(Value v) {
    return switch (v) {
      case NullValue n -> null;
      case BooleanValue b -> b.value();
      case NumberValue n -> n.isInteger() ? n.bigIntegerOrNull() : n.bigDecimal();
      case StringValue s -> s.value();
      case ArrayValue a -> {
        List<Object> out = new ArrayList<>(a.size());
        for (Value x : a.items()) {
          out.add(toJava(x));
        }
        yield out;
      }
      case SetValue s -> {
        List<Object> out = new ArrayList<>(s.size());
        for (Value x : s.sorted()) {
          out.add(toJava(x));
        }
        yield out;
      }
      case ObjectValue o -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
          Value k = e.getKey();
          out.put(k instanceof StringValue s ? s.value() : k.toJson(), toJava(e.getValue()));
        }
        yield out;
      }
    };
  }
}
