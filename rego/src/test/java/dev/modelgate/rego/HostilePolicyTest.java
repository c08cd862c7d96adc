package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile policies and inputs end with a clear error inside the limits, never hang or OOM. */
@Timeout(30)
class HostilePolicyTest {

  private static CompiledPolicy compile(String src) {
    return RegoCompiler.standard().compile(List.of(RegoSource.of("hostile.rego", src)));
  }

  private static Value bigArray(int n) {
    List<Value> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(NumberValue.of(i));
    }
    return ArrayValue.of(items);
  }

  @Test
  void recursionIsRejectedAtCompileTime() {
    assertThatThrownBy(
            () ->
                compile(
                    "package h\nimport rego.v1\np if q\nq if r\nr if p\n"
                        + "f(x) := y if { y := f(x + 1) }\n"))
        .isInstanceOf(RegoCompileException.class)
        .hasMessageContaining("rego_recursion_error")
        .hasMessageContaining("hostile.rego:");
  }

  @Test
  void combinatorialComprehensionHitsTheStepLimit() {
    CompiledPolicy p =
        compile(
            "package h\nimport rego.v1\n"
                + "n := count([1 | some a in input; some b in input; some c in input])\n");
    EvalOptions opts =
        EvalOptions.defaults()
            .withInput(bigArray(2000))
            .withLimits(new EvalLimits(1_000_000, Duration.ofSeconds(20), 10_000_000, 100));
    long start = System.nanoTime();
    assertThatThrownBy(() -> p.prepare("data.h.n").eval(opts))
        .isInstanceOfSatisfying(
            RegoEvalException.class, e -> assertThat(e.code()).isEqualTo("eval_limit_error"))
        .hasMessageContaining("step limit");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void hugeCollectionsHitTheSizeLimit() {
    CompiledPolicy p =
        compile("package h\nimport rego.v1\ns := {[a, b] | some a in input; some b in input}\n");
    EvalOptions opts =
        EvalOptions.defaults()
            .withInput(bigArray(1000))
            .withLimits(new EvalLimits(Long.MAX_VALUE, Duration.ofSeconds(20), 20_000, 100));
    assertThatThrownBy(() -> p.prepare("data.h.s").eval(opts))
        .isInstanceOfSatisfying(
            RegoEvalException.class, e -> assertThat(e.code()).isEqualTo("eval_limit_error"))
        .hasMessageContaining("larger than 20000");
  }

  @Test
  void longEvaluationsHitTheTimeLimit() {
    CompiledPolicy p =
        compile(
            "package h\nimport rego.v1\n"
                + "n := count([1 | some a in input; some b in input; some c in input; a < b])\n");
    EvalOptions opts =
        EvalOptions.defaults()
            .withInput(bigArray(3000))
            .withLimits(
                new EvalLimits(Long.MAX_VALUE, Duration.ofMillis(300), Integer.MAX_VALUE, 100));
    long start = System.nanoTime();
    assertThatThrownBy(() -> p.prepare("data.h.n").eval(opts))
        .isInstanceOf(RegoEvalException.class)
        .hasMessageContaining("time limit");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void deeplyNestedSourceIsAParseErrorNotAStackOverflow() {
    String deep = "package h\np := " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    assertThatThrownBy(() -> compile(deep))
        .isInstanceOf(RegoCompileException.class)
        .hasMessageContaining("rego_parse_error");
    String parens = "package h\np := " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "\n";
    assertThatThrownBy(() -> compile(parens)).isInstanceOf(RegoCompileException.class);
  }

  @Test
  @Timeout(10)
  void nestedCollectionsThatLookLikeComprehensionsParseInLinearTime() {
    // Each `[a | b, ...]` first looks like a comprehension whose body stops at the comma, then is
    // re-read as an array: without remembering parsed collections that doubles per level.
    String arrays = "[a | b, 1]";
    String sets = "{a | b, 1}";
    for (int i = 0; i < 40; i++) {
      arrays = "[a | b, " + arrays + "]";
      sets = "{a | b, " + sets + "}";
    }
    String src = "package h\na := {1}\nb := {2}\nx := " + arrays + "\ny := " + sets + "\n";
    CompiledPolicy policy = compile(src);
    Value x = policy.prepare("data.h.x").eval(EvalOptions.defaults()).get(0).expressions().get(0);
    assertThat(x).isInstanceOf(ArrayValue.class);
    assertThat(((ArrayValue) x).size()).isEqualTo(2);
  }

  @Test
  void deeplyNestedInputIsRejectedByTheParser() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    assertThatThrownBy(() -> ValueJson.parse(deep)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enormousInputsAreIteratedWithinLimits() {
    // 200k elements: a linear scan is fine, a quadratic one is stopped by the step limit.
    Value input = ObjectValue.builder().put("items", bigArray(200_000)).build();
    CompiledPolicy p =
        compile(
            "package h\nimport rego.v1\n"
                + "linear := count([x | some x in input.items; x > 199990])\n"
                + "quadratic if { some a in input.items; some b in input.items; a + b < 0 }\n");
    EvalOptions opts =
        EvalOptions.defaults()
            .withInput(input)
            .withLimits(new EvalLimits(2_000_000, Duration.ofSeconds(20), 1_000_000, 100));
    assertThat(p.prepare("data.h.linear").eval(opts).get(0).expressions().get(0))
        .isEqualTo(NumberValue.of(9));
    assertThatThrownBy(() -> p.prepare("data.h.quadratic").eval(opts))
        .isInstanceOfSatisfying(
            RegoEvalException.class, e -> assertThat(e.code()).isEqualTo("eval_limit_error"));
  }

  @Test
  void deepCallChainsHitTheDepthLimit() {
    StringBuilder src = new StringBuilder("package h\nimport rego.v1\n");
    for (int i = 0; i < 400; i++) {
      src.append("f").append(i).append("(x) := f").append(i + 1).append("(x)\n");
    }
    src.append("f400(x) := x\n");
    CompiledPolicy p = compile(src.toString());
    EvalOptions opts =
        EvalOptions.defaults()
            .withLimits(new EvalLimits(1_000_000, Duration.ofSeconds(5), 1_000_000, 100));
    assertThatThrownBy(() -> p.prepare("data.h.f0(1)").eval(opts))
        .isInstanceOfSatisfying(
            RegoEvalException.class, e -> assertThat(e.code()).isEqualTo("eval_limit_error"))
        .hasMessageContaining("depth");
  }
}
