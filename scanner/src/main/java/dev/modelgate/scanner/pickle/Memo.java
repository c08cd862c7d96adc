package dev.modelgate.scanner.pickle;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The pickle memo: index → value, dense for the small sequential indices picklers write, sparse for
 * anything else. {@link #size()} is the number of distinct indices set, which is what MEMOIZE uses
 * as its index (CPython's {@code memo_len}).
 */
final class Memo {
  private static final int DENSE_MAX = 1 << 21;
  private Object[] dense = new Object[64];
  private HashMap<Long, Object> sparse;
  private int size;

  int size() {
    return size;
  }

  void put(long idx, Object v) {
    // Dense only while indices stay near the count, so a PUT at a huge index cannot blow memory.
    if (idx >= 0 && idx < DENSE_MAX && (idx < dense.length || idx <= 2L * size + 1024)) {
      int i = (int) idx;
      if (i >= dense.length) {
        dense = Arrays.copyOf(dense, Math.max(i + 1, Math.min(DENSE_MAX, dense.length * 2)));
      }
      if (dense[i] == null) {
        boolean wasSparse = sparse != null && sparse.remove(idx) != null;
        if (!wasSparse) {
          size++;
        }
      }
      dense[i] = v;
      return;
    }
    if (sparse == null) {
      sparse = new HashMap<>();
    }
    if (sparse.put(idx, v) == null) {
      size++;
    }
  }

  /** The value at idx, or null when not set. */
  Object get(long idx) {
    if (idx >= 0 && idx < dense.length && dense[(int) idx] != null) {
      return dense[(int) idx];
    }
    return sparse == null ? null : sparse.get(idx);
  }
}
