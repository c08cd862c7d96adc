package dev.modelgate.rego.api;

import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Module;
import dev.modelgate.rego.ast.Rule;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.compiler.Compiler;
import dev.modelgate.rego.compiler.RuleNode;
import dev.modelgate.rego.compiler.Scope;
import dev.modelgate.rego.compiler.Terms;
import dev.modelgate.rego.parser.Parser;
import dev.modelgate.rego.parser.RegoParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Compiled modules. Immutable and thread-safe; prepare queries once, evaluate many times. */
public final class CompiledPolicy {
  private final Compiler compiler;
  private final RuleNode root;
  private final List<Module> modules;
  private final BuiltinRegistry builtins;

  CompiledPolicy(Compiler compiler, RuleNode root, List<Module> modules, BuiltinRegistry builtins) {
    this.compiler = compiler;
    this.root = root;
    this.modules = List.copyOf(modules);
    this.builtins = builtins;
  }

  /** The parsed modules (with METADATA annotations). */
  public List<Module> modules() {
    return modules;
  }

  /**
   * Parses and compiles a query such as {@code data.cloudsmith.match} or {@code x := data.p[_]}.
   *
   * @throws RegoCompileException on parse errors, unsafe variables or unknown functions
   */
  public PreparedQuery prepare(String query) {
    List<Literal> parsed;
    try {
      parsed = Parser.parseQuery(query);
    } catch (RegoParseException e) {
      throw new RegoCompileException(
          List.of(new RegoError("rego_parse_error", e.getMessage(), e.location())));
    }
    List<Literal> compiled;
    List<RegoError> errors;
    synchronized (compiler) {
      int before = compiler.errors().size();
      compiled = compiler.compileQuery(parsed);
      errors = new ArrayList<>(compiler.errors().subList(before, compiler.errors().size()));
      compiler.errors().subList(before, compiler.errors().size()).clear();
    }
    if (!errors.isEmpty()) {
      throw new RegoCompileException(errors);
    }
    Set<String> vars = new LinkedHashSet<>();
    for (Literal l : compiled) {
      Terms.literalVars(l, vars, false);
    }
    vars.removeIf(v -> Scope.display(v).startsWith("_"));
    return new PreparedQuery(root, compiled, List.copyOf(vars), builtins);
  }

  /** Full paths ({@code data.pkg.name}) of every rule whose name starts with the prefix. */
  public List<String> rulesNamed(String prefix) {
    Set<String> out = new LinkedHashSet<>();
    for (Module m : modules) {
      for (Rule r : m.rules()) {
        if (r.name().startsWith(prefix) && r.kind() != Rule.Kind.FUNCTION && r.head().size() == 1) {
          List<String> p = new ArrayList<>();
          p.add("data");
          p.addAll(m.packagePath());
          p.add(r.name());
          out.add(String.join(".", p));
        }
      }
    }
    return List.copyOf(out);
  }
}
