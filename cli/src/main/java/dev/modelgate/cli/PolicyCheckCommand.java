package dev.modelgate.cli;

import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.testing.PolicyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelgate policy check PATH...}: parse and compile; each error as {@code file:line:col:
 * code: message}; exit 1 on any.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Parse and compile .rego files (like opa check); errors as file:line:col.")
public final class PolicyCheckCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Option(names = "--v0-compatible", description = "Parse modules as Rego v0.")
  boolean v0;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PolicyFiles files = new PolicyFiles(!v0);
    try {
      for (Path p : paths) {
        files.add(p);
      }
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    try {
      RegoCompiler.standard().compile(files.modules());
      return 0;
    } catch (RegoCompileException e) {
      for (RegoError x : e.errors()) {
        err.println(x);
      }
      err.flush();
      return 1;
    }
  }
}
