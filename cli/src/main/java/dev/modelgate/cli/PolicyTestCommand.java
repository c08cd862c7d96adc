package dev.modelgate.cli;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.testing.PolicyFiles;
import dev.modelgate.rego.testing.RegoTestRunner;
import dev.modelgate.rego.testing.TestResult;
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
 * {@code modelgate policy test PATH...}: like {@code opa test}. Runs every {@code test_*} rule,
 * prints failures, then {@code PASS: n/m} (and {@code FAIL: k/m}); exit 0 only if all pass.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run the test_* rules of .rego files (like opa test).",
      "Data files (.json, .yaml) found in the paths are loaded as data."
    })
public final class PolicyTestCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print every test, not only failures.")
  boolean verbose;

  @Option(names = "--v0-compatible", description = "Parse modules as Rego v0.")
  boolean v0;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
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
    CompiledPolicy policy;
    try {
      policy = RegoCompiler.standard().compile(files.modules());
    } catch (RegoCompileException e) {
      for (RegoError x : e.errors()) {
        err.println(x);
      }
      return 2;
    }
    List<TestResult> results =
        new RegoTestRunner(EvalLimits.DEFAULT, line -> out.println(line)).run(policy, files.data());
    long pass = results.stream().filter(r -> r.status() == TestResult.Status.PASS).count();
    long fail = results.stream().filter(r -> r.status() == TestResult.Status.FAIL).count();
    long error = results.stream().filter(r -> r.status() == TestResult.Status.ERROR).count();
    long skip = results.stream().filter(r -> r.status() == TestResult.Status.SKIP).count();
    int total = results.size();
    if (fail + error > 0 || verbose) {
      if (fail + error > 0) {
        out.println("FAILURES");
        out.println("-".repeat(80));
        for (TestResult r : results) {
          if (r.status() == TestResult.Status.FAIL || r.status() == TestResult.Status.ERROR) {
            out.println(line(r));
            if (!r.message().isEmpty()) {
              out.println("  " + r.message());
            }
          }
        }
        out.println();
      }
      out.println("SUMMARY");
      out.println("-".repeat(80));
      String file = null;
      for (TestResult r : results) {
        if (!r.file().equals(file)) {
          file = r.file();
          out.println(file + ":");
        }
        out.println(line(r));
      }
      out.println("-".repeat(80));
    }
    if (total == 0) {
      out.println("no tests found");
      return 1;
    }
    if (pass > 0) {
      out.println("PASS: " + pass + "/" + total);
    }
    if (fail > 0) {
      out.println("FAIL: " + fail + "/" + total);
    }
    if (error > 0) {
      out.println("ERROR: " + error + "/" + total);
    }
    if (skip > 0) {
      out.println("SKIPPED: " + skip + "/" + total);
    }
    out.flush();
    return fail + error == 0 ? 0 : 1;
  }

  private static String line(TestResult r) {
    String time =
        r.nanos() < 1_000_000
            ? String.format("%.1fµs", r.nanos() / 1_000.0)
            : String.format("%.2fms", r.nanos() / 1_000_000.0);
    return r.name()
        + ": "
        + r.status()
        + (r.status() == TestResult.Status.SKIP ? "" : " (" + time + ")");
  }
}
