package dev.modelgate.scanner.pickle;

import java.util.Arrays;

/**
 * The symbolic values of the pickle machine. Only what judgement needs is kept: strings (capped),
 * small ints, the global a value came from, and the first few items of containers, so memory stays
 * bounded however large the pickle is.
 */
final class Values {
  /** Items kept per container (twice as many for dicts); the rest are counted only. */
  static final int KEEP = 8;

  /** Characters kept per string. */
  static final int MAX_STRING = 1024;

  private Values() {}

  /** Python None. */
  static final Object NONE =
      new Object() {
        @Override
        public String toString() {
          return "None";
        }
      };

  /** A value the machine does not model (float, big int, out-of-band buffer, ...). */
  static final Object OPAQUE =
      new Object() {
        @Override
        public String toString() {
          return "<value>";
        }
      };

  /** A str constant (possibly truncated). */
  record Str(String value, boolean truncated) {
    @Override
    public String toString() {
      return "'" + value + (truncated ? "…" : "") + "'";
    }
  }

  /** A bytes constant: where it is and how long, not its content. */
  record Bytes(long offset, long length) {}

  /** The object find_class returned for (module, name), as resolved. */
  record Global(String module, String name, long offset) {
    String qualified() {
      return module + "." + name;
    }

    @Override
    public String toString() {
      return qualified();
    }
  }

  /** An object the loader persistent_load returned for a persistent id. */
  record Persistent(Object pid) {}

  /** The result of calling or instantiating {@code callable} (null when not a known global). */
  static final class Obj {
    final Global origin;
    Object args;
    Object state;

    Obj(Global origin) {
      this.origin = origin;
    }

    @Override
    public String toString() {
      return (origin == null ? "<computed>" : origin.qualified()) + "(...)";
    }
  }

  /** list, tuple, dict (keys and values interleaved), set, frozenset. */
  static final class Container {
    final char kind; // 'l' list, 't' tuple, 'd' dict, 's' set, 'f' frozenset
    Object[] items;
    int kept;
    long count;

    private final int keep;

    Container(char kind, int capacity) {
      this.kind = kind;
      this.keep = kind == 'd' ? 2 * KEEP : KEEP;
      this.items = new Object[Math.min(capacity, keep)];
    }

    void add(Object v) {
      if (kept < keep) {
        if (kept == items.length) {
          items = Arrays.copyOf(items, Math.min(keep, Math.max(2, kept * 2)));
        }
        items[kept++] = v;
      }
      count++;
    }

    /** Adds {@code src[from, to)}: the first ones are kept up to the cap, all are counted. */
    void addAll(Object[] src, int from, int to) {
      int room = Math.min(keep - kept, to - from);
      if (room > 0) {
        if (kept + room > items.length) {
          items = Arrays.copyOf(items, Math.min(keep, Math.max(kept + room, kept * 2)));
        }
        for (int i = 0; i < room; i++) { // tuples are 1-3 items: cheaper than arraycopy's stub
          items[kept + i] = src[from + i];
        }
        kept += room;
      }
      count += to - from;
    }

    Object get(int i) {
      return i < kept ? items[i] : OPAQUE;
    }

    /** For dicts: the value stored under str key {@code key} among the kept items, or null. */
    Object lookup(String key) {
      for (int i = 0; i + 1 < kept; i += 2) {
        if (items[i] instanceof Str s && s.value().equals(key)) {
          return items[i + 1];
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return kind + "[" + count + "]";
    }
  }
}
