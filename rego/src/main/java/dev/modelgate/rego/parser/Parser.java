package dev.modelgate.rego.parser;

import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Location;
import dev.modelgate.rego.ast.Module;
import dev.modelgate.rego.ast.RefNames;
import dev.modelgate.rego.ast.Rule;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Recursive-descent parser for Rego v1 (and v0 when a module asks for it). */
public final class Parser {
  /** Deepest nesting of terms/bodies accepted, so hostile input cannot overflow the stack. */
  static final int MAX_DEPTH = 200;

  private static final Map<String, String> RELATIONS =
      Map.of("==", "equal", "!=", "neq", "<", "lt", "<=", "lte", ">", "gt", ">=", "gte");
  private static final Set<String> KEYWORDS =
      Set.of("package", "import", "not", "with", "as", "some", "default", "else");

  private final String file;
  private final List<Token> tokens;
  private final Map<Integer, Value> annotationsByLine;
  private int p;
  private int depth;
  private List<Rule> rules;
  private boolean v1;

  /**
   * {@code not { ... }} bodies, enabled by {@code import rego.v2} or {@code future.keywords.not}.
   */
  private boolean notBodies;

  /**
   * Collections already parsed, by the token index after their opening bracket: the term (or the
   * parse error) and the index where parsing stopped. Deciding comprehension versus collection
   * backtracks, and nested collections would otherwise be re-parsed once per enclosing attempt,
   * exponential in the nesting depth (OPA keeps a parsed-term cache for the same reason).
   */
  private final Map<Integer, ParsedCollection> collections = new java.util.HashMap<>();

  private record ParsedCollection(Term term, RegoParseException error, int end) {}

  private static final java.util.concurrent.atomic.AtomicLong WILDCARDS =
      new java.util.concurrent.atomic.AtomicLong();

  private Parser(String file, String src) {
    this.file = file;
    Lexer lexer = new Lexer(src, file);
    this.tokens = lexer.run();
    this.annotationsByLine = Metadata.blocks(lexer.comments, file);
  }

  /**
   * Parses a module.
   *
   * @param defaultV1 true when the module is Rego v1 unless it says otherwise (OPA 1.x default);
   *     false for v0 (then {@code import rego.v1} switches it to v1)
   */
  public static Module parseModule(String file, String source, boolean defaultV1) {
    Parser parser = new Parser(file, source);
    parser.v1 = defaultV1;
    return parser.module();
  }

  /** Parses a query (a body: expressions separated by ';' or line breaks). */
  public static List<Literal> parseQuery(String source) {
    Parser parser = new Parser("query", source);
    parser.v1 = true;
    List<Literal> body = parser.body(null);
    parser.expectEof();
    if (body.isEmpty()) {
      throw new RegoParseException(new Location("query", 1, 1), "empty query");
    }
    return body;
  }

  /** Parses a single term (e.g. an {@code input_term}). */
  public static Term parseTerm(String source) {
    Parser parser = new Parser("term", source);
    parser.v1 = true;
    Term t = parser.exprTerm(false, false);
    parser.expectEof();
    return t;
  }

  // ---------------------------------------------------------------- module level

  private Module module() {
    Token pkg = peek();
    if (!pkg.isIdent("package")) {
      throw error(pkg, "package expected");
    }
    Value pkgAnnotations = annotationsByLine.get(pkg.line());
    next();
    List<String> pkgPath = refPath(false);
    if (!pkgPath.isEmpty() && pkgPath.get(0).equals("data")) {
      pkgPath = pkgPath.subList(1, pkgPath.size());
    }
    List<Module.Import> imports = new ArrayList<>();
    while (peek().isIdent("import")) {
      Token t = next();
      Location loc = loc(t);
      List<String> path = refPath(true);
      String alias = null;
      if (peek().isIdent("as") && !peek().newlineBefore()) {
        next();
        alias = ident("import alias");
      }
      String root = path.get(0);
      if (!Set.of("data", "input", "future", "rego").contains(root)) {
        throw new RegoParseException(
            loc, "invalid path " + String.join(".", path) + ": path must begin with input or data");
      }
      if (root.equals("rego") && path.equals(List.of("rego", "v1"))) {
        v1 = true;
      }
      if (path.equals(List.of("rego", "v2")) || path.equals(List.of("future", "keywords", "not"))) {
        notBodies = true;
      }
      imports.add(new Module.Import(path, alias, loc));
    }
    checkImports(imports);
    List<Rule> rules = new ArrayList<>();
    this.rules = rules;
    while (peek().kind() != Token.Kind.EOF) {
      if (peek().isIdent("import")) {
        throw error(peek(), "unexpected import keyword: imports must come before rules");
      }
      if (peek().isIdent("package")) {
        throw error(peek(), "unexpected package keyword");
      }
      rules.add(rule());
    }
    return new Module(file, pkgPath, imports, rules, pkgAnnotations, v1, loc(pkg));
  }

