package dev.modelgate.rego.types;

import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The static type of a Rego term, as OPA's type checker models it (OPA's {@code v1/types}): the
 * scalars, arrays (fixed positions and/or a type for every further element), sets, objects (typed
 * known keys and/or a type for every further key and value), and {@code any} — every type, or a
 * union of the listed ones.
 *
 * <p>{@link #toString()} prints a type the way OPA does in its error details ({@code
 * any<array[string], set[string]>}); {@link TypeNotation} parses that text back.
 */
public sealed interface RegoType {
  /** Every type ({@code any}). */
  AnyType ANY = new AnyType(List.of());

  NullType NULL = new NullType();
  BooleanType BOOLEAN = new BooleanType();
  NumberType NUMBER = new NumberType();
  StringType STRING = new StringType();

  /** Position in OPA's order of type kinds (typeOrder in v1/types/types.go). */
  int kindOrder();

  /** {@code null}. */
  record NullType() implements RegoType {
    @Override
    public int kindOrder() {
      return 0;
    }

    @Override
    public String toString() {
      return "null";
    }
  }

  /** {@code boolean}. */
  record BooleanType() implements RegoType {
    @Override
    public int kindOrder() {
      return 1;
    }

    @Override
    public String toString() {
      return "boolean";
    }
  }

  /** {@code number}. */
  record NumberType() implements RegoType {
    @Override
    public int kindOrder() {
      return 2;
    }

    @Override
    public String toString() {
      return "number";
    }
  }

  /** {@code string}. */
  record StringType() implements RegoType {
    @Override
    public int kindOrder() {
      return 3;
    }

    @Override
    public String toString() {
      return "string";
    }
  }

  /**
   * An array: {@code statics} types its first positions (an element may be null: unknown, as for a
   * variable in a literal), {@code dynamic} (may be null) every further element. {@code
   * array<number, string>} is a pair, {@code array[any]} any array.
   */
  record ArrayType(List<RegoType> statics, RegoType dynamic) implements RegoType {
    public ArrayType {
      statics = Collections.unmodifiableList(new ArrayList<>(statics));
    }

    /** The type at this position, or null if the array cannot have it. */
    public RegoType select(int pos) {
      if (pos < statics.size()) {
        return statics.get(pos);
      }
      return dynamic;
    }

    @Override
    public int kindOrder() {
      return 4;
    }

    @Override
    public String toString() {
      String s = "array";
      if (!statics.isEmpty()) {
        s += statics.stream().map(Types::print).collect(Collectors.joining(", ", "<", ">"));
      }
      return dynamic == null ? s : s + "[" + dynamic + "]";
    }
  }

  /** A set whose elements have type {@code of} (null when unknown, as for {@code set()}). */
  record SetType(RegoType of) implements RegoType {
    @Override
    public int kindOrder() {
      return 6;
    }

    @Override
    public String toString() {
      return "set[" + Types.print(of) + "]";
    }
  }

  /** A known key of an object type and the type of its value (null: unknown). */
  record Property(Value key, RegoType value) {
    public Property {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * An object: {@code statics} types known keys (kept sorted by key, as OPA does); {@code
   * dynamicKey}/{@code dynamicValue} (both null, or both set) type every other key and value.
   */
  record ObjectType(List<Property> statics, RegoType dynamicKey, RegoType dynamicValue)
      implements RegoType {
    public ObjectType {
      if ((dynamicKey == null) != (dynamicValue == null)) {
        throw new IllegalArgumentException("dynamic key and value go together");
      }
      List<Property> sorted = new ArrayList<>(statics);
      sorted.sort(Comparator.comparing(Property::key));
      statics = List.copyOf(sorted);
    }

    /** {@code object[key: value]}. */
    public static ObjectType dynamic(RegoType key, RegoType value) {
      return new ObjectType(List.of(), key, value);
    }

    /**
     * The type of the value under this key: the known key's, else the dynamic value's if the key's
     * type is among the dynamic key types (OPA's Object.Select); null if the key cannot occur.
     */
    public RegoType select(Value key) {
      for (Property p : statics) {
        if (p.key().equals(key)) {
          return p.value();
        }
      }
      if (dynamicKey != null && Types.contains(dynamicKey, Types.ofValue(key))) {
        return dynamicValue;
      }
      return null;
    }

    @Override
    public int kindOrder() {
      return 5;
    }

    @Override
    public String toString() {
      String s = "object";
      if (!statics.isEmpty()) {
        s +=
            statics.stream()
                .map(p -> Types.printKey(p.key()) + ": " + Types.print(p.value()))
                .collect(Collectors.joining(", ", "<", ">"));
      }
      return dynamicKey == null ? s : s + "[" + dynamicKey + ": " + dynamicValue + "]";
    }
  }

  /**
   * {@code any}: with no members every type; otherwise the union of its members (kept in OPA's type
   * order, which is also how OPA prints them).
   */
  record AnyType(List<RegoType> of) implements RegoType {
    public AnyType {
      List<RegoType> sorted = new ArrayList<>(of);
      sorted.sort(Types::compare);
      of = List.copyOf(sorted);
    }

    /** The union of these types. */
    public static AnyType of(RegoType... types) {
      return new AnyType(List.of(types));
    }

    /** Is this the type of every value? */
    public boolean isEverything() {
      return of.isEmpty();
    }

    @Override
    public int kindOrder() {
      return 7;
    }

    @Override
    public String toString() {
      if (of.isEmpty()) {
        return "any";
      }
      return of.stream().map(String::valueOf).collect(Collectors.joining(", ", "any<", ">"));
    }
  }
}
