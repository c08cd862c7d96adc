package dev.modelgate.rego.value;

import java.util.List;

/** OPA's total order over values (ast.Compare). */
final class ValueOrder {
  private ValueOrder() {}

  static int compare(Value a, Value b) {
    if (a == b) {
      return 0;
    }
    int ra = a.typeRank();
    int rb = b.typeRank();
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (a) {
      case NullValue n -> 0;
      case BooleanValue x -> Boolean.compare(x.value(), ((BooleanValue) b).value());
      case NumberValue x -> x.bigDecimal().compareTo(((NumberValue) b).bigDecimal());
      case StringValue x -> StringValue.compareCodePoints(x.value(), ((StringValue) b).value());
      case ArrayValue x -> compareLists(x.items(), ((ArrayValue) b).items());
      case SetValue x -> compareLists(x.sorted(), ((SetValue) b).sorted());
      case ObjectValue x -> compareObjects(x, (ObjectValue) b);
    };
  }

  private static int compareLists(List<Value> a, List<Value> b) {
    return ListOrder.compare(a, b, ValueOrder::compare);
  }

  /** Keys in sorted order, each key then its value, then the size (as OPA's objectCompare). */
  private static int compareObjects(ObjectValue a, ObjectValue b) {
    List<Value> ka = a.sortedKeys();
    List<Value> kb = b.sortedKeys();
    int n = Math.min(ka.size(), kb.size());
    for (int i = 0; i < n; i++) {
      int c = compare(ka.get(i), kb.get(i));
      if (c != 0) {
        return c;
      }
      c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ka.size(), kb.size());
  }
}