  /** A dotted path like {@code data.a.b["c"]} with string segments only. */
  private List<String> refPath(boolean allowKeywordHead) {
    List<String> path = new ArrayList<>();
    Token first = next();
    if (first.kind() != Token.Kind.IDENT) {
      throw error(first, "unexpected " + describe(first) + ": expected identifier");
    }
    path.add(first.text());
    while (true) {
      Token t = peek();
      if (t.is(".") && !t.newlineBefore()) {
        next();
        Token id = next();
        if (id.kind() != Token.Kind.IDENT) {
          throw error(id, "unexpected " + describe(id) + ": expected identifier");
        }
        path.add(id.text());
      } else if (t.is("[") && !t.newlineBefore()) {
        next();
        Token s = next();
        if (s.kind() != Token.Kind.STRING && s.kind() != Token.Kind.RAW_STRING) {
          throw error(s, "unexpected " + describe(s) + ": expected string");
        }
        path.add(s.text());
        expect("]");
      } else {
        return path;
      }
    }
  }

  /**
   * As OPA: {@code rego.v1} already implies every future keyword, so importing both is an error,
   * and in a v1 module no two imports may bind the same name.
   */
  private void checkImports(List<Module.Import> imports) {
    boolean regoV1 = false;
    boolean future = false;
    Map<String, Module.Import> byName = new HashMap<>();
    for (Module.Import i : imports) {
      boolean isRegoV1 = i.path().equals(List.of("rego", "v1"));
      boolean isFuture = i.path().get(0).equals("future");
      if ((isRegoV1 && future) || (isFuture && regoV1)) {
        throw new RegoParseException(
            i.loc(),
            "the `rego.v1` import implies `future.keywords`, these are therefore mutually"
                + " exclusive");
      }
      regoV1 |= isRegoV1;
      future |= isFuture;
      Module.Import before = byName.put(i.boundName(), i);
      if (before != null && v1 && !isFuture) {
        throw new RegoParseException(
            i.loc(), "import must not shadow import " + String.join(".", before.path()));
      }
    }
  }

  /** Whether {@code b} starts right where {@code a} ends (OPA allows no space inside a.b). */
  private static boolean adjacent(Token a, Token b) {
    return a.line() == b.line() && b.col() == a.col() + a.text().length();
  }

  /** The first ref, var or call in a term outside comprehensions ("ref", "var", "call"), if any. */
  private static String nonConstantPart(Term t) {
    return switch (t) {
      case Term.Ref r -> "ref";
      case Term.Var v -> "var";
      case Term.Call c -> "call";
      case Term.ArrayTerm a -> firstNonConstant(a.items());
      case Term.SetTerm st -> firstNonConstant(st.items());
      case Term.ObjectTerm o -> {
        String k = firstNonConstant(o.keys());
        yield k != null ? k : firstNonConstant(o.values());
      }
      default -> null;
    };
  }

  private static String firstNonConstant(List<Term> terms) {
    for (Term t : terms) {
      String part = nonConstantPart(t);
      if (part != null) {
        return part;
      }
    }
    return null;
  }

