package dev.modelgate.rego.api;

import dev.modelgate.rego.ast.Module;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.compiler.Compiler;
import dev.modelgate.rego.compiler.RuleNode;
import dev.modelgate.rego.parser.Parser;
import dev.modelgate.rego.parser.RegoParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point: compiles Rego modules once into a {@link CompiledPolicy} that prepares and evaluates
 * queries many times (thread-safe).
 *
 * <pre>{@code
 * CompiledPolicy policy = RegoCompiler.standard().compile(List.of(RegoSource.of("p.rego", text)));
 * PreparedQuery q = policy.prepare("data.cloudsmith.match");
 * List<QueryResult> rs = q.eval(EvalOptions.defaults().withInput(ValueJson.parse(json)));
 * }</pre>
 */
public final class RegoCompiler {
  private final BuiltinRegistry builtins;

  private RegoCompiler(BuiltinRegistry builtins) {
    this.builtins = builtins;
  }

  /** A compiler using the standard builtin library. */
  public static RegoCompiler standard() {
    return new RegoCompiler(BuiltinRegistry.standard());
  }

  /** A compiler using a custom builtin registry. */
  public static RegoCompiler withBuiltins(BuiltinRegistry builtins) {
    return new RegoCompiler(builtins);
  }

  /**
   * Parses and compiles the modules.
   *
   * @throws RegoCompileException with every parse/compile error (file:line:col, OPA codes)
   */
  public CompiledPolicy compile(List<RegoSource> sources) {
    List<Module> modules = new ArrayList<>();
    List<RegoError> errors = new ArrayList<>();
    for (RegoSource s : sources) {
      try {
        modules.add(Parser.parseModule(s.filename(), s.text(), s.regoV1()));
      } catch (RegoParseException e) {
        errors.add(new RegoError("rego_parse_error", e.getMessage(), e.location()));
      } catch (StackOverflowError e) {
        errors.add(
            new RegoError(
                "rego_parse_error",
                "module nested too deeply",
                new dev.modelgate.rego.ast.Location(s.filename(), 1, 1)));
      }
    }
    if (!errors.isEmpty()) {
      throw new RegoCompileException(errors);
    }
    return compileModules(modules);
  }

  /** Compiles already-parsed modules. */
  public CompiledPolicy compileModules(List<Module> modules) {
    Compiler compiler = new Compiler(builtins);
    RuleNode root = compiler.compile(modules);
    if (!compiler.errors().isEmpty()) {
      throw new RegoCompileException(compiler.errors());
    }
    return new CompiledPolicy(compiler, root, modules, builtins);
  }
}
