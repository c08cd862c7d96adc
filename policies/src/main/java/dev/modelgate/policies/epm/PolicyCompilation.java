package dev.modelgate.policies.epm;

import java.util.List;

/**
 * The outcome of compiling one ModelPolicy: either a policy ready to evaluate or the errors, each
 * as {@code file:line:col: code: message}.
 */
public record PolicyCompilation(CompiledModelPolicy policy, List<String> errors) {

  public PolicyCompilation {
    errors = List.copyOf(errors);
  }

  static PolicyCompilation ok(CompiledModelPolicy policy) {
    return new PolicyCompilation(policy, List.of());
  }

  static PolicyCompilation failed(List<String> errors) {
    return new PolicyCompilation(null, errors);
  }

  public boolean isValid() {
    return policy != null;
  }

  /** The errors as one status message. */
  public String message() {
    return String.join("\n", errors);
  }
}
