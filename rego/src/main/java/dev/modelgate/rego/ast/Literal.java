package dev.modelgate.rego.ast;

import java.util.List;

/**
 * One expression of a body, with its negation and {@code with} modifiers.
 *
 * @param expr the expression
 * @param negated {@code not expr}
 * @param withs the {@code with target as value} modifiers
 */
public record Literal(Expr expr, boolean negated, List<With> withs, Location loc) {

  /** {@code with target as value}; target is a Ref or a Var (e.g. {@code input}, {@code count}). */
  public record With(Term target, Term value, Location loc) {}

  public Literal withExpr(Expr e) {
    return new Literal(e, negated, withs, loc);
  }
}
