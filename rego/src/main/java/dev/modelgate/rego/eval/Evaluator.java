package dev.modelgate.rego.eval;

import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.ast.Expr;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Location;
import dev.modelgate.rego.ast.Rule;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.builtins.Builtin;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.compiler.CompiledRule;
import dev.modelgate.rego.compiler.RuleNode;
import dev.modelgate.rego.compiler.index.RuleIndex;
import dev.modelgate.rego.compiler.index.RuleSelection;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.RegoFormat;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-down evaluation with backtracking, in continuation-passing style: each step calls its
 * continuation once per solution. One Evaluator per {@code with} context; they share {@link
 * EvalShared} (limits, clock, builtin context).
 */
final class Evaluator {
  /** A continuation after a literal succeeded. */
  interface K {
    void go();
  }

  /** A continuation receiving a value. */
  interface VK {
    void accept(Value v);
  }

  /** Thrown to stop an enumeration early once one solution is known to exist. */
  private static final class Found extends RuntimeException {
    Found() {
      super(null, null, false, false);
    }
  }

  private static final Found FOUND = new Found();
  private static final Value UNDEFINED = StringValue.of("\u0000undefined");
  private static final Value IN_PROGRESS = StringValue.of("\u0000in-progress");

  final EvalShared shared;
  final RuleNode root;
  final Value input;
  final ObjectValue data;

  /** {@code with data.x as v} replacements: path (without data) → value. */
  final Map<List<String>, Value> dataOverrides;

  /** {@code with f as g}: builtin name or "data.path" → replacement. */
  final Map<String, Mock> mocks;

  private final Map<RuleNode, Value> nodeCache = new IdentityHashMap<>();
  private final Map<FnKey, Value> fnCache = new HashMap<>();
  private Evaluator mocksFree;

  record Mock(Value value, Term.Call function) {}

  private record FnKey(List<String> path, List<Value> args) {}

  Evaluator(
      EvalShared shared,
      RuleNode root,
      Value input,
      ObjectValue data,
      Map<List<String>, Value> dataOverrides,
      Map<String, Mock> mocks) {
    this.shared = shared;
    this.root = root;
    this.input = input;
    this.data = data;
    this.dataOverrides = dataOverrides;
    this.mocks = mocks;
  }

  // ------------------------------------------------------------------ bodies

  void evalBody(List<Literal> body, int i, Env env, K k) {
    if (i == body.size()) {
      k.go();
      return;
    }
    shared.step();
    Literal l = body.get(i);
    evalLiteral(l, env, () -> evalBody(body, i + 1, env, k));
  }

  /** True if the body has at least one solution (stops at the first). */
  boolean exists(List<Literal> body, Env env) {
    try {
      evalBody(
          body,
          0,
          env,
          () -> {
            throw FOUND;
          });
      return false;
    } catch (Found f) {
      return true;
    }
  }

  void evalLiteral(Literal l, Env env, K k) {
    if (!l.withs().isEmpty()) {
      evalWith(l, env, k);
      return;
    }
    if (l.negated()) {
      boolean found;
      try {
        evalExpr(
            l.expr(),
            env,
            () -> {
              throw FOUND;
            });
        found = false;
      } catch (Found f) {
        found = true;
      }
      if (!found) {
        k.go();
      }
      return;
    }
    evalExpr(l.expr(), env, k);
  }

  private void evalExpr(Expr e, Env env, K k) {
    switch (e) {
      case Expr.TermExpr t ->
          evalTerm(
              t.term(),
              env,
              v -> {
                if (!(v instanceof BooleanValue b) || b.value()) {
                  k.go();
                }
              });
      case Expr.Unify u -> unify(u.left(), u.right(), env, k);
      case Expr.Assign a -> unify(a.left(), a.right(), env, k);
      case Expr.SomeDecl s -> k.go();
      case Expr.SomeIn s ->
          evalTerm(
              s.collection(),
              env,
              coll ->
                  iterate(
                      coll,
                      (key, val) -> {
                        if (s.key() == null) {
                          unifyValue(s.value(), val, env, k);
                        } else {
                          unifyValue(s.key(), key, env, () -> unifyValue(s.value(), val, env, k));
                        }
                      }));
      case Expr.Every ev -> evalEvery(ev, env, k);
    }
  }

  private void evalEvery(Expr.Every ev, Env env, K k) {
    evalTerm(
        ev.domain(),
        env,
        dom -> {
          // As OPA's evalEvery: a domain that is not a collection makes `every` fail.
          if (!(dom instanceof ArrayValue
              || dom instanceof SetValue
              || dom instanceof ObjectValue)) {
            return;
          }
          boolean[] ok = {true};
          iterateUntil(
              dom,
              (key, val) -> {
                boolean found;
                try {
                  K body =
                      () ->
                          evalBody(
                              ev.body(),
                              0,
                              env,
                              () -> {
                                throw FOUND;
                              });
                  if (ev.key() == null) {
                    unifyValue(ev.value(), val, env, body);
                  } else {
                    unifyValue(ev.key(), key, env, () -> unifyValue(ev.value(), val, env, body));
                  }
                  found = false;
                } catch (Found f) {
                  found = true;
                }
                if (!found) {
                  ok[0] = false;
                }
                return ok[0];
              });
          if (ok[0]) {
            k.go();
          }
        });
  }

  interface KV {
    void accept(Value key, Value value);
  }

  interface KVUntil {
    boolean accept(Value key, Value value);
  }

  private void iterate(Value coll, KV f) {
    iterateUntil(
        coll,
        (k, v) -> {
          f.accept(k, v);
          return true;
        });
  }

