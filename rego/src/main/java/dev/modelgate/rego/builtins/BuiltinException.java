package dev.modelgate.rego.builtins;

import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.Value;

/**
 * A builtin failed. The engine reports it as {@code <builtin name>: <message>} with the code of its
 * {@link Kind}, like OPA. Type and builtin errors make the call undefined unless strict builtin
 * errors are on (OPA's {@code strict-builtin-errors}), then they abort; HALT always aborts.
 */
public final class BuiltinException extends Exception {

  /** The error class, mapped to OPA's error codes. */
  public enum Kind {
    /** Bad operand types: {@code eval_type_error}. */
    TYPE_ERROR("eval_type_error"),
    /** Any other failure: {@code eval_builtin_error}. */
    BUILTIN_ERROR("eval_builtin_error"),
    /** Always aborts, whatever the strict mode (OPA's topdown.Halt; e.g. refused http.send). */
    HALT("eval_builtin_error");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** OPA's error code string. */
    public String code() {
      return code;
    }
  }

  private final Kind kind;

  public BuiltinException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** {@code eval_builtin_error} with this message. */
  public static BuiltinException error(String message) {
    return new BuiltinException(Kind.BUILTIN_ERROR, message);
  }

  /** {@code eval_type_error} with this message. */
  public static BuiltinException typeError(String message) {
    return new BuiltinException(Kind.TYPE_ERROR, message);
  }

  /** An error that aborts evaluation even without strict mode. */
  public static BuiltinException halt(String message) {
    return new BuiltinException(Kind.HALT, message);
  }

  /**
   * OPA's operand type error: {@code operand 1 must be string but got number}.
   *
   * @param position 1-based operand position
   * @param expected what was expected, e.g. {@code "string"} or {@code "one of {array, set}"}
   */
  public static BuiltinException operand(int position, String expected, Value got) {
    return typeError("operand " + position + " must be " + expected + " but got " + describe(got));
  }

  /** OPA's name for a value's type in operand errors (numbers are split for integer checks). */
  static String describe(Value v) {
    return v.typeName();
  }

  /** The operand error OPA raises when an integer is required and a fraction was given. */
  public static BuiltinException notInteger(int position, NumberValue got) {
    return typeError(
        "operand " + position + " must be integer number but got floating-point number");
  }
}
