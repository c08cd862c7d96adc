package dev.modelgate.rego.builtins.uuid;

import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.SimpleBuiltinContext;
import dev.modelgate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class UuidBuiltinsTest {

  @Test
  void parsesVersionsAndFields() throws Exception {
    assertThat(json("uuid.parse", "\"{00000000-0000-4000-8000-000000000000}\""))
        .isEqualTo("{\"variant\":\"RFC4122\",\"version\":4}");
    assertThat(json("uuid.parse", "\"urn:uuid:000003e8-48b9-21ee-b200-325096b39f47\""))
        .isEqualTo(
            "{\"clocksequence\":12800,\"domain\":\"Person\",\"id\":1000,"
                + "\"macvariables\":\"local:unicast\",\"nodeid\":\"32-50-96-b3-9f-47\","
                + "\"time\":1693566990121469600,\"variant\":\"RFC4122\",\"version\":2}");
    assertThat(json("uuid.parse", "\"b01d0062-a116-11ee-822b-7ab0b9e5e0c0\""))
        .contains("\"time\":1703282931110717000", "\"clocksequence\":555", "\"version\":1");
    assertThat(json("uuid.parse", "\"6bea8ef2d3d33cd184e09bab06a52ece\""))
        .isEqualTo("{\"variant\":\"RFC4122\",\"version\":3}");
    assertThat(json("uuid.parse", "\"not-a-uuid\"")).isEqualTo("undefined");
    assertThat(json("uuid.parse", "123")).isEqualTo("undefined");
  }

  @Test
  void rfc4122IsStablePerKeyWithinAnEvaluation() throws Exception {
    var f = BuiltinRegistry.standard().lookup("uuid.rfc4122").function();
    var ctx = new SimpleBuiltinContext(0, true);
    Value a1 = f.apply(ctx, List.of(Value.of("a")));
    Value a2 = f.apply(ctx, List.of(Value.of("a")));
    Value b = f.apply(ctx, List.of(Value.of("b")));
    assertThat(a1).isEqualTo(a2).isNotEqualTo(b);
    assertThat(a1.toString())
        .matches("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"");
    Value other = f.apply(new SimpleBuiltinContext(0, true), List.of(Value.of("a")));
    assertThat(other).isNotEqualTo(a1);
  }
}
