package dev.modelgate.rego.ast;

import dev.modelgate.rego.value.Value;
import java.util.List;

/**
 * A rule as written. {@code head} is the head reference relative to the package (its first element
 * is the rule name as a string Scalar). For a function {@code args} is non-null; for a partial-set
 * ({@code contains}) rule {@code kind} is MULTI and {@code value} is the element.
 */
public record Rule(
    Kind kind,
    List<Term> head,
    List<Term> args,
    Term value,
    List<Literal> body,
    boolean isDefault,
    Rule elseRule,
    Location loc,
    Value annotations,
    String module) {

  /** How the rule's outputs combine. */
  public enum Kind {
    /** One value per path: complete rules, partial objects, ref-head rules. */
    SINGLE,
    /** {@code contains}: a set of values. */
    MULTI,
    /** A function (has args). */
    FUNCTION
  }

  /** The rule's name (first head element). */
  public String name() {
    return ((dev.modelgate.rego.value.StringValue) ((Term.Scalar) head.get(0)).value()).value();
  }

  public Rule withBody(List<Literal> b) {
    return new Rule(kind, head, args, value, b, isDefault, elseRule, loc, annotations, module);
  }
}
