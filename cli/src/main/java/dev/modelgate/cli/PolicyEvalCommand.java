package dev.modelgate.cli;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.testing.PolicyFiles;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import dev.modelgate.rego.value.ValueYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelgate policy eval [-d FILE|DIR]... [-i input.json] QUERY}: like {@code opa eval},
 * prints {@code {"result": [{"expressions": [{"value": ...}]}]}} ({@code {}} when undefined).
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a Rego query (like opa eval); prints the result set as JSON.")
public final class PolicyEvalCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-d", "--data"},
      paramLabel = "FILE|DIR",
      description = "Policy or data files.")
  List<Path> data = new ArrayList<>();

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "Input document (JSON/YAML).")
  Path input;

  @Option(names = "--strict-builtin-errors", description = "Builtin errors abort evaluation.")
  boolean strict;

  @Option(names = "--v0-compatible", description = "Parse modules as Rego v0.")
  boolean v0;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. data.p.allow")
  String query;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PolicyFiles files = new PolicyFiles(!v0);
    Value in = null;
    try {
      for (Path p : data) {
        files.add(p);
      }
      if (input != null) {
        if (Files.size(input) > PolicyFiles.MAX_FILE_BYTES) {
          throw new IOException(input + ": too large");
        }
        String text = Files.readString(input);
        in = input.toString().endsWith(".json") ? ValueJson.parse(text) : ValueYaml.parse(text);
      }
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    try {
      CompiledPolicy policy = RegoCompiler.standard().compile(files.modules());
      List<QueryResult> rs =
          policy
              .prepare(query)
              .eval(
                  EvalOptions.defaults()
                      .withInput(in)
                      .withData(files.data())
                      .withStrictBuiltinErrors(strict)
                      .withPrinter(err::println));
      out.println(ValueJson.writePretty(resultSet(rs, query)));
      out.flush();
      return 0;
    } catch (RegoCompileException e) {
      printErrors(err, e.errors());
      return 1;
    } catch (RegoEvalException e) {
      printErrors(err, List.of(e.error()));
      return 1;
    }
  }

  static void printErrors(PrintWriter err, List<RegoError> errors) {
    err.println(errors.size() + " error" + (errors.size() == 1 ? "" : "s") + " occurred:");
    for (RegoError e : errors) {
      err.println(e);
    }
    err.flush();
  }

  /** OPA's result-set JSON: expressions (value, text) and bindings per result. */
  static Value resultSet(List<QueryResult> rs, String query) {
    if (rs.isEmpty()) {
      return ObjectValue.EMPTY;
    }
    List<Value> results = new ArrayList<>();
    for (QueryResult r : rs) {
      List<Value> exprs = new ArrayList<>();
      for (Value v : r.expressions()) {
        ObjectValue.Builder e = ObjectValue.builder().put("value", v);
        if (r.expressions().size() == 1) {
          e.put("text", Value.of(query.strip()));
        }
        exprs.add(e.build());
      }
      ObjectValue.Builder res = ObjectValue.builder().put("expressions", ArrayValue.of(exprs));
      if (!r.bindings().isEmpty()) {
        ObjectValue.Builder b = ObjectValue.builder();
        r.bindings().forEach(b::put);
        res.put("bindings", b.build());
      }
      results.add(res.build());
    }
    return ObjectValue.builder().put("result", ArrayValue.of(results)).build();
  }
}
