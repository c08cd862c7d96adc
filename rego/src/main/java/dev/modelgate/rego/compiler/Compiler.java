package dev.modelgate.rego.compiler;

import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Location;
import dev.modelgate.rego.ast.Module;
import dev.modelgate.rego.ast.RefNames;
import dev.modelgate.rego.ast.Rule;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.compiler.index.RuleIndexes;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles parsed modules: resolves names (rules, imports, builtins, functions), renames local
 * variables per scope, reorders bodies for safety, builds the rule tree, and reports compile errors
 * as OPA does.
 */
public final class Compiler {
  /** Calls the engine implements itself (not in the builtin registry). */
  public static final Map<String, Integer> ENGINE_CALLS =
      Map.of("rego.metadata.rule", 0, "rego.metadata.chain", 0);

  private final BuiltinRegistry builtins;
  final List<RegoError> errors = new ArrayList<>();
  private final RuleNode root = new RuleNode("data", List.of());
  private final Map<List<String>, Integer> functionArity = new HashMap<>();
  private final Map<List<String>, Set<String>> packageRuleNames = new HashMap<>();
  private final Map<List<String>, Set<List<String>>> packageFunctionNames = new HashMap<>();
  private final Safety safety;
  private final ShapeCheck shapes;

  /** Complete rules made from zero-argument functions (not a conflict with the function). */
  private final Set<CompiledRule> zeroArityRules =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private final BuiltinArgumentCheck argumentCheck;

  public Compiler(BuiltinRegistry builtins) {
    this.builtins = builtins;
    this.safety = new Safety(this::arityOf, errors);
    this.shapes = new ShapeCheck(errors);
    this.argumentCheck = new BuiltinArgumentCheck(builtins);
  }

  /** Compiles modules into a rule tree; errors are collected in {@link #errors()}. */
  public RuleNode compile(List<Module> modules) {
    for (Module m : modules) {
      Set<String> names = packageRuleNames.computeIfAbsent(m.packagePath(), k -> new HashSet<>());
      for (Rule r : m.rules()) {
        names.add(r.name());
        if (r.kind() == Rule.Kind.FUNCTION) {
          List<String> rel = staticHead(r.head());
          List<String> full = concat(m.packagePath(), rel);
          Integer old = functionArity.put(full, r.args().size());
          if (old != null && old != r.args().size()) {
            errors.add(
                new RegoError(
                    "rego_type_error",
                    "conflicting rules data." + String.join(".", full) + " found",
                    r.loc()));
          }
          packageFunctionNames.computeIfAbsent(m.packagePath(), k -> new HashSet<>()).add(rel);
        }
      }
    }
    for (Module m : modules) {
      // A package exists (as {}) even when it has no rules, as in OPA.
      RuleNode pkg = root;
      for (String s : m.packagePath()) {
        pkg = pkg.child(s);
      }
      for (Rule r : m.rules()) {
        CompiledRule cr = compileRule(m, r);
        if (cr == null) {
          continue;
        }
        RuleNode node = root;
        for (String s : cr.path()) {
          node = node.child(s);
        }
        if (cr.kind() == Rule.Kind.FUNCTION) {
          if (cr.isDefault()) {
            node.defaultFunction = cr;
          } else {
            node.functions.add(cr);
          }
          if (cr.args().isEmpty()) {
            // OPA has no zero-argument functions: `f() := v` is the complete rule f (its value is
            // part of the package), which may still be called as f().
            CompiledRule asRule = asCompleteRule(cr);
            zeroArityRules.add(asRule);
            if (asRule.isDefault()) {
              node.defaultRule = asRule;
            } else {
              node.rules.add(asRule);
            }
          }
        } else if (cr.isDefault() && !cr.dynamic().isEmpty()) {
          // `default p[true] := v`: a default for one ground key of a ref rule (OPA keeps it at
          // its own node of the rule tree); evaluated with the rules that share the static path.
          for (CompiledRule other : node.rules) {
            if (other.isDefault() && sameKeys(other.dynamic(), cr.dynamic())) {
              errors.add(
                  new RegoError(
                      "rego_type_error",
                      "multiple default rules " + cr.dataPath() + " found",
                      cr.loc()));
            }
          }
          node.rules.add(cr);
        } else if (cr.isDefault()) {
          if (node.defaultRule != null) {
            errors.add(
                new RegoError(
                    "rego_type_error",
                    "multiple default rules " + cr.dataPath() + " found",
                    cr.loc()));
          }
          node.defaultRule = cr;
        } else {
          node.rules.add(cr);
        }
      }
    }
    checkConflicts(root);
    new RecursionCheck(root, errors).run();
    RuleIndexes.build(root);
    return root;
  }

