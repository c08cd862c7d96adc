package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.rego.builtins.Builtin;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.SimpleBuiltinContext;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorBuiltinsTest {
  private final SimpleBuiltinContext ctx = new SimpleBuiltinContext();

  private Value call(String name, Value... args) throws BuiltinException {
    Builtin b = BuiltinRegistry.standard().lookup(name);
    return b.function().apply(ctx, List.of(args));
  }

  @Test
  void arithmeticIsExact() throws Exception {
    assertThat(call("plus", NumberValue.parse("0.1"), NumberValue.parse("0.2")))
        .isEqualTo(NumberValue.parse("0.3"));
    assertThat(call("div", Value.of(7), Value.of(2))).isEqualTo(NumberValue.parse("3.5"));
    assertThat(call("rem", Value.of(7), Value.of(-2))).isEqualTo(Value.of(1));
    assertThat(call("minus", SetValue.of(Value.of(1), Value.of(2)), SetValue.of(Value.of(2))))
        .isEqualTo(SetValue.of(Value.of(1)));
  }

  @Test
  void errorsCarryOpaKindsAndMessages() {
    assertThatThrownBy(() -> call("div", Value.of(1), Value.of(0)))
        .isInstanceOfSatisfying(
            BuiltinException.class,
            e -> assertThat(e.kind()).isEqualTo(BuiltinException.Kind.BUILTIN_ERROR))
        .hasMessage("divide by zero");
    assertThatThrownBy(() -> call("plus", Value.of("a"), Value.of(1)))
        .isInstanceOfSatisfying(
            BuiltinException.class, e -> assertThat(e.kind().code()).isEqualTo("eval_type_error"))
        .hasMessage("operand 1 must be number but got string");
  }
}
