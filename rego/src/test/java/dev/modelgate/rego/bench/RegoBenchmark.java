package dev.modelgate.rego.bench;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.PreparedQuery;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.testing.RegoTestRunner;
import dev.modelgate.rego.testing.TestResult;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rego engine benchmarks (results in docs/benchmarks.md, section "Rego"): a Cloudsmith-style recipe
 * decision, a 500-rule policy, and a policy test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegoBenchmark {

  /** Cloudsmith EPM recipe style, as users paste them. */
  static final String RECIPE =
      """
      package cloudsmith

      import rego.v1

      default match := false

      trusted_publishers := {"google", "meta-llama", "HuggingFaceTB", "mistralai"}
      pickle_extensions := {".bin", ".pkl", ".pt", ".pth", ".ckpt"}
      allowed_licenses := {"apache-2.0", "mit", "bsd-3-clause", "llama3"}

      match if count(reason) > 0

      reason contains msg if {
      	input.v0.model_security.scan_summary != "SAFE"
      	msg := sprintf("Hub scan summary is %s", [input.v0.model_security.scan_summary])
      }

      reason contains msg if {
      	input.v0.model_security.availability != "COMPLETE"
      	msg := sprintf("Hub scan availability is %s", [input.v0.model_security.availability])
      }

      reason contains msg if {
      	some file in input.v0.package.files
      	lower(file.file_extension) in pickle_extensions
      	publisher := split(input.v0.package.name, "/")[0]
      	not publisher in trusted_publishers
      	msg := sprintf("pickle file %s from untrusted publisher %s", [file.path, publisher])
      }

      reason contains msg if {
      	license := lower(input.v0.package.license.raw_license)
      	not license in allowed_licenses
      	msg := sprintf("license %s is not allowed", [license])
      }

      reason contains msg if {
      	every file in input.v0.package.files {
      		file.size > 0
      	}
      	count(input.v0.package.files) == 0
      	msg := "no files"
      }
      """;

  static final String INPUT =
      """
      {"v0": {"package": {"format": "huggingface", "name": "HuggingFaceTB/SmolLM-135M",
        "version": "1d461723eec654e65efdc40cf49301c89c0c92f4",
        "uploader": {"slug": "cloudsmith-o6v"},
        "license": {"raw_license": "apache-2.0"},
        "files": [
          {"path": "config.json", "filename": "config.json", "file_extension": ".json", "size": 704},
          {"path": "generation_config.json", "filename": "generation_config.json", "file_extension": ".json", "size": 111},
          {"path": "merges.txt", "filename": "merges.txt", "file_extension": ".txt", "size": 466391},
          {"path": "model.safetensors", "filename": "model.safetensors", "file_extension": ".safetensors", "size": 269060552},
          {"path": "special_tokens_map.json", "filename": "special_tokens_map.json", "file_extension": ".json", "size": 831},
          {"path": "tokenizer.json", "filename": "tokenizer.json", "file_extension": ".json", "size": 2104556},
          {"path": "tokenizer_config.json", "filename": "tokenizer_config.json", "file_extension": ".json", "size": 3658},
          {"path": "vocab.json", "filename": "vocab.json", "file_extension": ".json", "size": 800662}
        ], "tags": ["transformers", "safetensors"]},
        "model_security": {"availability": "COMPLETE", "scan_summary": "SAFE", "scan_details": []}}}
      """;

  PreparedQuery recipe;
  EvalOptions recipeOptions;
  PreparedQuery bigDeny;
  EvalOptions bigOptions;
  EvalOptions bigOptionsNoIndex;
  CompiledPolicy suite;

  @Setup
  public void setup() {
    CompiledPolicy policy =
        RegoCompiler.standard().compile(List.of(RegoSource.of("recipe.rego", RECIPE)));
    recipe = policy.prepare("data.cloudsmith.match");
    recipeOptions = EvalOptions.defaults().withInput(ValueJson.parse(INPUT));

    bigDeny =
        RegoCompiler.standard()
            .compile(List.of(RegoSource.of("big.rego", fiveHundredRules())))
            .prepare("data.big.deny");
    bigOptions =
        EvalOptions.defaults()
            .withInput(
                ValueJson.parse("{\"kind\": \"Pod\", \"name\": \"web-42\", \"ns\": \"team-7\"}"));
    bigOptionsNoIndex = bigOptions.withRuleIndexing(false);

    suite =
        RegoCompiler.standard()
            .compile(
                List.of(
                    RegoSource.of("recipe.rego", RECIPE),
                    RegoSource.of("recipe_test.rego", testSuite())));
    check();
  }

  /** 500 rules: 250 partial-set deny rules keyed on input fields, 250 complete rules. */
  static String fiveHundredRules() {
    StringBuilder b = new StringBuilder("package big\n\nimport rego.v1\n\n");
    for (int i = 0; i < 250; i++) {
      b.append("deny contains \"rule ")
          .append(i)
          .append("\" if {\n\tinput.kind == \"Kind")
          .append(i)
          .append("\"\n\tstartswith(input.name, \"web-\")\n}\n\n");
      b.append("limit_")
          .append(i)
          .append(" := x if {\n\tinput.ns == \"team-")
          .append(i % 10)
          .append("\"\n\tx := ")
          .append(i)
          .append(" * 2\n}\n\n");
    }
    b.append(
        "deny contains \"pods in team-7 need review\" if {\n\tinput.kind == \"Pod\"\n\tlimit_7 > 0\n}\n");
    return b.toString();
  }

  /** 200 tests with `with input as` mocks over the recipe. */
  static String testSuite() {
    StringBuilder b =
        new StringBuilder(
            "package cloudsmith_test\n\nimport rego.v1\n\nimport data.cloudsmith\n\n");
    b.append("base := ").append(INPUT.strip()).append("\n\n");
    for (int i = 0; i < 200; i++) {
      switch (i % 4) {
        case 0 ->
            b.append("test_safe_")
                .append(i)
                .append(" if not cloudsmith.match with input as base\n");
        case 1 ->
            b.append("test_unsafe_")
                .append(i)
                .append(
                    " if cloudsmith.match with input.v0.model_security.scan_summary as \"UNSAFE\"")
                .append(" with input.v0.package as base.v0.package\n");
        case 2 ->
            b.append("test_license_")
                .append(i)
                .append(" if {\n\tr := cloudsmith.reason with input as object.union(base,")
                .append(" {\"v0\": {\"package\": {\"license\": {\"raw_license\": \"gpl-")
                .append(i)
                .append("\"}}}})\n\tcount(r) == 1\n}\n");
        default ->
            b.append("test_pickle_")
                .append(i)
                .append(
                    " if {\n\tfiles := [{\"path\": \"m.bin\", \"file_extension\": \".bin\", \"size\": ")
                .append(i)
                .append("}]\n\tr := cloudsmith.reason with input as object.union(base,")
                .append(" {\"v0\": {\"package\": {\"name\": \"x/y\", \"files\": files}}})\n")
                .append("\tcount(r) == 1\n}\n");
      }
    }
    return b.toString();
  }

  private void check() {
    if (!recipeDecision().get(0).expressions().get(0).equals(Value.of(false))) {
      throw new IllegalStateException("recipe should not match the safe input");
    }
    if (!fiveHundredRulePolicyNoIndex().equals(fiveHundredRulePolicy())) {
      throw new IllegalStateException("the index changed the 500-rule result");
    }
    if (!fiveHundredRulePolicy().get(0).expressions().get(0).toJson().contains("team-7")) {
      throw new IllegalStateException("500-rule policy gave " + fiveHundredRulePolicy());
    }
    List<TestResult> rs = policyTestSuite();
    long pass = rs.stream().filter(r -> r.status() == TestResult.Status.PASS).count();
    if (pass != 200) {
      throw new IllegalStateException("suite: " + pass + "/200 passed: " + rs);
    }
  }

  @Benchmark
  public List<QueryResult> recipeDecision() {
    return recipe.eval(recipeOptions);
  }

  @Benchmark
  public List<QueryResult> fiveHundredRulePolicy() {
    return bigDeny.eval(bigOptions);
  }

  /** The same policy and input with the rule index off (every deny rule evaluated). */
  @Benchmark
  public List<QueryResult> fiveHundredRulePolicyNoIndex() {
    return bigDeny.eval(bigOptionsNoIndex);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<TestResult> policyTestSuite() {
    return new RegoTestRunner(EvalLimits.DEFAULT, line -> {}).run(suite, ObjectValue.EMPTY);
  }

  /**
   * Runs the benchmarks: {@code java -cp <test classpath> dev.modelgate.rego.bench.RegoBenchmark}.
   */
  public static void main(String[] args) throws Exception {
    List<String> a = new ArrayList<>(List.of(RegoBenchmark.class.getName()));
    a.addAll(List.of(args));
    org.openjdk.jmh.Main.main(a.toArray(new String[0]));
  }
}