  private Rule rule() {
    Token start = peek();
    Value annotations = annotationsByLine.get(start.line());
    boolean isDefault = false;
    if (start.isIdent("default")) {
      next();
      isDefault = true;
    }
    Token nameTok = next();
    if (nameTok.kind() != Token.Kind.IDENT || KEYWORDS.contains(nameTok.text())) {
      throw error(nameTok, "unexpected " + describe(nameTok) + " token: expected rule");
    }
    Location loc = loc(start);
    List<Term> head = new ArrayList<>();
    head.add(new Term.Scalar(StringValue.of(nameTok.text()), loc(nameTok)));
    while (true) {
      Token t = peek();
      if (t.is(".") && !t.newlineBefore()) {
        next();
        Token id = next();
        if (id.kind() != Token.Kind.IDENT || !adjacent(t, id)) {
          throw error(id, "unexpected " + describe(id) + ": expected identifier right after .");
        }
        head.add(new Term.Scalar(StringValue.of(id.text()), loc(id)));
      } else if (t.is("[") && !t.newlineBefore()) {
        next();
        head.add(exprTerm(false, false));
        expect("]");
      } else {
        break;
      }
    }
    List<Term> args = null;
    if (peek().is("(") && !peek().newlineBefore()) {
      next();
      args = new ArrayList<>();
      if (!peek().is(")")) {
        do {
          args.add(exprTerm(false, false));
        } while (accept(","));
      }
      expect(")");
    }
    List<Literal> argBinds = args == null ? List.of() : bindTemplateArgs(args);
    Rule.Kind kind = args != null ? Rule.Kind.FUNCTION : Rule.Kind.SINGLE;
    Term value = null;
    boolean explicitValue = false;
    if (peek().isIdent("contains") && !peek().newlineBefore() && args == null) {
      next();
      kind = Rule.Kind.MULTI;
      value = keyValTerm();
    } else if ((peek().is(":=") || peek().is("=")) && !peek().newlineBefore()) {
      next();
      value = keyValTerm();
      explicitValue = true;
    }
    if (isDefault) {
      if (value == null || kind == Rule.Kind.MULTI) {
        throw error(start, "default rules must have a value");
      }
      if (head.size() > 1 && args == null && !(head.get(head.size() - 1) instanceof Term.Scalar)) {
        throw error(start, "default rules must not have a ref head with more than one term");
      }
      String illegal = nonConstantPart(value);
      if (illegal != null) {
        // As OPA: a default value is a constant; comprehensions are the one exception.
        throw error(start, "illegal default rule (value cannot contain " + illegal + ")");
      }
      return new Rule(kind, head, args, value, List.of(), true, null, loc, annotations, file);
    }
    List<Literal> body = null;
    boolean hasIf = false;
    if (peek().isIdent("if") && !peek().newlineBefore()) {
      next();
      hasIf = true;
      body = ruleBody();
    } else if (peek().is("{")) {
      // As OPA, the body's brace may sit on the next line (a statement never starts with one).
      if (v1) {
        throw error(peek(), "`if` keyword is required before rule body");
      }
      body = bracedBody();
    }
    if (kind == Rule.Kind.SINGLE && !explicitValue && head.size() == 2 && !hasIf) {
      // As OPA: `p[x]` / `p.x` without `if` and without a value is a partial set (v0; v1 wants
      // `contains`), whether or not the key is ground; `p[x] if ...` is the ref rule p[x] = true.
      if (v1) {
        throw error(start, "`contains` keyword is required for partial set rules");
      }
      kind = Rule.Kind.MULTI;
      value = head.get(1);
      head = List.of(head.get(0));
    }
    if (value == null) {
      if (body == null && kind != Rule.Kind.MULTI && v1 && !hasIf) {
        throw error(start, "rule must have a value or a body");
      }
      value = new Term.Scalar(BooleanValue.TRUE, loc);
    }
    if (body == null) {
      body = List.of();
    }
    Rule elseRule = null;
    if (peek().isIdent("else")) {
      if (kind != Rule.Kind.SINGLE && kind != Rule.Kind.FUNCTION) {
        throw error(peek(), "else keyword cannot be used on multi-value rules");
      }
      elseRule = elseChain(kind, head, args, annotations);
    }
    // `p { a } { b }`: each further body is another rule with the same head.
    while (elseRule == null && peek().is("{") && !body.isEmpty()) {
      Token t = peek();
      List<Literal> more = bracedBody();
      rules.add(
          withArgBinds(
              new Rule(kind, head, args, value, more, false, null, loc(t), annotations, file),
              argBinds));
    }
    return withArgBinds(
        new Rule(kind, head, args, value, body, false, elseRule, loc, annotations, file), argBinds);
  }

