package dev.modelgate.rego.types;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A builtin's declared type (OPA's Decl): named parameters and a named result. A call may pass one
 * more operand than there are parameters, the output, which must fit the result type.
 */
public record Signature(String name, List<Param> params, Param result) {

  /**
   * A parameter or result, printed {@code name: type} as OPA prints named types; the name is empty
   * for the few that OPA leaves unnamed.
   */
  public record Param(String name, RegoType type) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
      return name.isEmpty() ? type.toString() : name + ": " + type;
    }
  }

  public Signature {
    Objects.requireNonNull(name, "name");
    params = List.copyOf(params);
    Objects.requireNonNull(result, "result");
  }

  /** Number of inputs (the output operand not counted). */
  public int arity() {
    return params.size();
  }

  /** The type operand {@code i} must have: a parameter's, or the result's for the output. */
  public RegoType operand(int i) {
    return i < params.size() ? params.get(i).type() : result.type();
  }

  /**
   * The parameters and the result as OPA lists them after "want:", e.g. {@code (x: string, y:
   * string)}.
   */
  public String want() {
    return java.util.stream.Stream.concat(params.stream(), java.util.stream.Stream.of(result))
        .map(Param::toString)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  @Override
  public String toString() {
    return name
        + params.stream().map(Param::toString).collect(Collectors.joining(", ", "(", ")"))
        + " => "
        + result;
  }
}
