package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * What a rule index looks up: a ground reference into {@code input} or base {@code data}, or the
 * value of a function argument. Two keys are equal when they name the same document path, however
 * often it is written.
 */
public final class IndexKey {
  private final String root;
  private final List<Value> path;
  private final Term.Ref ref;
  private final int arg;

  private IndexKey(String root, List<Value> path, Term.Ref ref, int arg) {
    this.root = root;
    this.path = path;
    this.ref = ref;
    this.arg = arg;
  }

  /** A ground {@code input...} or {@code data...} reference; {@code path} holds its keys. */
  static IndexKey ref(String root, List<Value> path, Term.Ref ref) {
    return new IndexKey(root, List.copyOf(path), ref, -1);
  }

  /** The function argument at this position. */
  static IndexKey arg(int i) {
    return new IndexKey("args", List.of(), null, i);
  }

  /** The reference to resolve, or null for a function argument. */
  public Term.Ref ref() {
    return ref;
  }

  /** The argument position, or -1 for a reference. */
  public int arg() {
    return arg;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexKey k && k.arg == arg && k.root.equals(root) && k.path.equals(path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, path, arg);
  }

  @Override
  public String toString() {
    return arg >= 0 ? "args[" + arg + "]" : root + path;
  }
}
