package dev.modelgate.rego.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The type model: OPA's printed notation, order, unions and unification. */
class RegoTypeTest {

  private static RegoType t(String s) {
    return TypeNotation.type(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "any",
        "null",
        "boolean",
        "number",
        "string",
        "array[any]",
        "array<number, string>",
        "array<number>[string]",
        "set[set[any]]",
        "object[string: any]",
        "object<indent: string, prefix: string, pretty: boolean>[string: any]",
        "object<desc: string, error: string>",
        "any<string, array[any], object[any: any], set[any]>",
        "any<null, array[string]>"
      })
  void printsAsOpaPrints(String text) {
    assertThat(t(text)).hasToString(text);
  }

  @Test
  void unionsAndKnownKeysAreKeptInOpasOrder() {
    // OPA sorts union members by kind (null, boolean, number, string, array, object, set) and
    // object keys by value.
    assertThat(t("any<set[any], object[any: any], string, array[any]>"))
        .hasToString("any<string, array[any], object[any: any], set[any]>");
    assertThat(t("object<pretty: boolean, indent: string>"))
        .hasToString("object<indent: string, pretty: boolean>");
    assertThat(t("any<array<number, string>, number, array<number, string, string>>"))
        .hasToString("any<number, array<number, string>, array<number, string, string>>");
  }

  @Test
  void badNotationIsRejectedWithPosition() {
    assertThatThrownBy(() -> t("strin")).hasMessageContaining("unknown type 'strin'");
    assertThatThrownBy(() -> t("array[any")).hasMessageContaining("expected ']'");
    assertThatThrownBy(() -> t("set[any] x")).hasMessageContaining("unexpected text");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // have | want | unifies
        "number | number | true",
        "number | string | false",
        "null | boolean | false",
        "number | any | true",
        "any | string | true",
        "number | any<number, set[any]> | true",
        "string | any<number, set[any]> | false",
        "any<number, set[any]> | string | false",
        "any<number, set[any]> | set[string] | true",
        "set[number] | set[any] | true",
        "set[number] | set[string] | false",
        "set[any] | array[any] | false",
        "array[number] | array[any] | true",
        "array[number] | array[string] | false",
        "array<number, string> | array[any] | true",
        "array<number, string> | array<number, string> | true",
        "array<number, number> | array<number, string> | false",
        "array<number, string, string> | array<number, string> | false",
        "array<number, string> | any<number, array<number, string>> | true",
        "object[string: any] | object[any: any] | true",
        "object[string: number] | object[string: string] | false",
        "object<pretty: number> | object<pretty: boolean>[string: any] | false",
        "object<foo: number> | object<pretty: boolean>[string: any] | false",
        "object<a: number> | object<a: number, b: string> | false",
        "object<a: number> | object[any: any] | true",
        "object[any: any] | array[any] | false"
      })
  void unifiesAsOpa(String have, String want, boolean expected) {
    assertThat(Types.unifies(t(have), t(want))).isEqualTo(expected);
  }

  @Test
  void unknownUnifiesWithNothing() {
    assertThat(Types.unifies(null, RegoType.ANY)).isFalse();
    assertThat(Types.unifies(RegoType.ANY, null)).isFalse();
    assertThat(Types.print(null)).isEqualTo("???");
  }

  @Test
  void objectSelectUsesKnownKeysThenTheDynamicKeyType() {
    RegoType.ObjectType opts = (RegoType.ObjectType) t("object<pretty: boolean>[string: any]");
    assertThat(opts.select(StringValue.of("pretty"))).isEqualTo(RegoType.BOOLEAN);
    assertThat(opts.select(StringValue.of("other"))).isEqualTo(RegoType.ANY);
    assertThat(opts.select(Value.of(1))).isNull();
    assertThat(((RegoType.ObjectType) t("object<a: string>")).select(StringValue.of("b"))).isNull();
  }

  @Test
  void containsAndOr() {
    assertThat(Types.contains(RegoType.ANY, RegoType.NUMBER)).isTrue();
    assertThat(Types.contains(t("any<number, string>"), RegoType.STRING)).isTrue();
    assertThat(Types.contains(t("any<number, string>"), RegoType.NULL)).isFalse();
    assertThat(Types.contains(RegoType.STRING, RegoType.STRING)).isTrue();
    assertThat(Types.or(RegoType.NUMBER, RegoType.NUMBER)).isEqualTo(RegoType.NUMBER);
    assertThat(Types.or(RegoType.STRING, RegoType.NUMBER)).hasToString("any<number, string>");
    assertThat(Types.or(t("any<number, string>"), RegoType.NULL))
        .hasToString("any<null, number, string>");
    assertThat(Types.or(t("any<number>"), RegoType.ANY)).isEqualTo(RegoType.ANY);
    assertThat(Types.or(null, RegoType.NULL)).isEqualTo(RegoType.NULL);
  }

  @Test
  void constantsAreTypedElementByElement() {
    Value arr = ArrayValue.of(List.of(Value.of(1), Value.of("a")));
    assertThat(Types.ofValue(arr)).hasToString("array<number, string>");
    assertThat(Types.ofValue(ArrayValue.of(List.of()))).hasToString("array[any]");
    Value set = SetValue.builder().add(Value.of(1)).add(Value.of("a")).build();
    assertThat(Types.ofValue(set)).hasToString("set[any<number, string>]");
    Value obj = ObjectValue.builder().put(Value.of("b"), Value.of(true)).build();
    assertThat(Types.ofValue(obj)).hasToString("object<b: boolean>");
    assertThat(Types.ofValue(Value.nullValue())).isEqualTo(RegoType.NULL);
  }

  @Test
  void signaturesReadNamesUnnamedParametersAndNamesWithSpaces() {
    Signature s =
        TypeNotation.signature(
            "concat(delimiter: string, collection: any<array[string], set[string]>)"
                + " => output: string");
    assertThat(s.name()).isEqualTo("concat");
    assertThat(s.arity()).isEqualTo(2);
    assertThat(s.operand(1)).hasToString("any<array[string], set[string]>");
    assertThat(s.operand(2)).isEqualTo(RegoType.STRING);
    assertThat(s.want())
        .isEqualTo(
            "(delimiter: string, collection: any<array[string], set[string]>, output: string)");
    assertThat(TypeNotation.signature("internal.member_2(any, any) => boolean").want())
        .isEqualTo("(any, any, boolean)");
    assertThat(TypeNotation.signature("time.now_ns() => now: number").arity()).isZero();
    assertThat(TypeNotation.signature("f(x: number) => formatted timestamp: string").result())
        .hasToString("formatted timestamp: string");
  }
}