  /**
   * A template string as a function parameter ({@code f($"{x} y")}) may use variables the body
   * binds, so, as OPA does, the parameter becomes a fresh variable and the body gains {@code fresh
   * = $"..."}; safety ordering then evaluates the template once its variables are bound.
   */
  private static List<Literal> bindTemplateArgs(List<Term> args) {
    List<Literal> binds = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof Term.Call c && c.name().equals("internal.template_string")) {
        Term.Var fresh = new Term.Var("_$" + WILDCARDS.incrementAndGet(), c.loc());
        args.set(i, fresh);
        binds.add(new Literal(new Expr.Unify(fresh, c), false, List.of(), c.loc()));
      }
    }
    return List.copyOf(binds);
  }

  private static Rule withArgBinds(Rule r, List<Literal> binds) {
    if (binds.isEmpty()) {
      return r;
    }
    List<Literal> body = new ArrayList<>(r.body());
    body.addAll(binds);
    Rule elseRule = r.elseRule() == null ? null : withArgBinds(r.elseRule(), binds);
    return new Rule(
        r.kind(),
        r.head(),
        r.args(),
        r.value(),
        List.copyOf(body),
        r.isDefault(),
        elseRule,
        r.loc(),
        r.annotations(),
        r.module());
  }

  private Rule elseChain(Rule.Kind kind, List<Term> head, List<Term> args, Value annotations) {
    Token t = next(); // else
    Location loc = loc(t);
    Term value = null;
    if ((peek().is(":=") || peek().is("=")) && !peek().newlineBefore()) {
      next();
      value = keyValTerm();
    }
    if (value == null) {
      value = new Term.Scalar(BooleanValue.TRUE, loc);
    }
    List<Literal> body = List.of();
    if (peek().isIdent("if") && !peek().newlineBefore()) {
      next();
      // As OPA's parseElse: after `else ... if` a brace is always a body.
      body = peek().is("{") ? bracedBody() : List.of(literal());
    } else if (peek().is("{")) {
      if (v1) {
        throw error(peek(), "`if` keyword is required before rule body");
      }
      body = bracedBody();
    }
    Rule next = null;
    if (peek().isIdent("else")) {
      next = elseChain(kind, head, args, annotations);
    }
    return new Rule(kind, head, args, value, body, false, next, loc, annotations, file);
  }

  /**
   * After a rule's {@code if}: as OPA, a single literal is tried first; only when that fails or is
   * a plain set literal ({@code if { x }}) is a braced body parsed. So {@code if { 1 | 1 }} is a
   * set comprehension (always true), while {@code if { a; b }} is a body.
   */
  private List<Literal> ruleBody() {
    int save = p;
    int saveDepth = depth;
    RegoParseException literalError;
    try {
      Literal l = literal();
      if (!(l.expr() instanceof Expr.TermExpr te && te.term() instanceof Term.SetTerm)) {
        return List.of(l);
      }
      literalError = null;
    } catch (RegoParseException e) {
      literalError = e;
    }
    p = save;
    depth = saveDepth;
    if (!peek().is("{")) {
      throw literalError != null ? literalError : error(peek(), "rule body expected");
    }
    return bracedBody();
  }

  /** {@code { literals }}, which must not be empty. */
  private List<Literal> bracedBody() {
    expect("{");
    if (peek().is("}")) {
      throw error(peek(), "found empty body");
    }
    List<Literal> b = body("}");
    expect("}");
    return b;
  }

  // ---------------------------------------------------------------- bodies

  /** Literals until the closing token (null = end of input). */
  private List<Literal> body(String close) {
    enter();
    List<Literal> out = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Token.Kind.EOF || (close != null && t.is(close))) {
        break;
      }
      if (t.is(";")) {
        next();
        continue;
      }
      out.add(literal());
      Token after = peek();
      if (after.is(";")) {
        next();
      } else if (after.kind() == Token.Kind.EOF
          || (close != null && after.is(close))
          || after.newlineBefore()) {
        // next literal or end
      } else {
        throw error(after, "unexpected " + describe(after) + " token: expected \\n or ;");
      }
    }
    leave();
    return out;
  }

  private Literal literal() {
    Token start = peek();
    Location loc = loc(start);
    boolean negated = false;
    if (start.isIdent("not")) {
      next();
      negated = true;
    }
    Expr expr;
    Token t = peek();
    if (t.isIdent("some") && !negated) {
      next();
      expr = some();
    } else if (t.isIdent("every") && !negated && isEveryStart()) {
      next();
      expr = every();
    } else if (negated && notBodies && t.is("{")) {
      expr = new Expr.TermExpr(notBody(loc));
    } else {
      Term left = keyValTerm();
      if (peek().is(":=")) {
        next();
        expr = new Expr.Assign(left, keyValTerm());
      } else if (peek().is("=")) {
        next();
        expr = new Expr.Unify(left, keyValTerm());
      } else {
        expr = new Expr.TermExpr(left);
      }
    }
    List<Literal.With> withs = new ArrayList<>();
    while (peek().isIdent("with")) {
      Token w = next();
      Term target = postfixTerm();
      if (!peek().isIdent("as")) {
        throw error(peek(), "unexpected " + describe(peek()) + ": expected as");
      }
      next();
      Term value = keyValTerm();
      withs.add(new Literal.With(target, value, loc(w)));
    }
    return new Literal(expr, negated, List.copyOf(withs), loc);
  }

  /**
   * {@code not { a; b }} (rego.v2, future.keywords.not) holds when the body has no solution; it is
   * read as {@code not count([true | a; b]) > 0}, a comprehension seeing the enclosing variables.
   */
  private Term notBody(Location loc) {
    expect("{");
    List<Literal> body = body("}");
    expect("}");
    if (body.isEmpty()) {
      throw error(peek(), "not body must not be empty");
    }
    Term solutions = new Term.ArrayCompr(new Term.Scalar(BooleanValue.TRUE, loc), body, loc);
    Term count = new Term.Call("count", List.of(solutions), loc, null);
    return new Term.Call("gt", List.of(count, new Term.Scalar(NumberValue.of(0), loc)), loc, null);
  }

  private boolean isEveryStart() {
    // `every` is a keyword unless used as a plain identifier (v0 policies), e.g. `every := 1`.
    Token n = tokens.get(Math.min(p + 1, tokens.size() - 1));
    return n.kind() == Token.Kind.IDENT && !n.newlineBefore();
  }

  private Expr some() {
    List<Term> terms = new ArrayList<>();
    terms.add(inTerm(true));
    while (accept(",")) {
      terms.add(inTerm(true));
    }
    if (peek().isIdent("in") && !peek().newlineBefore()) {
      next();
      if (terms.size() > 2) {
        throw error(peek(), "unexpected , token: expected at most two terms before in");
      }
      Term coll = relTerm(false);
      return terms.size() == 1
          ? new Expr.SomeIn(null, terms.get(0), coll)
          : new Expr.SomeIn(terms.get(0), terms.get(1), coll);
    }
    List<Term.Var> vars = new ArrayList<>();
    for (Term t : terms) {
      if (!(t instanceof Term.Var v)) {
        throw new RegoParseException(t.loc(), "expected var in some declaration");
      }
      vars.add(v);
    }
    return new Expr.SomeDecl(vars);
  }

  private Expr every() {
    Term first = inTerm(true);
    Term key = null;
    Term value = first;
    if (accept(",")) {
      key = first;
      value = inTerm(true);
    }
    if (!peek().isIdent("in")) {
      throw error(peek(), "unexpected " + describe(peek()) + ": expected in");
    }
    next();
    Term domain = relTerm(false);
    expect("{");
    List<Literal> body = body("}");
    expect("}");
    return new Expr.Every(key, value, domain, body);
  }

  // ---------------------------------------------------------------- terms

  /** Full expression term: {@code in} < relations < | < & < + - < * / %. */
  private Term exprTerm(boolean noIn, boolean noOr) {
    enter();
    Term t = noIn ? relTerm(noOr) : inTermOr(noOr);
    leave();
    return t;
  }

  /**
   * OPA's parseTermInfixCall: an expression that may also be {@code k, v in coll}. Used where no
   * comma can follow (expression operands, rule values, brackets, parentheses); lists and arguments
   * use {@link #exprTerm}. When the comma is not followed by {@code v in}, it is left in place.
   */
  private Term keyValTerm() {
    enter();
    try {
      Term left = relTerm(false);
      if (peek().is(",")) {
        int save = p;
        int saveDepth = depth;
        next();
        try {
          Term v = relTerm(false);
          if (peek().isIdent("in")) {
            next();
            Term member =
                new Term.Call(
                    "internal.member_3", List.of(left, v, relTerm(false)), left.loc(), null);
            return memberChain(member);
          }
        } catch (RegoParseException e) {
          // not `k, v in coll`: the comma belongs to the caller
        }
        p = save;
        depth = saveDepth;
      }
      return memberChain(left);
    } finally {
      leave();
    }
  }

  private Term memberChain(Term left) {
    while (peek().isIdent("in") && !peek().newlineBefore()) {
      Token op = next();
      left = new Term.Call("internal.member_2", List.of(left, relTerm(false)), loc(op), null);
    }
    return left;
  }

  private Term inTerm(boolean noIn) {
    return exprTerm(noIn, false);
  }

  private Term inTermOr(boolean noOr) {
    Term left = relTerm(noOr);
    while (peek().isIdent("in") && !peek().newlineBefore()) {
      Token op = next();
      Term right = relTerm(noOr);
      left = new Term.Call("internal.member_2", List.of(left, right), loc(op), null);
    }
    return left;
  }

  private Term relTerm(boolean noOr) {
    Term left = orTerm(noOr);
    while (peek().kind() == Token.Kind.PUNCT && RELATIONS.containsKey(peek().text())) {
      Token op = next();
      Term right = orTerm(noOr);
      left = new Term.Call(RELATIONS.get(op.text()), List.of(left, right), loc(op), null);
    }
    return left;
  }

  private Term orTerm(boolean noOr) {
    Term left = andTerm();
    while (!noOr && peek().is("|")) {
      Token op = next();
      left = new Term.Call("or", List.of(left, andTerm()), loc(op), null);
    }
    return left;
  }

  private Term andTerm() {
    Term left = arithTerm();
    while (peek().is("&")) {
      Token op = next();
      left = new Term.Call("and", List.of(left, arithTerm()), loc(op), null);
    }
    return left;
  }

  private Term arithTerm() {
    Term left = factorTerm();
    while (peek().is("+") || peek().is("-")) {
      Token op = next();
      left =
          new Term.Call(
              op.text().equals("+") ? "plus" : "minus", List.of(left, factorTerm()), loc(op), null);
    }
    return left;
  }

  private Term factorTerm() {
    Term left = unaryTerm();
    while (peek().is("*") || peek().is("/") || peek().is("%")) {
      Token op = next();
      String name =
          switch (op.text()) {
            case "*" -> "mul";
            case "/" -> "div";
            default -> "rem";
          };
      left = new Term.Call(name, List.of(left, unaryTerm()), loc(op), null);
    }
    return left;
  }

  private Term unaryTerm() {
    Token t = peek();
    if (t.is("-")) {
      next();
      Token n = peek();
      // As OPA's scanner, the sign may be separated from its operand by any white space.
      if (n.kind() == Token.Kind.NUMBER) {
        next();
        Term num = number(n, "-" + n.text());
        return postfix(num);
      }
      if (n.kind() != Token.Kind.IDENT) {
        // As OPA: unary minus applies to a number literal or a reference, nothing else.
        throw error(n, "unexpected " + describe(n) + " token: expected number");
      }
      Term operand = postfixTerm();
      return new Term.Call(
          "minus", List.of(new Term.Scalar(NumberValue.of(0), loc(t)), operand), loc(t), null);
    }
    return postfixTerm();
  }

  private Term postfixTerm() {
    return postfix(primary());
  }

  private Term postfix(Term t) {
    while (true) {
      Token n = peek();
      if (n.is(".") && !n.newlineBefore()) {
        next();
        Token id = next();
        if (id.kind() != Token.Kind.IDENT || !adjacent(n, id)) {
          throw error(id, "unexpected " + describe(id) + ": expected identifier right after .");
        }
        t = appendRef(t, new Term.Scalar(StringValue.of(id.text()), loc(id)));
      } else if (n.is("[") && !n.newlineBefore()) {
        next();
        Term key = keyValTerm();
        expect("]");
        t = appendRef(t, key);
      } else if (n.is("(") && !n.newlineBefore() && callable(t)) {
        next();
        List<Term> args = new ArrayList<>();
        // OPA accepts a trailing comma before the closing parenthesis of a call.
        while (!peek().is(")")) {
          args.add(exprTerm(false, false));
          if (!accept(",")) {
            break;
          }
        }
        expect(")");
        String name = callName(t);
        if (name.equals("set") && args.isEmpty()) {
          t = new Term.SetTerm(List.of(), t.loc());
        } else {
          t = new Term.Call(name, List.copyOf(args), t.loc(), null);
        }
      } else {
        return t;
      }
    }
  }

  private static Term appendRef(Term t, Term key) {
    if (t instanceof Term.Ref r) {
      List<Term> path = new ArrayList<>(r.path());
      path.add(key);
      return new Term.Ref(r.head(), List.copyOf(path), r.loc());
    }
    return new Term.Ref(t, List.of(key), t.loc());
  }

  private static boolean callable(Term t) {
    if (t instanceof Term.Var) {
      return true;
    }
    if (t instanceof Term.Ref r && r.head() instanceof Term.Var) {
      for (Term e : r.path()) {
        if (!(e instanceof Term.Scalar s && s.value() instanceof StringValue)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static String callName(Term t) {
    if (t instanceof Term.Var v) {
      return v.name();
    }
    Term.Ref r = (Term.Ref) t;
    List<String> segs = new ArrayList<>();
    segs.add(((Term.Var) r.head()).name());
    for (Term e : r.path()) {
      segs.add(((StringValue) ((Term.Scalar) e).value()).value());
    }
    return RefNames.format(segs);
  }

  private Term primary() {
    Token t = next();
    Location loc = loc(t);
    switch (t.kind()) {
      case NUMBER -> {
        return number(t, t.text());
      }
      case STRING, RAW_STRING -> {
        return new Term.Scalar(StringValue.of(t.text()), loc);
      }
      case TEMPLATE, RAW_TEMPLATE -> {
        return template(t);
      }
      case IDENT -> {
        return switch (t.text()) {
          case "true" -> new Term.Scalar(BooleanValue.TRUE, loc);
          case "false" -> new Term.Scalar(BooleanValue.FALSE, loc);
          case "null" -> new Term.Scalar(NullValue.INSTANCE, loc);
          case "_" -> new Term.Var("_$" + WILDCARDS.incrementAndGet(), loc);
          default -> {
            if (KEYWORDS.contains(t.text()) && !t.text().equals("as")) {
              throw error(t, "unexpected " + t.text() + " keyword");
            }
            yield new Term.Var(t.text(), loc);
          }
        };
      }
      case PUNCT -> {
        switch (t.text()) {
          case "(" -> {
            Term inner = keyValTerm();
            expect(")");
            return inner;
          }
          case "[" -> {
            return collection(true, loc);
          }
          case "{" -> {
            return collection(false, loc);
          }
          default -> throw error(t, "unexpected " + describe(t) + " token");
        }
      }
      default -> throw error(t, "unexpected eof token");
    }
  }

  /**
   * {@code $"a {expr} b"} becomes {@code internal.template_string([ "a ", {v | v = expr}, " b"])}:
   * each expression as the set of its values, so an undefined one prints as {@code <undefined>}.
   */
  private Term template(Token t) {
    String s = t.text();
    boolean raw = t.kind() == Token.Kind.RAW_TEMPLATE;
    Location loc = loc(t);
    List<Term> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (raw
          && ch == '\\'
          && i + 1 < s.length()
          && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
        lit.append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      if (!raw && ch == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        switch (e) {
          case '{', '}' -> lit.append(e);
          case 'n' -> lit.append('\n');
          case 't' -> lit.append('\t');
          case 'r' -> lit.append('\r');
          case '"' -> lit.append('"');
          case '\\' -> lit.append('\\');
          case '/' -> lit.append('/');
          default -> lit.append('\\').append(e);
        }
        i += 2;
        continue;
      }
      if (ch == '{') {
        int depth = 0;
        int j = i + 1;
        // find the matching close brace using a throwaway lexer over the remainder
        int end = matchBrace(s, i + 1);
        String expr = s.substring(i + 1, end);
        if (lit.length() > 0) {
          parts.add(new Term.Scalar(StringValue.of(lit.toString()), loc));
          lit.setLength(0);
        }
        Parser sub = new Parser(file, expr);
        sub.v1 = true;
        sub.notBodies = notBodies;
        sub.depth = depth + this.depth + 1;
        Term et = sub.exprTerm(false, false);
        List<Literal.With> withs = new ArrayList<>();
        while (sub.peek().isIdent("with")) {
          // `{x with input.x as 1}`: the expression is evaluated under the modifiers.
          Token w = sub.next();
          Term target = sub.postfixTerm();
          if (!sub.peek().isIdent("as")) {
            throw sub.error(sub.peek(), "unexpected " + describe(sub.peek()) + ": expected as");
          }
          sub.next();
          withs.add(new Literal.With(target, sub.exprTerm(false, false), sub.loc(w)));
        }
        sub.expectEof();
        if (withs.isEmpty()) {
          Literal always =
              new Literal(
                  new Expr.TermExpr(new Term.Scalar(BooleanValue.TRUE, loc)),
                  false,
                  List.of(),
                  loc);
          parts.add(new Term.SetCompr(et, List.of(always), loc));
        } else {
          Term.Var v = new Term.Var("_$" + WILDCARDS.incrementAndGet(), loc);
          Literal bind = new Literal(new Expr.Unify(v, et), false, List.copyOf(withs), loc);
          parts.add(new Term.SetCompr(v, List.of(bind), loc));
        }
        i = end + 1;
        continue;
      }
      lit.append(ch);
      i++;
    }
    if (lit.length() > 0) {
      parts.add(new Term.Scalar(StringValue.of(lit.toString()), loc));
    }
    return new Term.Call(
        "internal.template_string",
        List.of(new Term.ArrayTerm(List.copyOf(parts), loc)),
        loc,
        null);
  }

  private static int matchBrace(String s, int i) {
    int depth = 0;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (ch == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          i += s.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (ch == '`') {
        int e = s.indexOf('`', i + 1);
        i = e < 0 ? s.length() : e + 1;
      } else if (ch == '$'
          && i + 1 < s.length()
          && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '`')) {
        char q = s.charAt(i + 1);
        i += 2;
        while (i < s.length() && s.charAt(i) != q) {
          if (s.charAt(i) == '\\' && q == '"') {
            i += 2;
          } else if (s.charAt(i) == '{') {
            i = matchBrace(s, i + 1) + 1;
          } else {
            i++;
          }
        }
        i++;
      } else if (ch == '{') {
        depth++;
        i++;
      } else if (ch == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
        i++;
      } else {
        i++;
      }
    }
    return s.length();
  }

  private Term number(Token t, String text) {
    try {
      return new Term.Scalar(NumberValue.parse(text), loc(t));
    } catch (NumberFormatException e) {
      throw error(t, "invalid number " + text);
    }
  }

  /** After {@code [} or <code>{</code>: the collection there, parsed once. */
  private Term collection(boolean array, Location loc) {
    int start = p;
    ParsedCollection done = collections.get(start);
    if (done == null) {
      try {
        Term t = array ? arrayOrComprehension(loc) : braced(loc);
        done = new ParsedCollection(t, null, p);
      } catch (RegoParseException e) {
        done = new ParsedCollection(null, e, p);
      }
      collections.put(start, done);
    }
    p = done.end();
    if (done.error() != null) {
      throw done.error();
    }
    return done.term();
  }

  /**
   * After {@code [}. As OPA's parseArray: the first element is read as a plain term (no operators);
   * {@code |} after it starts a comprehension, unless its body fails to parse at a comma, in which
   * case (and when the first element is an operator expression) the whole is an array of
   * expressions. So {@code [x | y]} is a comprehension and {@code [x | y, 5]} an array.
   */
  private Term arrayOrComprehension(Location loc) {
    enter();
    try {
      if (accept("]")) {
        return new Term.ArrayTerm(List.of(), loc);
      }
      boolean potentialComprehension = !accept(",");
      int save = p;
      int saveDepth = depth;
      Term head = plainTerm();
      if (accept("]")) {
        return new Term.ArrayTerm(List.of(head), loc);
      }
      if (accept(",")) {
        return new Term.ArrayTerm(termList("]", head), loc);
      }
      if (peek().is("|") && potentialComprehension) {
        next();
        try {
          return new Term.ArrayCompr(head, bracedTail("]"), loc);
        } catch (RegoParseException e) {
          if (!peek().is(",")) {
            throw e;
          }
        }
      }
      p = save;
      depth = saveDepth;
      return new Term.ArrayTerm(termList("]", null), loc);
    } finally {
      leave();
    }
  }

  /**
   * After <code>{</code>: a set, an object or a comprehension, decided as OPA's parseSetOrObject
   * does (a plain first term followed by {@code |} prefers a comprehension).
   */
  private Term braced(Location loc) {
    enter();
    try {
      if (accept("}")) {
        return new Term.ObjectTerm(List.of(), List.of(), loc);
      }
      boolean potentialComprehension = !accept(",");
      int save = p;
      int saveDepth = depth;
      Term head = plainTerm();
      if (peek().is("|") && potentialComprehension || peek().is("}") || peek().is(",")) {
        return setTail(loc, save, saveDepth, head, potentialComprehension);
      }
      if (peek().is(":")) {
        return objectTail(loc, head, potentialComprehension);
      }
      p = save;
      depth = saveDepth;
      head = exprTerm(false, false);
      if (peek().is("}") || peek().is(",")) {
        return setTail(loc, save, saveDepth, head, false);
      }
      if (peek().is(":")) {
        return objectTail(loc, head, potentialComprehension);
      }
      throw error(peek(), "unexpected " + describe(peek()) + " token: non-terminated set");
    } finally {
      leave();
    }
  }

  private Term setTail(
      Location loc, int save, int saveDepth, Term head, boolean potentialComprehension) {
    if (accept("}")) {
      return new Term.SetTerm(List.of(head), loc);
    }
    if (accept(",")) {
      return new Term.SetTerm(termList("}", head), loc);
    }
    // at `|`
    if (potentialComprehension) {
      next();
      try {
        return new Term.SetCompr(head, bracedTail("}"), loc);
      } catch (RegoParseException e) {
        if (!peek().is(",")) {
          throw e;
        }
      }
    }
    p = save;
    depth = saveDepth;
    return new Term.SetTerm(termList("}", null), loc);
  }

  /** At the {@code :} after an object's (or object comprehension's) first key. */
  private Term objectTail(Location loc, Term key, boolean potentialComprehension) {
    expect(":");
    int save = p;
    int saveDepth = depth;
    Term value = plainTerm();
    if (potentialComprehension) {
      if (peek().is("}") || peek().is(",")) {
        return objectFinish(loc, key, value, true);
      }
      if (peek().is("|")) {
        try {
          return objectFinish(loc, key, value, true);
        } catch (RegoParseException e) {
          // not a comprehension: `{k: a | b, ...}` is an object whose value is `a | b`
        }
      }
    }
    p = save;
    depth = saveDepth;
    value = exprTerm(false, false);
    if (peek().is("}") || peek().is(",")) {
      return objectFinish(loc, key, value, false);
    }
    throw error(peek(), "unexpected " + describe(peek()) + " token: non-terminated object");
  }

  private Term objectFinish(Location loc, Term key, Term value, boolean potentialComprehension) {
    if (accept("}")) {
      return new Term.ObjectTerm(List.of(key), List.of(value), loc);
    }
    if (peek().is("|")) {
      if (!potentialComprehension) {
        throw error(peek(), "unexpected | token: non-terminated object");
      }
      next();
      return new Term.ObjectCompr(key, value, bracedTail("}"), loc);
    }
    expect(",");
    List<Term> keys = new ArrayList<>();
    List<Term> values = new ArrayList<>();
    keys.add(key);
    values.add(value);
    while (!accept("}")) {
      keys.add(exprTerm(false, false));
      expect(":");
      values.add(exprTerm(false, false));
      if (!peek().is("}")) {
        expectListComma("}");
      }
    }
    return new Term.ObjectTerm(List.copyOf(keys), List.copyOf(values), loc);
  }

  /** A comprehension body up to (and including) its closing token; it must not be empty. */
  private List<Literal> bracedTail(String close) {
    if (peek().is(close)) {
      throw error(peek(), "found empty body");
    }
    List<Literal> body = body(close);
    expect(close);
    return body;
  }

  /**
   * Comma-separated expressions up to (and including) the closing token; a trailing comma is ok.
   */
  private List<Term> termList(String close, Term first) {
    List<Term> items = new ArrayList<>();
    if (first != null) {
      items.add(first);
    }
    while (!accept(close)) {
      items.add(exprTerm(false, false));
      if (!peek().is(close)) {
        expectListComma(close);
      }
    }
    return List.copyOf(items);
  }

  private void expectListComma(String close) {
    if (!accept(",")) {
      throw error(
          peek(), "unexpected " + describe(peek()) + " token: expected \",\" or \"" + close + "\"");
    }
  }

  /**
   * OPA's parseTerm: one operand without operators: a literal, variable, reference, call,
   * collection or parenthesised expression, or a minus sign before a number or a reference.
   */
  private Term plainTerm() {
    return unaryTerm();
  }

  // ---------------------------------------------------------------- helpers

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error(peek(), "nesting too deep (more than " + MAX_DEPTH + " levels)");
    }
  }

  private void leave() {
    depth--;
  }

  private Token peek() {
    return tokens.get(p);
  }

  private Token next() {
    Token t = tokens.get(p);
    if (t.kind() != Token.Kind.EOF) {
      p++;
    }
    return t;
  }

  private boolean accept(String punct) {
    if (peek().is(punct)) {
      p++;
      return true;
    }
    return false;
  }

  private void expect(String punct) {
    Token t = peek();
    if (!t.is(punct)) {
      throw error(t, "unexpected " + describe(t) + " token: expected " + punct);
    }
    p++;
  }

  private String ident(String what) {
    Token t = next();
    if (t.kind() != Token.Kind.IDENT) {
      throw error(t, "unexpected " + describe(t) + ": expected " + what);
    }
    return t.text();
  }

  private void expectEof() {
    if (peek().kind() != Token.Kind.EOF) {
      throw error(peek(), "unexpected " + describe(peek()) + " token");
    }
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "eof";
      case STRING, RAW_STRING, TEMPLATE, RAW_TEMPLATE -> "string";
      case NUMBER -> "number";
      case IDENT -> "ident " + t.text();
      case PUNCT -> t.text();
    };
  }

  private Location loc(Token t) {
    return new Location(file, t.line(), t.col());
  }

  private RegoParseException error(Token t, String msg) {
    return new RegoParseException(loc(t), msg);
  }
}
