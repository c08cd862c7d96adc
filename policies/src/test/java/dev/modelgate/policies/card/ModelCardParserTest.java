package dev.modelgate.policies.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCardParserTest {

  @Test
  void normalisesScalarListFieldsAndKeepsUnknownKeysInExtras() {
    ModelCard card =
        ModelCardParser.parse(
            """
            ---
            license: apache-2.0
            datasets: HuggingFaceTB/smollm-corpus
            language:
            - en
            - fr
            tags: [text-generation]
            extra_gated_prompt: Agree please
            inference: false
            ---
            # SmolLM
            """);

    assertThat(card.problem()).isNull();
    assertThat(card.license()).isEqualTo("apache-2.0");
    assertThat(card.fields().get("datasets")).isEqualTo(List.of("HuggingFaceTB/smollm-corpus"));
    assertThat(card.fields().get("language")).isEqualTo(List.of("en", "fr"));
    assertThat(card.extras()).containsEntry("extra_gated_prompt", "Agree please");
    assertThat(card.extras()).containsEntry("inference", false);
    assertThat(card.toInput().get("base_model")).isEqualTo(List.of());
  }

  @Test
  void readmeWithoutFrontMatterIsAnEmptyCardNotAProblem() {
    ModelCard card = ModelCardParser.parse("# Just a title\n\nSome text.\n");
    assertThat(card).isEqualTo(ModelCard.EMPTY);
    assertThat(ModelCardParser.parse("---\n---\n# empty block\n")).isEqualTo(ModelCard.EMPTY);
  }

  @Test
  void brokenYamlIsReportedAsAProblem() {
    ModelCard card = ModelCardParser.parse("---\nlicense: [unclosed\n---\n");
    assertThat(card.problem()).startsWith("front matter is not valid YAML");
    assertThat(card.fields()).isEmpty();
  }

  @Test
  void nonMappingFrontMatterIsAProblem() {
    assertThat(ModelCardParser.parse("---\n- a\n- b\n---\n").problem())
        .isEqualTo("front matter is not a mapping");
  }

  @Test
  void billionLaughsIsRefusedByTheAliasLimit() {
    StringBuilder yaml = new StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      yaml.append("]\n");
      prev = c;
    }
    yaml.append("---\n");
    ModelCard card = ModelCardParser.parse(yaml.toString());
    assertThat(card.problem()).isNotNull();
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "---\nx: " + "[".repeat(200) + "]".repeat(200) + "\n---\n";
    assertThat(ModelCardParser.parse(deep).problem()).isNotNull();
  }

  @Test
  void pythonTagsAreNotConstructed() {
    ModelCard card = ModelCardParser.parse("---\nx: !!python/object/apply:os.system [id]\n---\n");
    assertThat(card.problem()).startsWith("front matter is not valid YAML");
  }

  @Test
  void datesBecomeStrings() {
    ModelCard card = ModelCardParser.parse("---\nreleased: 2024-07-16\n---\n");
    assertThat(card.extras().get("released")).isInstanceOf(String.class);
    assertThat((String) card.extras().get("released")).startsWith("2024-07-16");
  }
}
