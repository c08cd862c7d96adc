package dev.modelgate.rego.api;

import java.util.List;
import java.util.stream.Collectors;

/** Parsing or compiling failed; {@link #errors()} holds every error found, with locations. */
public final class RegoCompileException extends RuntimeException {
  private final List<RegoError> errors;

  public RegoCompileException(List<RegoError> errors) {
    super(
        errors.stream().map(RegoError::toString).collect(Collectors.joining("\n")),
        null,
        false,
        false);
    this.errors = List.copyOf(errors);
  }

  public List<RegoError> errors() {
    return errors;
  }
}
