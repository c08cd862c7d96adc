package dev.modelgate.scanner.pickle;

/**
 * A persistent id the pickle hands to its loader's {@code persistent_load}, as PyTorch's loaders
 * read it: {@code ('storage', storage_type, key, location, numel)}, the key naming the zip record
 * {@code <archive>/<pickle name>/<key>} that holds the tensor bytes.
 *
 * @param typename the first item when it is a str constant (torch requires "storage"), else null
 * @param storageType the second item's name when it is a {@code torch.*Storage} global (e.g.
 *     "FloatStorage"), else null
 * @param key the third item when it is a str constant, else null
 * @param numel the fifth item (elements in the storage) when it is an int constant, else -1
 * @param offset where the PERSID/BINPERSID opcode is in the pickle
 */
public record PersistentId(
    String typename, String storageType, String key, long numel, long offset) {

  /** True when torch's {@code persistent_load} would accept the shape of this id. */
  public boolean isStorage() {
    return "storage".equals(typename) && key != null;
  }

  static PersistentId of(Object pid, long offset) {
    if (pid instanceof Values.Container c && c.kind == 't' && c.count >= 3) {
      String typename = c.get(0) instanceof Values.Str s ? s.value() : null;
      String type =
          c.get(1) instanceof Values.Global g && g.module().equals("torch") ? g.name() : null;
      String key = c.get(2) instanceof Values.Str s && !s.truncated() ? s.value() : null;
      long numel = c.count >= 5 && c.get(4) instanceof Long n && n >= 0 ? n : -1;
      return new PersistentId(typename, type, key, numel, offset);
    }
    return new PersistentId(null, null, null, -1, offset);
  }
}
