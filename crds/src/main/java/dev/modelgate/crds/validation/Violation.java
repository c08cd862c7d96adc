package dev.modelgate.crds.validation;

/**
 * One reason a spec is invalid, tied to the field at fault ({@code spec.repo}).
 *
 * @param field the JSON path of the offending field, starting at {@code spec}
 * @param message what is wrong, written for the person who wrote the YAML
 */
public record Violation(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
