package dev.modelgate.scanner.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Issue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KerasConfigInspectorTest {

  private static List<Issue> inspect(String json) throws Exception {
    return KerasConfigInspector.inspect(KerasJson.MAPPER.readTree(json), (n, b) -> {});
  }

  private static final String DENSE =
      "{\"module\":\"keras.layers\",\"class_name\":\"Dense\",\"config\":{\"name\":\"d\",\"units\":4,"
          + "\"activation\":{\"module\":\"keras.activations\",\"class_name\":\"function\",\"config\":\"relu\","
          + "\"registered_name\":\"function\"}},\"registered_name\":null}";

  @Test
  void ordinaryModelIsClean() throws Exception {
    String model =
        "{\"module\":\"keras\",\"class_name\":\"Sequential\",\"config\":{\"name\":\"s\",\"layers\":["
            + DENSE
            + "]}}";
    assertThat(inspect(model)).isEmpty();
    assertThat(KerasConfigInspector.looksLikeKeras(KerasJson.MAPPER.readTree(model))).isTrue();
    assertThat(
            KerasConfigInspector.looksLikeKeras(
                KerasJson.MAPPER.readTree("{\"model_type\":\"llama\"}")))
        .isFalse();
  }

  @Test
  void lambdaDeepInsideNestedModelsIsFound() throws Exception {
    String lambda =
        "{\"class_name\":\"Lambda\",\"config\":{\"name\":\"l\",\"function\":[\"4wEAAAAAAAAA\",null,null],"
            + "\"function_type\":\"lambda\",\"module\":\"__main__\"}}";
    String nested = lambda;
    for (int i = 0; i < 50; i++) {
      nested = "{\"class_name\":\"Functional\",\"config\":{\"layers\":[" + nested + "]}}";
    }
    List<Issue> issues = inspect(nested);
    assertThat(issues).extracting(Issue::rule).containsExactly("keras.lambda");
    assertThat(issues.get(0).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void moduleReferencesAreGraded() throws Exception {
    assertThat(
            inspect("{\"module\":\"subprocess\",\"class_name\":\"function\",\"config\":\"run\"}"))
        .extracting(Issue::rule, Issue::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("keras.module.dangerous", Severity.CRITICAL));
    assertThat(inspect("{\"module\":\"my_lib.layers\",\"class_name\":\"X\",\"config\":{}}"))
        .extracting(Issue::rule)
        .containsExactly("keras.module.external");
    assertThat(
            inspect(
                "{\"module\":\"keras.utils\",\"class_name\":\"function\",\"config\":\"get_file\"}"))
        .extracting(Issue::rule, Issue::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("keras.function.dangerous", Severity.CRITICAL));
    assertThat(
            inspect(
                "{\"module\":\"keras_hub.src.models\",\"class_name\":\"GemmaBackbone\",\"config\":{},"
                    + "\"registered_name\":\"keras_hub>GemmaBackbone\"}"))
        .isEmpty();
  }

  @Test
  void torchModuleWrapperPayloadIsHandedOnForScanning() throws Exception {
    List<byte[]> seen = new ArrayList<>();
    List<Issue> issues =
        KerasConfigInspector.inspect(
            KerasJson.MAPPER.readTree(
                "{\"class_name\":\"TorchModuleWrapper\",\"config\":{\"name\":\"t\",\"module\":\"gAJOLg==\"}}"),
            (n, b) -> seen.add(b));
    assertThat(issues).extracting(Issue::rule).containsExactly("keras.torch-module");
    assertThat(seen)
        .singleElement()
        .satisfies(b -> assertThat(b).containsExactly(0x80, 2, 'N', '.'));
  }
}
