package dev.modelgate.rego.types;

import dev.modelgate.rego.types.RegoType.AnyType;
import dev.modelgate.rego.types.RegoType.ArrayType;
import dev.modelgate.rego.types.RegoType.ObjectType;
import dev.modelgate.rego.types.RegoType.Property;
import dev.modelgate.rego.types.RegoType.SetType;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.ListOrder;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operations on {@link RegoType}s with the meaning OPA gives them: the order of types, containment,
 * unions, the type of a constant, and {@link #unifies} — whether a value of one type may be a value
 * of the other (the test behind OPA's "invalid argument(s)" errors, v1/ast/check.go).
 *
 * <p>A null type means "unknown" (OPA's nil type, printed {@code ???}); it unifies with nothing.
 */
public final class Types {
  private Types() {}

  /** OPA's total order on types (types.Compare): by kind, then structurally. */
  public static int compare(RegoType a, RegoType b) {
    int x = a == null ? -1 : a.kindOrder();
    int y = b == null ? -1 : b.kindOrder();
    if (x != y) {
      return Integer.compare(x, y);
    }
    return switch (a) {
      case null -> 0;
      case ArrayType arrA -> {
        ArrayType arrB = (ArrayType) b;
        if ((arrA.dynamic() == null) != (arrB.dynamic() == null)) {
          yield arrA.dynamic() != null ? 1 : -1;
        }
        if (arrA.dynamic() != null) {
          int c = compare(arrA.dynamic(), arrB.dynamic());
          if (c != 0) {
            yield c;
          }
        }
        yield compareLists(arrA.statics(), arrB.statics());
      }
      case ObjectType objA -> compareObjects(objA, (ObjectType) b);
      case SetType setA -> {
        SetType setB = (SetType) b;
        if (setA.of() == null || setB.of() == null) {
          yield setA.of() == null ? (setB.of() == null ? 0 : -1) : 1;
        }
        yield compare(setA.of(), setB.of());
      }
      case AnyType anyA -> compareLists(anyA.of(), ((AnyType) b).of());
      default -> 0;
    };
  }

  private static int compareObjects(ObjectType a, ObjectType b) {
    if ((a.dynamicKey() == null) != (b.dynamicKey() == null)) {
      return a.dynamicKey() != null ? 1 : -1;
    }
    if (a.dynamicKey() != null) {
      int c = compare(a.dynamicKey(), b.dynamicKey());
      if (c != 0) {
        return c;
      }
      c = compare(a.dynamicValue(), b.dynamicValue());
      if (c != 0) {
        return c;
      }
    }
    int n = Math.min(a.statics().size(), b.statics().size());
    for (int i = 0; i < n; i++) {
      Property p = a.statics().get(i);
      Property q = b.statics().get(i);
      int c = p.key().compareTo(q.key());
      if (c != 0) {
        return c;
      }
      c = compare(p.value(), q.value());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.statics().size(), b.statics().size());
  }

  private static int compareLists(List<RegoType> a, List<RegoType> b) {
    return ListOrder.compare(a, b, Types::compare);
  }

  /** Is {@code b} one of the types {@code a} stands for (types.Contains)? */
  public static boolean contains(RegoType a, RegoType b) {
    if (a instanceof AnyType any) {
      return any.isEverything() || any.of().stream().anyMatch(t -> compare(t, b) == 0);
    }
    return compare(a, b) == 0;
  }

  /** The union of two types (types.Or); a null (unknown) side gives the other. */
  public static RegoType or(RegoType a, RegoType b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a instanceof AnyType anyA) {
      return merge(anyA, b);
    }
    if (b instanceof AnyType anyB) {
      return merge(anyB, a);
    }
    return compare(a, b) == 0 ? a : AnyType.of(a, b);
  }

  private static AnyType merge(AnyType a, RegoType b) {
    if (a.isEverything()) {
      return a;
    }
    if (b instanceof AnyType anyB && anyB.isEverything()) {
      return anyB;
    }
    List<RegoType> out = new ArrayList<>(a.of());
    List<RegoType> add = b instanceof AnyType anyB ? anyB.of() : List.of(b);
    for (RegoType t : add) {
      if (out.stream().noneMatch(x -> compare(x, t) == 0)) {
        out.add(t);
      }
    }
    return new AnyType(out);
  }

  /**
   * The type of a constant, as OPA types a literal: scalars by kind, arrays and objects by each
   * element ({@code array<number, string>}, {@code object<a: number>}), sets by the union of their
   * elements; empty collections hold {@code any}.
   */
  public static RegoType ofValue(Value v) {
    return switch (v) {
      case NullValue n -> RegoType.NULL;
      case BooleanValue b -> RegoType.BOOLEAN;
      case NumberValue n -> RegoType.NUMBER;
      case StringValue s -> RegoType.STRING;
      case ArrayValue a -> {
        if (a.size() == 0) {
          yield new ArrayType(List.of(), RegoType.ANY);
        }
        List<RegoType> statics = new ArrayList<>(a.size());
        a.items().forEach(x -> statics.add(ofValue(x)));
        yield new ArrayType(statics, null);
      }
      case ObjectValue o -> {
        if (o.size() == 0) {
          yield ObjectType.dynamic(RegoType.ANY, RegoType.ANY);
        }
        List<Property> props = new ArrayList<>(o.size());
        for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
          props.add(new Property(e.getKey(), ofValue(e.getValue())));
        }
        yield new ObjectType(props, null, null);
      }
      case SetValue s -> {
        RegoType of = null;
        for (Value x : s.items()) {
          of = or(of, ofValue(x));
        }
        yield new SetType(of == null ? RegoType.ANY : of);
      }
    };
  }

  /**
   * Can a value of type {@code a} be a value of type {@code b}? As OPA's unifies: an {@code any}
   * side unifies if one of its members does; arrays and objects position by position and key by key
   * in both directions; sets by element type. Unknown (null) unifies with nothing.
   */
  public static boolean unifies(RegoType a, RegoType b) {
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof AnyType anyA && unifiesAny(anyA, b)) {
      return true;
    }
    if (b instanceof AnyType anyB && unifiesAny(anyB, a)) {
      return true;
    }
    if (a instanceof AnyType || b instanceof AnyType) {
      return false;
    }
    return switch (a) {
      case ArrayType arrA -> b instanceof ArrayType arrB && unifiesArrays(arrA, arrB);
      case ObjectType objA -> b instanceof ObjectType objB && unifiesObjects(objA, objB);
      case SetType setA -> b instanceof SetType setB && unifies(setA.of(), setB.of());
      default -> a.kindOrder() == b.kindOrder();
    };
  }

  private static boolean unifiesAny(AnyType a, RegoType b) {
    return a.isEverything() || a.of().stream().anyMatch(t -> unifies(t, b));
  }

  private static boolean unifiesArrays(ArrayType a, ArrayType b) {
    return unifiesArraysStatic(a, b)
        && unifiesArraysStatic(b, a)
        && (a.dynamic() == null || b.dynamic() == null || unifies(a.dynamic(), b.dynamic()));
  }

  private static boolean unifiesArraysStatic(ArrayType a, ArrayType b) {
    for (int i = 0; i < a.statics().size(); i++) {
      if (!unifies(a.select(i), b.select(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean unifiesObjects(ObjectType a, ObjectType b) {
    return unifiesObjectsStatic(a, b)
        && unifiesObjectsStatic(b, a)
        && (a.dynamicValue() == null
            || b.dynamicValue() == null
            || unifies(a.dynamicValue(), b.dynamicValue()));
  }

  private static boolean unifiesObjectsStatic(ObjectType a, ObjectType b) {
    for (Property p : a.statics()) {
      if (!unifies(a.select(p.key()), b.select(p.key()))) {
        return false;
      }
    }
    return true;
  }

  /** A type as OPA prints it; {@code ???} for unknown. */
  public static String print(RegoType t) {
    return t == null ? "???" : t.toString();
  }

  /** An object type's known key as OPA prints it (strings bare, as Go's %v). */
  static String printKey(Value key) {
    return key instanceof StringValue s ? s.value() : key.toJson();
  }
}
