package dev.modelgate.rego.builtins.strings;

import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoTemplateTest {

  @Test
  void rendersFieldsRangesAndConditions() throws Exception {
    assertThat(
            json(
                "strings.render_template",
                "\"{{range $i, $name := .names}}{{if $i}},{{end}}hello {{$name}}{{end}}\"",
                "{\"names\": [\"rohan\", \"john doe\"]}"))
        .isEqualTo("\"hello rohan,hello john doe\"");
    assertThat(
            json(
                "strings.render_template",
                "\"{{.a.b}} {{.n}} {{.missing}}\"",
                "{\"a\": {\"b\": true}, \"n\": 2023}"))
        .isEqualTo("\"true 2023 <undefined>\"");
    assertThat(
            json(
                "strings.render_template",
                "\"{{- if .x }} yes {{- else }} no {{- end }}|{{with .o}}{{.k}}{{end}}|{{.l}}\"",
                "{\"x\": 0, \"o\": {\"k\": \"v\"}, \"l\": [1, \"a\"]}"))
        .isEqualTo("\" no|v|[1 a]\"");
    assertThat(error("strings.render_template", "\"{{if .x}}\"", "{}").getMessage())
        .startsWith("template: ");
  }
}
