package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTest {

  @Test
  void numbersCompareNumerically() {
    assertThat(NumberValue.parse("1.0")).isEqualTo(NumberValue.of(1));
    assertThat(NumberValue.parse("1e2").hashCode()).isEqualTo(NumberValue.of(100).hashCode());
    assertThat(NumberValue.parse("1.5")).isNotEqualTo(NumberValue.of(1));
    assertThat(NumberValue.parse("123456789012345678901234567890").toString())
        .isEqualTo("123456789012345678901234567890");
    assertThat(NumberValue.parse("1e400").toString()).isEqualTo("1e+400");
    assertThat(NumberValue.parse("2.50").toString()).isEqualTo("2.5");
  }

  @Test
  void totalOrderAcrossTypes() {
    List<Value> values =
        new ArrayList<>(
            List.of(
                SetValue.of(Value.of(1)),
                ObjectValue.builder().put("a", Value.of(1)).build(),
                ArrayValue.of(Value.of(1)),
                Value.of("a"),
                Value.of(3),
                Value.of(true),
                Value.nullValue()));
    values.sort(null);
    assertThat(values.stream().map(Value::typeName))
        .containsExactly("null", "boolean", "number", "string", "array", "object", "set");
  }

  @Test
  void printsLikeOpa() {
    Value v = ValueJson.parse("{\"b\": [3, 1], \"a\": {\"y\": null, \"x\": true}, \"c\": 1.50}");
    assertThat(v.toJson()).isEqualTo("{\"a\":{\"x\":true,\"y\":null},\"b\":[3,1],\"c\":1.5}");
    assertThat(SetValue.of(Value.of("b"), Value.of("a")).toJson()).isEqualTo("[\"a\",\"b\"]");
    Value nonStringKey = ObjectValue.builder().put(Value.of(3), Value.of(4)).build();
    assertThat(nonStringKey.toJson()).isEqualTo("{\"3\":4}");
  }

  @Test
  void setsAndObjectsEqualRegardlessOfOrder() {
    assertThat(SetValue.of(Value.of(1), Value.of(2)))
        .isEqualTo(SetValue.of(Value.of(2), Value.of(1)));
    assertThat(ValueJson.parse("{\"a\":1,\"b\":2}"))
        .isEqualTo(ValueJson.parse("{\"b\":2,\"a\":1.0}"));
    assertThat(StringValue.of("é").compareTo(StringValue.of("\uD83D\uDE00"))).isNegative();
  }

  @Test
  void rejectsTooDeepJson() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> ValueJson.parse(deep)).isInstanceOf(IllegalArgumentException.class);
  }
}