  public List<RegoError> errors() {
    return errors;
  }

  private void checkConflicts(RuleNode node) {
    boolean single = false;
    boolean multi = false;
    CompiledRule first = null;
    for (CompiledRule r : node.rules) {
      if (r.dynamic().isEmpty()) {
        if (r.kind() == Rule.Kind.MULTI) {
          multi = true;
        } else {
          single = true;
        }
        first = first == null ? r : first;
      }
    }
    boolean valueRules = node.rules.stream().anyMatch(r -> !zeroArityRules.contains(r));
    if ((single && multi) || (!node.functions.isEmpty() && valueRules)) {
      CompiledRule r = first != null ? first : node.rules.get(0);
      errors.add(
          new RegoError(
              "rego_type_error", "conflicting rules " + r.dataPath() + " found", r.loc()));
    }
    for (RuleNode c : node.children.values()) {
      checkConflicts(c);
    }
  }

  /** Do two ground key lists name the same keys (locations aside)? */
  private static boolean sameKeys(List<Term> a, List<Term> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof Term.Scalar x)
          || !(b.get(i) instanceof Term.Scalar y)
          || !x.value().equals(y.value())) {
        return false;
      }
    }
    return true;
  }

  /** A zero-argument function rule seen as the complete rule OPA makes of it. */
  private static CompiledRule asCompleteRule(CompiledRule f) {
    return new CompiledRule(
        Rule.Kind.SINGLE,
        f.packagePath(),
        f.path(),
        f.dynamic(),
        null,
        f.value(),
        f.body(),
        f.isDefault(),
        f.elseRule() == null ? null : asCompleteRule(f.elseRule()),
        f.loc(),
        f.annotations());
  }

  static List<String> staticHead(List<Term> head) {
    List<String> out = new ArrayList<>();
    for (Term t : head) {
      if (t instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
        out.add(sv.value());
      } else {
        break;
      }
    }
    return out;
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ rules

  private CompiledRule compileRule(Module m, Rule r) {
    if (m.regoV1() && Terms.isRoot(r.name())) {
      errors.add(
          new RegoError(
              "rego_compile_error",
              "rules must not shadow " + r.name() + " (use a different rule name)",
              r.loc()));
    }
    Resolver res = new Resolver(m);
    Scope scope = new Scope(null);
    List<Term> args = null;
    Set<String> bound = new HashSet<>();
    if (r.args() != null) {
      args = new ArrayList<>();
      for (Term a : r.args()) {
        Set<String> names = new HashSet<>();
        Terms.vars(a, names);
        names.forEach(scope::declareKeep);
        Term ra = res.term(a, scope);
        args.add(ra);
        Terms.vars(ra, bound);
      }
      args = List.copyOf(args);
    }
    List<Literal> body = new ArrayList<>(res.body(r.body(), scope));
    List<String> rel = staticHead(r.head());
    List<Term> dynamic = new ArrayList<>();
    for (int i = rel.size(); i < r.head().size(); i++) {
      dynamic.add(res.term(r.head().get(i), scope));
    }
    Term value = res.term(r.value(), scope);
    if (!r.isDefault() && needsBody(value)) {
      // As OPA: `q := xs[_]` evaluates its value in the body (`__v = xs[_]`).
      Term.Var v = new Term.Var("__head$" + HEAD_VARS.incrementAndGet(), value.loc());
      body.add(new Literal(new Expr.Unify(v, value), false, List.of(), value.loc()));
      value = v;
    }
    shapes.body(body);
    Set<String> mentioned = new HashSet<>(bound);
    for (Term d : dynamic) {
      Terms.topVars(d, mentioned);
    }
    Terms.topVars(value, mentioned);
    Safety.Ordered ordered = safety.reorder(body, bound, mentioned);
    List<Term> heads = new ArrayList<>(dynamic);
    heads.add(value);
    // Head terms may hold closures: rewrite them with the body's bindings.
    safety.checkHead(heads, ordered.bound(), r.loc());
    value = rewriteHeadClosures(value, ordered.bound(), mentioned);
    if (r.isDefault()) {
      Set<String> vs = new HashSet<>();
      Terms.topVars(value, vs);
      if (!vs.isEmpty()) {
        errors.add(
            new RegoError(
                "rego_compile_error",
                "default rule value cannot contain var " + Scope.display(vs.iterator().next()),
                r.loc()));
      }
    }
    CompiledRule elseRule = null;
    if (r.elseRule() != null) {
      elseRule = compileRule(m, r.elseRule());
    }
    return new CompiledRule(
        r.kind(),
        m.packagePath(),
        concat(m.packagePath(), rel),
        List.copyOf(dynamic),
        args,
        value,
        ordered.body(),
        r.isDefault(),
        elseRule,
        r.loc(),
        r.annotations());
  }

  private static final java.util.concurrent.atomic.AtomicLong HEAD_VARS =
      new java.util.concurrent.atomic.AtomicLong();

  /** Does the head value iterate or call (so it belongs in the body)? */
  private static boolean needsBody(Term t) {
    return switch (t) {
      case Term.Scalar s -> false;
      case Term.Var v -> false;
      case Term.Ref r -> true;
      case Term.Call c -> true;
      case Term.ArrayTerm a -> a.items().stream().anyMatch(Compiler::needsBody);
      case Term.SetTerm a -> a.items().stream().anyMatch(Compiler::needsBody);
      case Term.ObjectTerm o ->
          o.keys().stream().anyMatch(Compiler::needsBody)
              || o.values().stream().anyMatch(Compiler::needsBody);
      default -> false;
    };
  }

  private Term rewriteHeadClosures(Term value, Set<String> bound, Set<String> mentioned) {
    if (value instanceof Term.Scalar || value instanceof Term.Var) {
      return value;
    }
    Literal fake = new Literal(new Expr.TermExpr(value), false, List.of(), value.loc());
    Safety.Ordered o = safety.reorder(List.of(fake), bound, mentioned);
    return ((Expr.TermExpr) o.body().get(0).expr()).term();
  }

  /** Compiles a query body against the compiled modules (query vars keep their names). */
  public List<Literal> compileQuery(List<Literal> query) {
    Module m = new Module("query", List.of(), List.of(), List.of(), null, true, null);
    Resolver res = new Resolver(m);
    Scope scope = new Scope(null);
    List<Literal> body = res.body(query, scope);
    shapes.body(body);
    return safety.reorder(body, new HashSet<>(), new HashSet<>()).body();
  }

  /** Arity of a call's target, or -1 if unknown (variadic/unresolved). */
  int arityOf(Term.Call c) {
    if (c.target() instanceof Term.CallTarget.FunctionTarget f) {
      Integer n = functionArity.get(f.path());
      return n == null ? -1 : n;
    }
    if (c.target() instanceof Term.CallTarget.BuiltinTarget b) {
      var bi = builtins.lookup(b.name());
      if (bi != null) {
        return bi.arity();
      }
      Integer n = ENGINE_CALLS.get(b.name());
      return n == null ? -1 : n;
    }
    return -1;
  }

  /** Resolves names within one module. */
  private final class Resolver {
    private final Module module;
    private final Map<String, List<String>> imports = new LinkedHashMap<>();
    private final Set<String> ruleNames;

    Resolver(Module m) {
      this.module = m;
      for (Module.Import i : m.imports()) {
        String root = i.path().get(0);
        if (root.equals("data") || root.equals("input")) {
          imports.put(i.boundName(), i.path());
        }
      }
      this.ruleNames = packageRuleNames.getOrDefault(m.packagePath(), Set.of());
    }

    List<Literal> body(List<Literal> body, Scope s) {
      List<Literal> out = new ArrayList<>(body.size());
      for (Literal l : body) {
        out.add(literal(l, s));
      }
      return out;
    }

    private Literal literal(Literal l, Scope s) {
      Expr e =
          switch (l.expr()) {
            case Expr.TermExpr t -> {
              yield new Expr.TermExpr(
                  t.term() instanceof Term.Call c ? call(c, s, true) : term(t.term(), s));
            }
            case Expr.Unify u -> new Expr.Unify(term(u.left(), s), term(u.right(), s));
            case Expr.Assign a -> {
              Term right = term(a.right(), s);
              if (a.left() instanceof Term.Scalar sc) {
                errors.add(
                    new RegoError(
                        "rego_compile_error",
                        "cannot assign to " + sc.value().typeName(),
                        sc.loc()));
              }
              declarePattern(a.left(), s, l.loc(), true);
              yield new Expr.Assign(term(a.left(), s), right);
            }
            case Expr.SomeDecl d -> {
              List<Term.Var> vs = new ArrayList<>();
              for (Term.Var v : d.vars()) {
                checkNotSeen(v, s, false);
                vs.add(new Term.Var(s.declare(v.name()), v.loc()));
              }
              yield new Expr.SomeDecl(vs);
            }
            case Expr.SomeIn si -> {
              Term coll = term(si.collection(), s);
              if (si.key() != null) {
                declarePattern(si.key(), s, l.loc(), false);
              }
              declarePattern(si.value(), s, l.loc(), false);
              yield new Expr.SomeIn(
                  si.key() == null ? null : term(si.key(), s), term(si.value(), s), coll);
            }
            case Expr.Every ev -> {
              Term domain = term(ev.domain(), s);
              Scope inner = new Scope(s);
              if (ev.key() != null) {
                declarePattern(ev.key(), inner, l.loc(), false);
              }
              declarePattern(ev.value(), inner, l.loc(), false);
              Term key = ev.key() == null ? null : term(ev.key(), inner);
              Term value = term(ev.value(), inner);
              yield new Expr.Every(key, value, domain, body(ev.body(), inner));
            }
          };
      List<Literal.With> withs = new ArrayList<>();
      for (Literal.With w : l.withs()) {
        withs.add(new Literal.With(withTarget(w.target()), withValue(w.value(), s), w.loc()));
      }
      return new Literal(e, l.negated(), List.copyOf(withs), l.loc());
    }

    private void declarePattern(Term t, Scope s, Location loc, boolean assign) {
      switch (t) {
        case Term.Var v -> {
          if (v.isWildcard()) {
            return;
          }
          checkNotSeen(v, s, assign);
          s.declare(v.name());
        }
        case Term.ArrayTerm a -> a.items().forEach(x -> declarePattern(x, s, loc, assign));
        case Term.ObjectTerm o -> o.values().forEach(x -> declarePattern(x, s, loc, assign));
        case Term.Scalar sc -> {}
        default -> {
          if (assign) {
            errors.add(
                new RegoError("rego_compile_error", "cannot assign to " + describe(t), t.loc()));
          }
        }
      }
    }

    /**
     * As OPA's rewriteDeclaredVar: a name may be declared ({@code :=}, {@code some}) only if it has
     * not occurred yet in the same body; records the declaration.
     */
    private void checkNotSeen(Term.Var v, Scope s, boolean assign) {
      if (module.regoV1() && Terms.isRoot(v.name())) {
        errors.add(
            new RegoError(
                "rego_compile_error",
                "variables must not shadow " + v.name() + " (use a different variable name)",
                v.loc()));
      }
      String before = s.occurrence.get(v.name());
      if (before == null && assign && s.declared.containsKey(v.name())) {
        before = "assigned";
      }
      if (before != null) {
        errors.add(
            new RegoError(
                "rego_compile_error", "var " + v.name() + " " + before + " above", v.loc()));
      }
      s.occurrence.put(v.name(), assign ? "assigned" : "declared");
    }

    private String describe(Term t) {
      return switch (t) {
        case Term.Ref r -> "ref";
        case Term.Call c -> "call";
        default -> "term";
      };
    }

    Term term(Term t, Scope s) {
      return switch (t) {
        case Term.Scalar sc -> sc;
        case Term.Var v -> var(v, s);
        case Term.Ref r -> {
          Term head = term(r.head(), s);
          List<Term> path = new ArrayList<>();
          if (head instanceof Term.Ref hr) {
            path.addAll(hr.path());
            head = hr.head();
          }
          for (Term e : r.path()) {
            path.add(term(e, s));
          }
          yield new Term.Ref(head, List.copyOf(path), r.loc());
        }
        case Term.ArrayTerm a -> fold(new Term.ArrayTerm(terms(a.items(), s), a.loc()));
        case Term.SetTerm a -> fold(new Term.SetTerm(terms(a.items(), s), a.loc()));
        case Term.ObjectTerm o ->
            fold(new Term.ObjectTerm(terms(o.keys(), s), terms(o.values(), s), o.loc()));
        case Term.Call c -> call(c, s, false);
        case Term.ArrayCompr c -> {
          Scope inner = new Scope(s);
          List<Literal> b = new ArrayList<>(body(c.body(), inner));
          yield new Term.ArrayCompr(headInBody(term(c.head(), inner), b), b, c.loc());
        }
        case Term.SetCompr c -> {
          Scope inner = new Scope(s);
          List<Literal> b = new ArrayList<>(body(c.body(), inner));
          yield new Term.SetCompr(headInBody(term(c.head(), inner), b), b, c.loc());
        }
        case Term.ObjectCompr c -> {
          Scope inner = new Scope(s);
          List<Literal> b = new ArrayList<>(body(c.body(), inner));
          Term key = headInBody(term(c.key(), inner), b);
          yield new Term.ObjectCompr(key, headInBody(term(c.value(), inner), b), b, c.loc());
        }
      };
    }

    /** A comprehension head that iterates or calls is evaluated in the body, as OPA does. */
    private Term headInBody(Term head, List<Literal> body) {
      if (!needsBody(head)) {
        return head;
      }
      Term.Var v = new Term.Var("__head$" + HEAD_VARS.incrementAndGet(), head.loc());
      body.add(new Literal(new Expr.Unify(v, head), false, List.of(), head.loc()));
      return v;
    }

    private List<Term> terms(List<Term> ts, Scope s) {
      List<Term> out = new ArrayList<>(ts.size());
      for (Term t : ts) {
        out.add(term(t, s));
      }
      return List.copyOf(out);
    }

    private Term var(Term.Var v, Scope s) {
      String name = v.name();
      if (v.isWildcard()) {
        return v;
      }
      String local = s.lookup(name);
      if (local != null) {
        return local.equals(name) ? v : new Term.Var(local, v.loc());
      }
      if (Terms.isRoot(name)) {
        return v;
      }
      List<String> imp = imports.get(name);
      if (imp != null) {
        return pathRef(imp, v.loc());
      }
      if (ruleNames.contains(name)) {
        return pathRef(
            concat(concat(List.of("data"), module.packagePath()), List.of(name)), v.loc());
      }
      s.occurrence.putIfAbsent(name, "referenced");
      return v;
    }

    private Term pathRef(List<String> path, Location loc) {
      List<Term> rest = new ArrayList<>();
      for (int i = 1; i < path.size(); i++) {
        rest.add(new Term.Scalar(StringValue.of(path.get(i)), loc));
      }
      Term.Var head = new Term.Var(path.get(0), loc);
      return rest.isEmpty() ? head : new Term.Ref(head, List.copyOf(rest), loc);
    }

    /**
     * Resolves a call. A call that is a whole body expression may take one more operand than its
     * arity (the output, {@code count(x, n)}); a call used as a value (an operand, argument, rule
     * value...) may not: OPA's compiler moves it into its own expression with a generated output
     * variable, and then rejects the extra operand (checkUndefinedFuncs in v1/ast/compile.go).
     */
    private Term call(Term.Call c, Scope s, boolean wholeExpression) {
      List<Term> args = terms(c.args(), s);
      Term.CallTarget target = resolveCall(c.name(), c.loc(), true);
      Term.Call out = new Term.Call(c.name(), args, c.loc(), target);
      int arity = target == null ? -1 : arityOf(out);
      boolean withOutput = wholeExpression && args.size() == arity + 1;
      if (arity >= 0 && args.size() != arity && !withOutput) {
        String message =
            target instanceof Term.CallTarget.FunctionTarget f
                // OPA's wording for user functions (arityMismatchError in v1/ast/compile.go)
                ? "function data."
                    + RefNames.format(f.path())
                    + " has arity "
                    + arity
                    + ", got "
                    + args.size()
                    + " argument"
                    + (args.size() == 1 ? "" : "s")
                : c.name()
                    + ": arity mismatch: expected "
                    + arity
                    + " argument"
                    + (arity == 1 ? "" : "s")
                    + " but got "
                    + args.size();
        errors.add(new RegoError("rego_type_error", message, c.loc()));
      }
      argumentCheck.report(out, wholeExpression, errors);
      return out;
    }

    /** Resolves a function name to a user function or builtin; null (and an error) if none. */
    Term.CallTarget resolveCall(String name, Location loc, boolean report) {
      List<String> segs = RefNames.segments(name);
      List<String> imp = imports.get(segs.get(0));
      if (imp != null && imp.get(0).equals("data")) {
        List<String> full = concat(imp.subList(1, imp.size()), segs.subList(1, segs.size()));
        return functionTarget(full, name, loc, report);
      }
      if (segs.get(0).equals("data")) {
        return functionTarget(segs.subList(1, segs.size()), name, loc, report);
      }
      Set<List<String>> local = packageFunctionNames.getOrDefault(module.packagePath(), Set.of());
      if (local.contains(segs)) {
        return new Term.CallTarget.FunctionTarget(concat(module.packagePath(), segs));
      }
      if (builtins.lookup(name) != null || ENGINE_CALLS.containsKey(name) || name.equals("print")) {
        return new Term.CallTarget.BuiltinTarget(name);
      }
      if (report) {
        errors.add(new RegoError("rego_type_error", "undefined function " + name, loc));
      }
      return null;
    }

    private Term.CallTarget functionTarget(
        List<String> path, String name, Location loc, boolean report) {
      if (!functionArity.containsKey(path)) {
        if (report) {
          errors.add(new RegoError("rego_type_error", "undefined function " + name, loc));
        }
        return null;
      }
      return new Term.CallTarget.FunctionTarget(List.copyOf(path));
    }

    /** {@code with} targets: input/data paths stay refs; functions become call markers. */
    private Term withTarget(Term t) {
      Term r = term(t, new Scope(null));
      Term.Var head =
          r instanceof Term.Var v
              ? v
              : r instanceof Term.Ref ref && ref.head() instanceof Term.Var hv ? hv : null;
      if (head != null && Terms.isRoot(head.name())) {
        String dotted = dotted(r);
        if (dotted != null && head.name().equals("data")) {
          List<String> segs = RefNames.segments(dotted);
          if (functionArity.containsKey(segs.subList(1, segs.size()))) {
            return new Term.Call(
                dotted,
                List.of(),
                t.loc(),
                new Term.CallTarget.FunctionTarget(segs.subList(1, segs.size())));
          }
        }
        return r;
      }
      String name = dotted(t);
      if (name != null) {
        Term.CallTarget target = resolveCall(name, t.loc(), false);
        if (target != null) {
          return new Term.Call(name, List.of(), t.loc(), target);
        }
      }
      errors.add(
          new RegoError(
              "rego_type_error",
              "invalid with target: must be input, data or a function",
              t.loc()));
      return r;
    }

    private Term withValue(Term t, Scope s) {
      String name = dotted(t);
      if (name != null) {
        String first = RefNames.segments(name).get(0);
        boolean localVar = s.lookup(first) != null;
        if (!localVar && !Terms.isRoot(first) && !ruleNames.contains(first)) {
          Term.CallTarget target = resolveCall(name, t.loc(), false);
          if (target != null) {
            return new Term.Call(name, List.of(), t.loc(), target);
          }
        } else if (first.equals("data")) {
          List<String> segs = RefNames.segments(name);
          if (functionArity.containsKey(segs.subList(1, segs.size()))) {
            return new Term.Call(
                name,
                List.of(),
                t.loc(),
                new Term.CallTarget.FunctionTarget(segs.subList(1, segs.size())));
          }
        } else if (ruleNames.contains(first)
            && packageFunctionNames
                .getOrDefault(module.packagePath(), Set.of())
                .contains(RefNames.segments(name))) {
          return new Term.Call(name, List.of(), t.loc(), resolveCall(name, t.loc(), false));
        }
      }
      return term(t, s);
    }

    private String dotted(Term t) {
      if (t instanceof Term.Var v) {
        return v.name();
      }
      if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
        List<String> segs = new ArrayList<>();
        segs.add(v.name());
        for (Term e : r.path()) {
          if (e instanceof Term.Scalar sc && sc.value() instanceof StringValue sv) {
            segs.add(sv.value());
          } else {
            return null;
          }
        }
        return RefNames.format(segs);
      }
      return null;
    }
  }

  /** Ground composites become constants, so evaluation does not rebuild them. */
  static Term fold(Term t) {
    switch (t) {
      case Term.ArrayTerm a -> {
        List<Value> vs = new ArrayList<>();
        for (Term x : a.items()) {
          if (!(x instanceof Term.Scalar s)) {
            return t;
          }
          vs.add(s.value());
        }
        return new Term.Scalar(ArrayValue.of(vs), a.loc());
      }
      case Term.SetTerm a -> {
        SetValue.Builder b = SetValue.builder();
        for (Term x : a.items()) {
          if (!(x instanceof Term.Scalar s)) {
            return t;
          }
          b.add(s.value());
        }
        return new Term.Scalar(b.build(), a.loc());
      }
      case Term.ObjectTerm o -> {
        ObjectValue.Builder b = ObjectValue.builder();
        for (int i = 0; i < o.keys().size(); i++) {
          if (!(o.keys().get(i) instanceof Term.Scalar k)
              || !(o.values().get(i) instanceof Term.Scalar v)) {
            return t;
          }
          b.put(k.value(), v.value());
        }
        return new Term.Scalar(b.build(), o.loc());
      }
      default -> {
        return t;
      }
    }
  }
}
