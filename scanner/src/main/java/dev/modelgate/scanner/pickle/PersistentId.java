package dev.modelgate.scanner.pickle;

/**
 * A persistent id the pickle hands to its loader's {@code persistent_load}, as PyTorch's loaders
 * read it: {@code ('storage', storage_type, key, location, numel)}, the key naming the zip record
 * {@code <archive>/<pickle name>/<key>} that holds the tensor bytes.
 *
 * @param typename the first item when it is a str constant (torch requires "storage"), else null
 * @param key the third item when it is a str constant, else null
 * @param offset where the PERSID/BINPERSID opcode is in the pickle
 */
public record PersistentId(String typename, String key, long offset) {

  /** True when torch's {@code persistent_load} would accept the shape of this id. */
  public boolean isStorage() {
    return "storage".equals(typename) && key != null;
  }

  static PersistentId of(Object pid, long offset) {
    if (pid instanceof Values.Container c && c.kind == 't' && c.count >= 3) {
      String typename = c.get(0) instanceof Values.Str s ? s.value() : null;
      String key = c.get(2) instanceof Values.Str s && !s.truncated() ? s.value() : null;
      return new PersistentId(typename, key, offset);
    }
    return new PersistentId(null, null, offset);
  }
}
