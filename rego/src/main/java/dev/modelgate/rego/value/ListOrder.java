package dev.modelgate.rego.value;

import java.util.Comparator;
import java.util.List;

/**
 * The lexicographic order OPA gives sequences, both of values (ast.Compare) and of types
 * (types.Compare): element by element, then the shorter first. One place so the two orders cannot
 * drift apart.
 */
public final class ListOrder {
  private ListOrder() {}

  /** Compares {@code a} and {@code b} element by element with {@code order}, then by size. */
  public static <T> int compare(List<? extends T> a, List<? extends T> b, Comparator<T> order) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = order.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