  private void iterateUntil(Value coll, KVUntil f) {
    switch (coll) {
      case ArrayValue a -> {
        for (int i = 0; i < a.size(); i++) {
          shared.step();
          if (!f.accept(NumberValue.of(i), a.get(i))) {
            return;
          }
        }
      }
      case SetValue s -> {
        for (Value v : s.items()) {
          shared.step();
          if (!f.accept(v, v)) {
            return;
          }
        }
      }
      case ObjectValue o -> {
        for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
          shared.step();
          if (!f.accept(e.getKey(), e.getValue())) {
            return;
          }
        }
      }
      default -> {}
    }
  }

  // ------------------------------------------------------------------ unification

  private boolean unbound(Term t, Env env) {
    return t instanceof Term.Var v && !isRootVar(v) && env.get(v.name()) == null;
  }

  private static boolean isRootVar(Term.Var v) {
    return v.name().equals("input") || v.name().equals("data");
  }

  /** Does the term hold unbound variables in positions unification can bind? */
  private boolean isPattern(Term t, Env env) {
    return switch (t) {
      case Term.Var v -> !isRootVar(v) && env.get(v.name()) == null;
      case Term.ArrayTerm a -> a.items().stream().anyMatch(x -> isPattern(x, env));
      case Term.ObjectTerm o -> o.values().stream().anyMatch(x -> isPattern(x, env));
      default -> false;
    };
  }

  void unify(Term a, Term b, Env env, K k) {
    if (unbound(a, env)) {
      String name = ((Term.Var) a).name();
      evalTerm(b, env, v -> bind(name, v, env, k));
      return;
    }
    if (unbound(b, env)) {
      String name = ((Term.Var) b).name();
      evalTerm(a, env, v -> bind(name, v, env, k));
      return;
    }
    if (a instanceof Term.ArrayTerm x
        && b instanceof Term.ArrayTerm y
        && isPattern(a, env)
        && isPattern(b, env)) {
      if (x.items().size() == y.items().size()) {
        unifyPairs(x.items(), y.items(), 0, env, k);
      }
      return;
    }
    if (a instanceof Term.ObjectTerm x
        && b instanceof Term.ObjectTerm y
        && isPattern(a, env)
        && isPattern(b, env)) {
      unifyObjects(x, y, env, k);
      return;
    }
    if (isPattern(a, env)) {
      evalTerm(b, env, v -> unifyValue(a, v, env, k));
    } else {
      evalTerm(a, env, v -> unifyValue(b, v, env, k));
    }
  }

  private void unifyObjects(Term.ObjectTerm x, Term.ObjectTerm y, Env env, K k) {
    if (x.keys().size() != y.keys().size()) {
      return;
    }
    // Match keys (ground) pairwise, then unify values.
    List<Value> xk = new ArrayList<>();
    for (Term t : x.keys()) {
      Value v = evalSingle(t, env);
      if (v == null) {
        return;
      }
      xk.add(v);
    }
    List<Term> left = new ArrayList<>();
    List<Term> right = new ArrayList<>();
    for (int j = 0; j < y.keys().size(); j++) {
      Value kv = evalSingle(y.keys().get(j), env);
      int i = xk.indexOf(kv);
      if (i < 0) {
        return;
      }
      left.add(x.values().get(i));
      right.add(y.values().get(j));
    }
    unifyPairs(left, right, 0, env, k);
  }

  private void unifyPairs(List<Term> xs, List<Term> ys, int i, Env env, K k) {
    if (i == xs.size()) {
      k.go();
      return;
    }
    unify(xs.get(i), ys.get(i), env, () -> unifyPairs(xs, ys, i + 1, env, k));
  }

  private void bind(String name, Value v, Env env, K k) {
    env.put(name, v);
    try {
      k.go();
    } finally {
      env.remove(name);
    }
  }

  /** Unifies a term (possibly a pattern) with a value. */
  void unifyValue(Term t, Value v, Env env, K k) {
    switch (t) {
      case Term.Var var -> {
        if (isRootVar(var)) {
          evalTerm(
              t,
              env,
              w -> {
                if (w.equals(v)) {
                  k.go();
                }
              });
          return;
        }
        Value cur = env.get(var.name());
        if (cur == null) {
          bind(var.name(), v, env, k);
        } else if (cur.equals(v)) {
          k.go();
        }
      }
      case Term.Scalar s -> {
        if (s.value().equals(v)) {
          k.go();
        }
      }
      case Term.ArrayTerm a -> {
        if (v instanceof ArrayValue av && av.size() == a.items().size()) {
          unifyElements(a.items(), av, 0, env, k);
        }
      }
      case Term.ObjectTerm o -> {
        if (v instanceof ObjectValue ov && ov.size() == o.keys().size()) {
          List<Term> vals = new ArrayList<>();
          List<Value> got = new ArrayList<>();
          for (int i = 0; i < o.keys().size(); i++) {
            Value key = evalSingle(o.keys().get(i), env);
            Value x = key == null ? null : ov.get(key);
            if (x == null) {
              return;
            }
            vals.add(o.values().get(i));
            got.add(x);
          }
          unifyList(vals, got, 0, env, k);
        }
      }
      default ->
          evalTerm(
              t,
              env,
              w -> {
                if (w.equals(v)) {
                  k.go();
                }
              });
    }
  }

  private void unifyElements(List<Term> ts, ArrayValue av, int i, Env env, K k) {
    if (i == ts.size()) {
      k.go();
      return;
    }
    unifyValue(ts.get(i), av.get(i), env, () -> unifyElements(ts, av, i + 1, env, k));
  }

  private void unifyList(List<Term> ts, List<Value> vs, int i, Env env, K k) {
    if (i == ts.size()) {
      k.go();
      return;
    }
    unifyValue(ts.get(i), vs.get(i), env, () -> unifyList(ts, vs, i + 1, env, k));
  }

  // ------------------------------------------------------------------ terms

  /** The single value of a term without unbound variables, or null if undefined. */
  Value evalSingle(Term t, Env env) {
    if (t instanceof Term.Scalar s) {
      return s.value();
    }
    Value[] out = new Value[1];
    evalTerm(
        t,
        env,
        v -> {
          if (out[0] == null) {
            out[0] = v;
          }
        });
    return out[0];
  }

  void evalTerm(Term t, Env env, VK k) {
    switch (t) {
      case Term.Scalar s -> k.accept(s.value());
      case Term.Var v -> {
        switch (v.name()) {
          case "input" -> {
            if (input != null) {
              k.accept(input);
            }
          }
          case "data" -> {
            Value d = nodeValue(root);
            if (d != null) {
              k.accept(d);
            }
          }
          default -> {
            Value x = env.get(v.name());
            if (x != null) {
              k.accept(x);
            }
          }
        }
      }
      case Term.Ref r -> evalRef(r, env, k);
      case Term.ArrayTerm a ->
          evalList(
              a.items(), 0, new Value[a.items().size()], env, vs -> k.accept(ArrayValue.of(vs)));
      case Term.SetTerm s ->
          evalList(
              s.items(),
              0,
              new Value[s.items().size()],
              env,
              vs -> k.accept(SetValue.of(Arrays.asList(vs))));
      case Term.ObjectTerm o -> {
        List<Term> all = new ArrayList<>(o.keys());
        all.addAll(o.values());
        int n = o.keys().size();
        evalList(
            all,
            0,
            new Value[all.size()],
            env,
            vs -> {
              ObjectValue.Builder b = ObjectValue.builder();
              for (int i = 0; i < n; i++) {
                b.put(vs[i], vs[n + i]);
              }
              k.accept(b.build());
            });
      }
      case Term.Call c -> evalCall(c, env, k);
      case Term.ArrayCompr c -> {
        List<Value> out = new ArrayList<>();
        shared.depth++;
        try {
          checkDepth(c.loc());
          evalBody(
              c.body(),
              0,
              env,
              () ->
                  evalTerm(
                      c.head(),
                      env,
                      v -> {
                        out.add(v);
                        checkSize(out.size());
                      }));
        } finally {
          shared.depth--;
        }
        k.accept(ArrayValue.of(out));
      }
      case Term.SetCompr c -> {
        SetValue.Builder out = SetValue.builder();
        shared.depth++;
        try {
          checkDepth(c.loc());
          evalBody(
              c.body(),
              0,
              env,
              () ->
                  evalTerm(
                      c.head(),
                      env,
                      v -> {
                        out.add(v);
                        checkSize(out.size());
                      }));
        } finally {
          shared.depth--;
        }
        k.accept(out.build());
      }
      case Term.ObjectCompr c -> {
        ObjectValue.Builder out = ObjectValue.builder();
        shared.depth++;
        try {
          checkDepth(c.loc());
          evalBody(
              c.body(),
              0,
              env,
              () ->
                  evalTerm(
                      c.key(),
                      env,
                      key ->
                          evalTerm(
                              c.value(),
                              env,
                              val -> {
                                Value old = out.get(key);
                                if (old != null && !old.equals(val)) {
                                  throw conflict("object keys must be unique", c.loc());
                                }
                                out.put(key, val);
                                checkSize(out.size());
                              })));
        } finally {
          shared.depth--;
        }
        k.accept(out.build());
      }
    }
  }

  interface ValuesK {
    void accept(Value[] vs);
  }

  private void evalList(List<Term> ts, int i, Value[] acc, Env env, ValuesK k) {
    if (i == ts.size()) {
      k.accept(acc.clone());
      return;
    }
    Term t = ts.get(i);
    if (t instanceof Term.Scalar s) {
      acc[i] = s.value();
      evalList(ts, i + 1, acc, env, k);
      return;
    }
    evalTerm(
        t,
        env,
        v -> {
          acc[i] = v;
          evalList(ts, i + 1, acc, env, k);
        });
  }

  private void checkSize(int n) {
    if (n > shared.limits.maxCollectionSize()) {
      throw EvalShared.limit(
          "evaluation built a collection larger than "
              + shared.limits.maxCollectionSize()
              + " elements");
    }
    shared.step();
  }

  private void checkDepth(Location loc) {
    if (shared.depth > shared.limits.maxCallDepth()) {
      throw new RegoEvalException(
          new RegoError(
              "eval_limit_error",
              "evaluation exceeded the call depth limit (" + shared.limits.maxCallDepth() + ")",
              loc));
    }
  }

  // ------------------------------------------------------------------ references

  private void evalRef(Term.Ref r, Env env, VK k) {
    Term head = r.head();
    if (head instanceof Term.Var v) {
      switch (v.name()) {
        case "data" -> {
          evalDataRef(r.path(), 0, root, env, k);
          return;
        }
        case "input" -> {
          if (input != null) {
            walk(input, r.path(), 0, env, k);
          }
          return;
        }
        default -> {
          Value x = env.get(v.name());
          if (x != null) {
            walk(x, r.path(), 0, env, k);
          }
          return;
        }
      }
    }
    evalTerm(head, env, hv -> walk(hv, r.path(), 0, env, k));
  }

  private void walk(Value cur, List<Term> path, int i, Env env, VK k) {
    if (i == path.size()) {
      k.accept(cur);
      return;
    }
    Term e = path.get(i);
    if (e instanceof Term.Scalar s) {
      Value child = index(cur, s.value());
      if (child != null) {
        walk(child, path, i + 1, env, k);
      }
      return;
    }
    if (isPattern(e, env)) {
      iterate(cur, (key, val) -> unifyValue(e, key, env, () -> walk(val, path, i + 1, env, k)));
      return;
    }
    evalTerm(
        e,
        env,
        key -> {
          Value child = index(cur, key);
          if (child != null) {
            walk(child, path, i + 1, env, k);
          }
        });
  }

  static Value index(Value cur, Value key) {
    return switch (cur) {
      case ObjectValue o -> o.get(key);
      case ArrayValue a -> a.get(key);
      case SetValue s -> s.contains(key) ? key : null;
      default -> null;
    };
  }

  private void evalDataRef(List<Term> path, int i, RuleNode node, Env env, VK k) {
    if (!dataOverrides.isEmpty()) {
      Value o = dataOverrides.get(node.path);
      if (o != null) {
        walk(o, path, i, env, k);
        return;
      }
    }
    if (i == path.size() || node.hasValueRules() || node.children.isEmpty()) {
      Value v = nodeValue(node);
      if (v != null) {
        boolean baseOnly = !node.hasValueRules() && node.children.isEmpty();
        if (baseOnly) {
          walkBase(v, path, i, env, k);
        } else {
          walk(v, path, i, env, k);
        }
      }
      return;
    }
    Term e = path.get(i);
    if (e instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
      RuleNode child = node.children.get(sv.value());
      if (child != null) {
        evalDataRef(path, i + 1, child, env, k);
      } else {
        List<String> p = new ArrayList<>(node.path);
        p.add(sv.value());
        Value base = baseAt(p);
        if (base != null) {
          walkBase(base, path, i + 1, env, k);
        }
      }
      return;
    }
    if (e instanceof Term.Scalar s) {
      baseByKey(node, s.value(), path, i, env, k);
      return;
    }
    if (!isPattern(e, env)) {
      Value key = evalSingle(e, env);
      if (key instanceof StringValue sv) {
        evalDataRef(replace(path, i, new Term.Scalar(sv, e.loc())), i, node, env, k);
        return;
      }
      if (key != null) {
        baseByKey(node, key, path, i, env, k);
        return;
      }
    }
    Value v = nodeValue(node);
    if (v != null) {
      walk(v, path, i, env, k);
    }
  }

  /**
   * A ground key that is not a string below a data node: no rule can be there (rule paths are
   * strings), so only base data is read, with a number naming the key it prints as, as OPA's
   * storage paths do ({@code data.x[1]} reads {@code data.x["1"]}); other keys are undefined.
   */
  private void baseByKey(RuleNode node, Value key, List<Term> path, int i, Env env, VK k) {
    if (!(key instanceof NumberValue)) {
      return;
    }
    List<String> p = new ArrayList<>(node.path);
    p.add(RegoFormat.format(key));
    Value base = baseAt(p);
    if (base != null) {
      walkBase(base, path, i + 1, env, k);
    }
  }

  /** {@link #walk} over base data: a number key also finds the object key it prints as. */
  private void walkBase(Value cur, List<Term> path, int i, Env env, VK k) {
    if (i == path.size()) {
      k.accept(cur);
      return;
    }
    Term e = path.get(i);
    if (isPattern(e, env)) {
      iterate(cur, (key, val) -> unifyValue(e, key, env, () -> walkBase(val, path, i + 1, env, k)));
      return;
    }
    evalTerm(
        e,
        env,
        key -> {
          Value child = index(cur, key);
          if (child == null && key instanceof NumberValue && cur instanceof ObjectValue o) {
            child = o.get(StringValue.of(RegoFormat.format(key)));
          }
          if (child != null) {
            walkBase(child, path, i + 1, env, k);
          }
        });
  }

  private static List<Term> replace(List<Term> path, int i, Term t) {
    List<Term> p = new ArrayList<>(path);
    p.set(i, t);
    return p;
  }

  /** Base data at a path, with {@code with data...} overrides applied. */
  private Value baseAt(List<String> path) {
    Value cur = data;
    for (int i = 0; i < path.size() && cur != null; i++) {
      List<String> prefix = path.subList(0, i);
      Value o = dataOverrides.isEmpty() ? null : dataOverrides.get(prefix);
      if (o != null) {
        cur = o;
      }
      cur = cur instanceof ObjectValue ov ? ov.get(path.get(i)) : null;
    }
    if (!dataOverrides.isEmpty()) {
      Value o = dataOverrides.get(path);
      if (o != null) {
        return o;
      }
      for (Map.Entry<List<String>, Value> e : dataOverrides.entrySet()) {
        List<String> op = e.getKey();
        if (op.size() > path.size() && op.subList(0, path.size()).equals(path)) {
          cur = patch(cur, op.subList(path.size(), op.size()), e.getValue());
        }
      }
    }
    return cur;
  }

  /** Sets a value at a path inside an object, creating objects on the way. */
  static Value patch(Value base, List<String> path, Value v) {
    if (path.isEmpty()) {
      return v;
    }
    ObjectValue.Builder b = ObjectValue.builder();
    if (base instanceof ObjectValue o) {
      b.putAll(o);
    }
    StringValue key = StringValue.of(path.get(0));
    Value child = base instanceof ObjectValue o ? o.get(key) : null;
    b.put(key, patch(child, path.subList(1, path.size()), v));
    return b.build();
  }

  // ------------------------------------------------------------------ rule values

  /** The value of the data tree at a node (rules, children, base data), or null if undefined. */
  Value nodeValue(RuleNode node) {
    Value cached = nodeCache.get(node);
    if (cached != null) {
      if (cached == IN_PROGRESS) {
        throw new RegoEvalException(
            new RegoError(
                "rego_recursion_error",
                "rule data." + String.join(".", node.path) + " is recursive",
                null));
      }
      return cached == UNDEFINED ? null : cached;
    }
    if (!dataOverrides.isEmpty()) {
      Value o = dataOverrides.get(node.path);
      if (o != null) {
        return o;
      }
    }
    nodeCache.put(node, IN_PROGRESS);
    Value v;
    try {
      v = computeNode(node);
    } catch (RuntimeException e) {
      nodeCache.remove(node);
      throw e;
    }
    nodeCache.put(node, v == null ? UNDEFINED : v);
    return v;
  }

  private Value computeNode(RuleNode node) {
    Value base = baseAt(node.path);
    if (node.hasValueRules()) {
      Value ruleValue = evalRules(node);
      ObjectValue children = childValues(node);
      if (children.isEmpty() && !(base instanceof ObjectValue bo && !bo.isEmpty())) {
        return ruleValue;
      }
      if (ruleValue != null && !(ruleValue instanceof ObjectValue)) {
        return ruleValue;
      }
      ObjectValue.Builder out = ObjectValue.builder();
      if (base instanceof ObjectValue bo) {
        out.putAll(bo);
      }
      if (ruleValue instanceof ObjectValue ro) {
        out.putAll(ro);
      }
      out.putAll(children);
      return out.build();
    }
    if (node.children.isEmpty()) {
      // A function is not a value; a package without rules is {} (as in OPA).
      boolean function = !node.functions.isEmpty() || node.defaultFunction != null;
      return base != null || function ? base : ObjectValue.EMPTY;
    }
    ObjectValue children = childValues(node);
    if (base != null && !(base instanceof ObjectValue)) {
      return base;
    }
    if (base instanceof ObjectValue bo && !bo.isEmpty()) {
      return mergeBaseFirst(bo, children);
    }
    return children;
  }

  /**
   * As OPA's evalTree.extent (mergeObjects): base data and the rules below a package merge key by
   * key; two objects merge recursively, otherwise the base document's value wins.
   */
  static ObjectValue mergeBaseFirst(ObjectValue base, ObjectValue virtual) {
    ObjectValue.Builder out = ObjectValue.builder();
    for (Map.Entry<Value, Value> e : base.entries().entrySet()) {
      Value v = virtual.get(e.getKey());
      if (v instanceof ObjectValue vo && e.getValue() instanceof ObjectValue bo) {
        out.put(e.getKey(), mergeBaseFirst(bo, vo));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<Value, Value> e : virtual.entries().entrySet()) {
      if (base.get(e.getKey()) == null) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out.build();
  }

  private ObjectValue childValues(RuleNode node) {
    if (node.children.isEmpty()) {
      return ObjectValue.EMPTY;
    }
    ObjectValue.Builder b = ObjectValue.builder();
    for (RuleNode c : node.children.values()) {
      if (c.children.isEmpty() && !c.hasValueRules() && !c.functions.isEmpty()) {
        continue;
      }
      if (c.children.isEmpty() && !c.hasValueRules() && c.defaultFunction != null) {
        continue;
      }
      Value cv = nodeValue(c);
      if (cv != null) {
        b.put(c.name, cv);
      }
    }
    return b.build();
  }

  private Value evalRules(RuleNode node) {
    shared.depth++;
    try {
      checkDepth(null);
      List<CompiledRule> complete = new ArrayList<>();
      List<CompiledRule> multi = new ArrayList<>();
      List<CompiledRule> dynamic = new ArrayList<>();
      RuleSelection candidates = select(node.ruleIndex, node.rules, null);
      for (CompiledRule r : candidates.rules()) {
        if (!r.dynamic().isEmpty()) {
          dynamic.add(r);
        } else if (r.kind() == Rule.Kind.MULTI) {
          multi.add(r);
        } else {
          complete.add(r);
        }
      }
      // The kind of the rule set comes from all its rules: a partial set or object whose rules
      // the index skipped is empty, not undefined.
      boolean anyMulti = false;
      boolean anyDynamic = false;
      for (CompiledRule r : node.rules) {
        anyDynamic |= !r.dynamic().isEmpty();
        anyMulti |= r.dynamic().isEmpty() && r.kind() == Rule.Kind.MULTI;
      }
      if (anyMulti) {
        SetValue.Builder b = SetValue.builder();
        for (CompiledRule r : multi) {
          Env env = new Env(r);
          evalBody(
              r.body(),
              0,
              env,
              () ->
                  evalTerm(
                      r.value(),
                      env,
                      v -> {
                        b.add(v);
                        checkSize(b.size());
                      }));
        }
        return b.build();
      }
      if (anyDynamic) {
        return evalDynamic(dynamic);
      }
      Value result = null;
      CompiledRule resultRule = null;
      boolean earlyExit = candidates.earlyExit();
      for (CompiledRule r : complete) {
        if (earlyExit && result != null) {
          break;
        }
        for (CompiledRule branch = r; branch != null; branch = branch.elseRule()) {
          if (!candidates.admits(branch)) {
            continue;
          }
          List<Value> vs =
              !earlyExit
                  ? ruleValues(branch)
                  : exists(branch.body(), new Env(branch))
                      ? List.of(((Term.Scalar) branch.value()).value())
                      : List.of();
          if (!vs.isEmpty()) {
            for (Value v : vs) {
              if (result == null) {
                result = v;
                resultRule = branch;
              } else if (!result.equals(v)) {
                throw conflict(
                    "complete rules must not produce multiple outputs: rule "
                        + r.dataPath()
                        + " produced conflicting values",
                    branch.loc());
              }
            }
            break;
          }
        }
      }
      if (result == null && node.defaultRule != null) {
        return evalSingle(node.defaultRule.value(), new Env(node.defaultRule));
      }
      return resultRule == null ? null : result;
    } finally {
      shared.depth--;
    }
  }

  /**
   * The rules of a set that may succeed here, in OPA's evaluation order: the index's candidates
   * (resolved against this context's input, data and {@code with} overrides), or all rules.
   */
  private RuleSelection select(RuleIndex index, List<CompiledRule> rules, Value[] args) {
    if (index == null) {
      return RuleSelection.all(rules);
    }
    // A mocked `equal` or `glob.match` could succeed where the index says it cannot.
    if (!shared.ruleIndexing || mocks.containsKey("equal") || mocks.containsKey("glob.match")) {
      return index.all();
    }
    return index.lookup(ref -> evalSingle(ref, new Env(null)), args);
  }

  /** Distinct values a (non-else) rule body produces. */
  private List<Value> ruleValues(CompiledRule r) {
    List<Value> out = new ArrayList<>(1);
    Env env = new Env(r);
    evalBody(
        r.body(),
        0,
        env,
        () ->
            evalTerm(
                r.value(),
                env,
                v -> {
                  if (!out.contains(v)) {
                    out.add(v);
                  }
                }));
    return out;
  }

  /** Partial objects and ref-head rules: nested objects built from each solution. */
  private Value evalDynamic(List<CompiledRule> rules) {
    Map<Value, Object> tree = new LinkedHashMap<>();
    int[] count = {0};
    for (CompiledRule r : rules) {
      if (r.isDefault()) {
        continue;
      }
      Env env = new Env(r);
      List<Term> keys = r.dynamic();
      evalBody(
          r.body(),
          0,
          env,
          () ->
              evalList(
                  keys,
                  0,
                  new Value[keys.size()],
                  env,
                  ks ->
                      evalTerm(
                          r.value(),
                          env,
                          v -> {
                            insert(tree, ks, v, r, count);
                            checkSize(++count[0]);
                          })));
    }
    // `default p[k] := v` (ground k) applies where no other rule gave key k a value.
    for (CompiledRule r : rules) {
      if (r.isDefault()) {
        Env env = new Env(r);
        List<Term> keys = r.dynamic();
        evalList(
            keys,
            0,
            new Value[keys.size()],
            env,
            ks -> {
              if (!hasPath(tree, ks)) {
                evalTerm(r.value(), env, v -> insert(tree, ks, v, r, count));
              }
            });
      }
    }
    return freeze(tree);
  }

  @SuppressWarnings("unchecked")
  private static boolean hasPath(Map<Value, Object> tree, Value[] keys) {
    Object cur = tree;
    for (Value key : keys) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(key)) {
        return false;
      }
      cur = ((Map<Value, Object>) m).get(key);
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private void insert(Map<Value, Object> tree, Value[] keys, Value v, CompiledRule r, int[] count) {
    Map<Value, Object> cur = tree;
    boolean multi = r.kind() == Rule.Kind.MULTI;
    for (int i = 0; i < keys.length; i++) {
      boolean last = i == keys.length - 1;
      Object existing = cur.get(keys[i]);
      if (last) {
        if (multi) {
          if (existing == null) {
            existing = SetValue.builder();
            cur.put(keys[i], existing);
          }
          if (!(existing instanceof SetValue.Builder sb)) {
            throw conflict("object keys must be unique", r.loc());
          }
          sb.add(v);
        } else if (existing == null) {
          cur.put(keys[i], v);
        } else if (!(existing instanceof Value ev) || !ev.equals(v)) {
          throw conflict(
              "object keys must be unique: rule " + r.dataPath() + " produced conflicting values",
              r.loc());
        }
      } else {
        if (existing == null) {
          existing = new LinkedHashMap<Value, Object>();
          cur.put(keys[i], existing);
        }
        if (!(existing instanceof Map)) {
          throw conflict("object keys must be unique", r.loc());
        }
        cur = (Map<Value, Object>) existing;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Value freeze(Map<Value, Object> tree) {
    ObjectValue.Builder b = ObjectValue.builder();
    for (Map.Entry<Value, Object> e : tree.entrySet()) {
      Object o = e.getValue();
      Value v =
          switch (o) {
            case Value x -> x;
            case SetValue.Builder sb -> sb.build();
            default -> freeze((Map<Value, Object>) o);
          };
      b.put(e.getKey(), v);
    }
    return b.build();
  }

  static RegoEvalException conflict(String msg, Location loc) {
    return new RegoEvalException(new RegoError("eval_conflict_error", msg, loc));
  }

  // ------------------------------------------------------------------ calls

  private void evalCall(Term.Call c, Env env, VK k) {
    Term.CallTarget target = c.target();
    String key =
        target instanceof Term.CallTarget.FunctionTarget f
            ? "data." + String.join(".", f.path())
            : ((Term.CallTarget.BuiltinTarget) target).name();
    if (!mocks.isEmpty()) {
      Mock m = mocks.get(key);
      if (m != null) {
        callMocked(c, m, env, k);
        return;
      }
    }
    if (key.equals("print")) {
      evalPrint(c, env, k);
      return;
    }
    if (key.startsWith("rego.metadata.")) {
      Value v = Metadata.call(key, env.rule);
      finishCall(c, c.args().size() == 1 ? 0 : -1, v, env, k);
      return;
    }
    int arity;
    Builtin builtin = null;
    if (target instanceof Term.CallTarget.FunctionTarget f) {
      RuleNode node = root.find(f.path());
      arity = functionArity(node);
    } else {
      builtin = shared.builtins.lookup(key);
      arity = builtin.arity();
    }
    int n = c.args().size();
    if (n != arity && n != arity + 1) {
      throw new RegoEvalException(
          new RegoError(
              "rego_type_error",
              key + ": arity mismatch: expected " + arity + " arguments but got " + n,
              c.loc()));
    }
    int outIndex = n == arity + 1 ? arity : -1;
    Builtin bi = builtin;
    evalList(
        c.args().subList(0, arity),
        0,
        new Value[arity],
        env,
        args -> {
          if (target instanceof Term.CallTarget.FunctionTarget f) {
            Value v = callFunction(f.path(), args, c.loc());
            if (v != null) {
              finishCall(c, outIndex, v, env, k);
            }
          } else {
            callBuiltin(bi, args, c, outIndex, env, k);
          }
        });
  }

  private static int functionArity(RuleNode node) {
    if (!node.functions.isEmpty()) {
      return node.functions.get(0).args().size();
    }
    return node.defaultFunction.args().size();
  }

  private void finishCall(Term.Call c, int outIndex, Value v, Env env, VK k) {
    if (v == null) {
      return;
    }
    if (outIndex >= 0) {
      unifyValue(c.args().get(outIndex), v, env, () -> k.accept(BooleanValue.TRUE));
    } else {
      k.accept(v);
    }
  }

  private void callBuiltin(Builtin b, Value[] args, Term.Call c, int outIndex, Env env, VK k) {
    shared.step();
    List<Value> argList = Arrays.asList(args);
    try {
      if (b.function() != null) {
        Value v = b.function().apply(shared, argList);
        finishCall(c, outIndex, v, env, k);
      } else {
        List<Value> outs = new ArrayList<>();
        b.relation().apply(shared, argList, outs::add);
        for (Value v : outs) {
          finishCall(c, outIndex, v, env, k);
        }
      }
    } catch (BuiltinException e) {
      // As OPA: without strict builtin errors, a failing builtin (type errors included) is
      // undefined; HALT errors always end the evaluation.
      if (e.kind() != BuiltinException.Kind.HALT && !shared.strict) {
        return;
      }
      throw new RegoEvalException(
          new RegoError(e.kind().code(), b.name() + ": " + e.getMessage(), c.loc()));
    } catch (ArithmeticException | StackOverflowError e) {
      if (!shared.strict) {
        return;
      }
      throw new RegoEvalException(
          new RegoError("eval_builtin_error", b.name() + ": " + e.getMessage(), c.loc()));
    }
  }

  private void callMocked(Term.Call c, Mock m, Env env, VK k) {
    int outIndex = -1;
    int arity = arityOf(c);
    if (arity >= 0 && c.args().size() == arity + 1) {
      outIndex = arity;
    }
    int nIn = outIndex >= 0 ? arity : c.args().size();
    int oi = outIndex;
    if (m.value() != null) {
      // A value replacing a function: every call yields it (inputs still evaluated).
      evalList(
          c.args().subList(0, nIn),
          0,
          new Value[nIn],
          env,
          args -> finishCall(c, oi, m.value(), env, k));
      return;
    }
    // As OPA: the arguments are evaluated here, with every mock in force; the replacement then
    // runs without function mocks, so it may call the original and never calls another mock
    // (input/data overrides still apply).
    Evaluator plain =
        mocksFree != null
            ? mocksFree
            : (mocksFree = new Evaluator(shared, root, input, data, dataOverrides, Map.of()));
    evalList(
        c.args().subList(0, nIn),
        0,
        new Value[nIn],
        env,
        args -> {
          List<Term> evaluated = new ArrayList<>(c.args().size());
          for (int i = 0; i < nIn; i++) {
            evaluated.add(new Term.Scalar(args[i], c.args().get(i).loc()));
          }
          evaluated.addAll(c.args().subList(nIn, c.args().size()));
          plain.evalCall(
              new Term.Call(m.function().name(), evaluated, c.loc(), m.function().target()),
              env,
              k);
        });
  }

  private int arityOf(Term.Call c) {
    if (c.target() instanceof Term.CallTarget.FunctionTarget f) {
      RuleNode node = root.find(f.path());
      return node == null ? -1 : functionArity(node);
    }
    Builtin b = shared.builtins.lookup(((Term.CallTarget.BuiltinTarget) c.target()).name());
    return b == null ? -1 : b.arity();
  }

  private void evalPrint(Term.Call c, Env env, VK k) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < c.args().size(); i++) {
      if (i > 0) {
        line.append(' ');
      }
      List<Value> vs = new ArrayList<>();
      evalTerm(c.args().get(i), env, vs::add);
      if (vs.isEmpty()) {
        line.append("<undefined>");
      } else {
        Value v = vs.get(0);
        line.append(v instanceof StringValue s ? s.value() : RegoFormat.format(v));
      }
    }
    shared.print(line.toString());
    k.accept(BooleanValue.TRUE);
  }

  /** Calls a user function; null if undefined. */
  Value callFunction(List<String> path, Value[] args, Location loc) {
    FnKey key = new FnKey(path, List.of(args));
    Value cached = fnCache.get(key);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    RuleNode node = root.find(path);
    shared.depth++;
    Value result = null;
    try {
      checkDepth(loc);
      CompiledRule resultRule = null;
      RuleSelection candidates = select(node.functionIndex, node.functions, args);
      boolean earlyExit = candidates.earlyExit();
      for (CompiledRule r : candidates.rules()) {
        if (earlyExit && resultRule != null) {
          break;
        }
        for (CompiledRule branch = r; branch != null; branch = branch.elseRule()) {
          if (!candidates.admits(branch)) {
            continue;
          }
          List<Value> outs = new ArrayList<>(1);
          Env env = new Env(branch);
          CompiledRule b = branch;
          try {
            unifyArgs(
                b.args(),
                args,
                0,
                env,
                () ->
                    evalBody(
                        b.body(),
                        0,
                        env,
                        () ->
                            evalTerm(
                                b.value(),
                                env,
                                v -> {
                                  if (!outs.contains(v)) {
                                    outs.add(v);
                                  }
                                  if (earlyExit) {
                                    throw FOUND;
                                  }
                                })));
          } catch (Found f) {
            // Early exit: the first solution decides.
          }
          if (outs.isEmpty()) {
            continue;
          }
          for (Value v : outs) {
            if (result == null) {
              result = v;
              resultRule = branch;
            } else if (!result.equals(v)) {
              throw conflict(
                  "functions must not produce multiple outputs for same inputs: function data."
                      + String.join(".", path)
                      + " produced conflicting values for the same inputs",
                  branch.loc());
            }
          }
          break;
        }
      }
      if (resultRule == null && node.defaultFunction != null) {
        result = evalSingle(node.defaultFunction.value(), new Env(node.defaultFunction));
      }
    } finally {
      shared.depth--;
    }
    fnCache.put(key, result == null ? UNDEFINED : result);
    return result;
  }

  private void unifyArgs(List<Term> params, Value[] args, int i, Env env, K k) {
    if (i == params.size()) {
      k.go();
      return;
    }
    unifyValue(params.get(i), args[i], env, () -> unifyArgs(params, args, i + 1, env, k));
  }

  // ------------------------------------------------------------------ with

  private void evalWith(Literal l, Env env, K k) {
    Value newInput = input;
    Map<List<String>, Value> overrides = new HashMap<>(dataOverrides);
    Map<String, Mock> newMocks = new HashMap<>(mocks);
    for (Literal.With w : l.withs()) {
      Term target = w.target();
      Mock mock;
      if (w.value() instanceof Term.Call fc && fc.args().isEmpty() && isFunctionRef(fc)) {
        mock = new Mock(null, fc);
      } else {
        Value v = evalSingle(w.value(), env);
        if (v == null) {
          return;
        }
        mock = new Mock(v, null);
      }
      if (target instanceof Term.Call tc) {
        String key =
            tc.target() instanceof Term.CallTarget.FunctionTarget f
                ? "data." + String.join(".", f.path())
                : ((Term.CallTarget.BuiltinTarget) tc.target()).name();
        newMocks.put(key, mock);
        continue;
      }
      List<String> path = new ArrayList<>();
      String rootName;
      if (target instanceof Term.Var v) {
        rootName = v.name();
      } else {
        Term.Ref r = (Term.Ref) target;
        rootName = ((Term.Var) r.head()).name();
        for (Term e : r.path()) {
          Value kv = evalSingle(e, env);
          if (!(kv instanceof StringValue s)) {
            return;
          }
          path.add(s.value());
        }
      }
      Value v = mock.value() != null ? mock.value() : null;
      if (v == null) {
        throw new RegoEvalException(
            new RegoError("rego_type_error", "with: value must not be a function", w.loc()));
      }
      if (rootName.equals("input")) {
        newInput = patch(newInput, path, v);
      } else {
        // A replaced path also hides overrides below it.
        overrides
            .keySet()
            .removeIf(p -> p.size() > path.size() && p.subList(0, path.size()).equals(path));
        overrides.put(List.copyOf(path), v);
      }
    }
    Evaluator child = new Evaluator(shared, root, newInput, data, overrides, newMocks);
    Literal plain = new Literal(l.expr(), l.negated(), List.of(), l.loc());
    child.evalLiteral(plain, env, k);
  }

  private static boolean isFunctionRef(Term.Call c) {
    return c.target() != null;
  }

  // ------------------------------------------------------------------ queries

  /** Evaluates a query; {@code vals} receives each expression's value (TermExpr) or true. */
  void evalQuery(List<Literal> body, int i, Env env, Value[] vals, K k) {
    if (i == body.size()) {
      k.go();
      return;
    }
    shared.step();
    Literal l = body.get(i);
    if (l.expr() instanceof Expr.TermExpr t && !l.negated() && l.withs().isEmpty()) {
      evalTerm(
          t.term(),
          env,
          v -> {
            // As OPA's query compiler: a single-expression query reports its value even when it
            // is false; with several expressions, false fails the query.
            if (body.size() == 1 || !(v instanceof BooleanValue b) || b.value()) {
              vals[i] = v;
              evalQuery(body, i + 1, env, vals, k);
            }
          });
      return;
    }
    evalLiteral(
        l,
        env,
        () -> {
          vals[i] = BooleanValue.TRUE;
          evalQuery(body, i + 1, env, vals, k);
        });
  }
}
