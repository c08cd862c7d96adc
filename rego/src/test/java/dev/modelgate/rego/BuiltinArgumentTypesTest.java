package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OPA's compile-time "invalid argument(s)" errors for builtin calls whose operands are known to
 * have the wrong type, and no error for anything OPA accepts.
 */
class BuiltinArgumentTypesTest {

  private static List<RegoError> errors(String body) {
    try {
      compile(body);
    } catch (RegoCompileException e) {
      return e.errors();
    }
    return List.of();
  }

  private static CompiledPolicy compile(String body) {
    return RegoCompiler.standard()
        .compile(List.of(RegoSource.of("p.rego", "package p\n\nr if {\n  " + body + "\n}\n")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x := uuid.parse(42)",
        "x := upper(1)",
        "x := count(true)",
        "x := concat(\",\", \"a\")",
        "x := concat(\",\", [\"a\", 1])",
        "x := concat(\",\", {\"a\", 1})",
        "x := sum([\"a\"])",
        "x := sort(\"a\")",
        "x := 1 + \"a\"",
        "x := \"a\" * 2",
        "x := {1} & [1]",
        "x := {1} | 1",
        "x := sprintf(\"%v\", 1)",
        "x := array.concat([1], {1})",
        "x := object.get([], \"a\", 1)",
        "x := object.keys(\"a\")",
        "x := http.send({1: 2})",
        "x := json.marshal_with_options({}, {\"pretty\": 1})",
        "x := json.patch({}, [{\"op\": 1}])",
        "x := time.date([1, 2])",
        "x := time.format([1, \"UTC\", \"x\", \"y\"])",
        "x := glob.match(\"a\", \"b\", \"a\")",
        "x := strings.replace_n({\"a\": 1}, \"a\")",
        "x := upper([y | y := 1])",
        "x := upper({y | y := 1})",
        "x := upper({y: 1 | y := 1})",
        "x := concat(\",\", [1 | true])",
        "x := concat(\",\", {[y] | y := input.a[_]})",
        "x := json.marshal_with_options({}, {1: true | true})",
        "x := concat(\",\", [input.x, 1])",
        "x := upper(count([1]))",
        "x := upper(1 - 2)",
        "x := upper(object.union({}, input.x))",
        "x := [y | y := upper(1)]",
        "count([1], \"n\")",
        "to_number([1])",
        "x := numbers.range(1, \"2\")",
        "x := net.cidr_merge([1])",
        "x := intersection({[1]})"
      })
  void rejectsWhatOpaRejects(String body) {
    List<RegoError> es = errors(body);
    assertThat(es).hasSize(1);
    RegoError e = es.get(0);
    assertThat(e.code()).isEqualTo("rego_type_error");
    assertThat(e.message()).containsPattern("^[a-z0-9_.]+: invalid argument\\(s\\)\n\thave: ");
    assertThat(e.location().line()).isEqualTo(4);
  }

  @Test
  void errorNamesTheBuiltinAndPointsAtTheCall() {
    RegoError e = errors("x := uuid.parse(42)").get(0);
    assertThat(e.toString())
        .isEqualTo(
            "p.rego:4:8: rego_type_error: uuid.parse: invalid argument(s)\n"
                + "\thave: (number, ???)\n"
                + "\twant: (uuid: string, result: object[string: any])");
    // As a whole expression the call has no output variable; with one, the output is checked.
    assertThat(errors("uuid.parse(42)").get(0).message())
        .endsWith("\thave: (number)\n\twant: (uuid: string, result: object[string: any])");
    assertThat(errors("count([1], \"n\")").get(0).message())
        .startsWith("count: invalid argument(s)\n\thave: (array<number>, string)\n");
    // The inner call of a nested one is the culprit; the outer one is not blamed.
    List<RegoError> nested = errors("x := upper(upper(1))");
    assertThat(nested).hasSize(1);
    assertThat(nested.get(0).location().col()).isEqualTo(14);
    // Unknown operand parts print as ???, comprehensions by their head.
    assertThat(errors("x := concat(\",\", [input.x, 1])").get(0).message())
        .contains("\thave: (string, array<???, number>, ???)\n");
    assertThat(errors("x := concat(\",\", [1 | true])").get(0).message())
        .contains("\thave: (string, array[number], ???)\n");
    // Nested with one operand too many is OPA's "too many arguments", not this check's.
    assertThat(errors("x := upper(\"a\", 1)"))
        .noneMatch(err -> err.message().contains("invalid argument"));
    // Operators are reported under their builtin name.
    assertThat(errors("x := 1 + \"a\"").get(0).message()).startsWith("plus: invalid argument(s)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // any-typed parameters
        "x := semver.is_valid(1)",
        "x := json.marshal({1})",
        "x := type_name(null)",
        "x := is_string(1)",
        "x := object.get({}, [\"a\", 1], 0)",
        "x := json.patch([], [])",
        "x := 1 == \"a\"",
        "x := [1] < {1}",
        "x := 1 in \"a\"",
        "x := 1 in {1}",
        "walk([1], [p, v])",
        // numbers where a number is declared
        "x := abs(-1.5)",
        "x := format_int(15, 16)",
        "x := time.date(0)",
        "x := time.date([0, \"UTC\"])",
        "x := time.format([0, \"UTC\", \"2006\"])",
        "x := to_number(null)",
        "x := to_number(\"1\")",
        // sets and arrays where either is accepted
        "x := count({1})",
        "x := count({\"a\": 1})",
        "x := count(\"abc\")",
        "x := sum({1, 2})",
        "x := max([1])",
        "x := sort({3, 1})",
        "x := concat(\",\", {\"a\"})",
        "x := concat(\",\", [])",
        "x := strings.any_prefix_match({\"a\"}, [\"b\"])",
        "x := object.remove({\"a\": 1}, {\"a\"})",
        "x := object.filter({\"a\": 1}, [\"a\"])",
        "x := object.filter({\"a\": 1}, {\"a\": 1})",
        "x := graph.reachable({\"a\": {\"b\"}, \"b\": []}, [\"a\"])",
        "x := net.cidr_contains_matches(\"10.0.0.0/8\", {\"10.0.0.1\"})",
        "x := json.filter({\"a\": 1}, {\"a\", [\"b\", 1]})",
        "x := glob.match(\"a\", null, \"a\")",
        "x := glob.match(\"a\", [], \"a\")",
        // operators on sets
        "x := {1, 2} - {2}",
        "x := {1} | {2}",
        "x := {1} & {2}",
        "x := 3 - 1",
        "x := 1 - {2}",
        "x := union({{1}, {2}})",
        // the output operand
        "count([1], n)",
        "count([1], 1)",
        "upper(\"a\", \"A\")",
        // unknown or any-typed operands: input, iteration variables, comprehensions of the right
        // kind, results declared any
        "upper(input.x)",
        "some y in input.xs\n  upper(y)",
        "x := count([y | y := input.a[_]])",
        "x := concat(\",\", {y | y := input.a[_]})",
        "x := object.keys({k: 1 | k := input.a[_]})",
        "x := concat(\",\", [\"a\" | true])",
        "x := sum({1 | true})",
        "x := count([[y] | y := 1])",
        "x := json.marshal_with_options({}, {\"pretty\": y | y := input.p})",
        "x := upper(json.unmarshal(\"1\"))",
        "x := upper(object.get({}, \"a\", 1))",
        "x := concat(\",\", [upper(\"a\"), lower(\"B\")])",
        "x := http.send({\"method\": \"get\", \"url\": input.u})",
        "x := json.marshal_with_options({}, {\"pretty\": true, \"indent\": \" \", \"other\": 1})",
        "x := json.patch({}, [{\"op\": \"add\", \"path\": \"/a\", \"value\": 1}])",
        "x := io.jwt.decode_verify(\"t\", {\"secret\": \"s\", \"alg\": \"HS256\"})",
        "x := sprintf(\"%v %v\", [1, {\"a\": input.x}])",
        "x := $\"a {1} b\"",
        "print(1, {2}, input.x)"
      })
  void acceptsWhatOpaAccepts(String body) {
    assertThat(errors(body)).isEmpty();
  }

  @Test
  void acceptedSetOperatorsStillEvaluate() {
    CompiledPolicy p =
        RegoCompiler.standard()
            .compile(List.of(RegoSource.of("p.rego", "package p\n\nx := {1, 2} - {2}\n")));
    assertThat(
            p.prepare("data.p.x").eval(EvalOptions.defaults()).get(0).expressions().get(0).toJson())
        .isEqualTo("[1]");
  }
}
