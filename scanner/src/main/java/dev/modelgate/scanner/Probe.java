package dev.modelgate.scanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What detectors look at: the first bytes, the last bytes, the size, and a cache for structures
 * that several detectors parse (e.g. a zip central directory), so each is read once.
 */
public final class Probe {
  /** How many leading bytes {@link #head()} holds (fewer for small files). */
  public static final int HEAD_BYTES = 64 * 1024;

  /** How many trailing bytes {@link #tail()} holds: a zip EOCD with the longest comment fits. */
  public static final int TAIL_BYTES = 64 * 1024 + 22 + 20;

  private final ByteSource source;
  private final String name;
  private final long size;
  private final byte[] head;
  private byte[] tail;
  private final Map<String, Object> cache = new HashMap<>();

  public Probe(ByteSource source, String name) throws IOException {
    this.source = source;
    this.name = name;
    this.size = source.size();
    this.head = source.readUpTo(0, (int) Math.min(HEAD_BYTES, size));
  }

  public ByteSource source() {
    return source;
  }

  /** File or member name (only for messages and the extension check, never for detection). */
  public String name() {
    return name;
  }

  public long size() {
    return size;
  }

  /** The first {@code min(size, HEAD_BYTES)} bytes. Do not modify. */
  public byte[] head() {
    return head;
  }

  /** The last {@code min(size, TAIL_BYTES)} bytes. Do not modify. */
  public byte[] tail() throws IOException {
    if (tail == null) {
      if (size <= head.length) {
        tail = head;
      } else {
        int n = (int) Math.min(TAIL_BYTES, size);
        tail = source.readFully(size - n, n);
      }
    }
    return tail;
  }

  /** The tail if something already loaded it, else null. */
  byte[] loadedTail() {
    return tail;
  }

  /**
   * The head decoded as UTF-8 for text formats, or null when it holds a NUL byte: text formats
   * never contain one, so such a file is binary and not theirs.
   */
  public String headTextOrNull() {
    for (byte b : head) {
      if (b == 0) {
        return null;
      }
    }
    return new String(head, StandardCharsets.UTF_8);
  }

  /** True when the head starts with {@code magic}. */
  public boolean startsWith(byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** The lower-case extension of {@link #name()} without the dot, or "" when there is none. */
  public String extension() {
    return extensionOf(name);
  }

  static String extensionOf(String name) {
    if (name == null) {
      return "";
    }
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String base = name.substring(slash + 1);
    int dot = base.lastIndexOf('.');
    return dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the structure cached under {@code key}, parsing it with {@code parser} the first time.
   * A parser returns null when the structure is absent; that is cached too.
   */
  @SuppressWarnings("unchecked")
  public <T> T cached(String key, Function<Probe, T> parser) {
    if (cache.containsKey(key)) {
      return (T) cache.get(key);
    }
    T value = parser.apply(this);
    cache.put(key, value);
    return value;
  }
}
