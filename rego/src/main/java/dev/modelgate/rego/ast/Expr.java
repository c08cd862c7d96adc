package dev.modelgate.rego.ast;

import java.util.List;

/** The expression forms of a body literal. */
public sealed interface Expr {

  /** A term whose value must be defined and not false (calls included). */
  record TermExpr(Term term) implements Expr {}

  /** {@code left = right} (unification). */
  record Unify(Term left, Term right) implements Expr {}

  /** {@code left := right} (declaration + unification). */
  record Assign(Term left, Term right) implements Expr {}

  /** {@code some a, b} (declares variables). */
  record SomeDecl(List<Term.Var> vars) implements Expr {}

  /** {@code some k, v in collection} (key may be null). */
  record SomeIn(Term key, Term value, Term collection) implements Expr {}

  /** {@code every k, v in domain { body }} (key may be null). */
  record Every(Term key, Term value, Term domain, List<Literal> body) implements Expr {}
}
