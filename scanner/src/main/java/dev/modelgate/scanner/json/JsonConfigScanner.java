package dev.modelgate.scanner.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Issue;
import dev.modelgate.scanner.keras.KerasConfigInspector;
import dev.modelgate.scanner.keras.KerasJson;
import dev.modelgate.scanner.template.ChatTemplateInspector;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * JSON files of a model repo: {@code tokenizer_config.json} (its {@code chat_template}, a string or
 * a list of named templates, gets the template-injection check) and Keras-shaped configs (a bare
 * {@code config.json} next to weights gets the Keras checks). Streamed: only the top-level fields
 * that matter are built into trees, so a 20 MB {@code tokenizer.json} costs one pass.
 */
public final class JsonConfigScanner implements FormatScanner {
  static final Set<String> KERAS_FIELDS =
      Set.of("class_name", "config", "module", "registered_name", "build_config", "compile_config");

  @Override
  public String format() {
    return "json";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("json");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  /** A JSON object: below the structural score, so it never makes a polyglot on its own. */
  @Override
  public int detect(Probe probe) {
    byte[] h = probe.head();
    int i = 0;
    if (h.length >= 3 && (h[0] & 0xff) == 0xef && (h[1] & 0xff) == 0xbb && (h[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < h.length && (h[i] == ' ' || h[i] == '\n' || h[i] == '\r' || h[i] == '\t')) {
      i++;
    }
    if (i >= h.length || h[i] != '{') {
      return Detection.NO;
    }
    int j = i + 1;
    while (j < h.length && (h[j] == ' ' || h[j] == '\n' || h[j] == '\r' || h[j] == '\t')) {
      j++;
    }
    return j < h.length && (h[j] == '"' || h[j] == '}') ? Detection.LIKELY - 10 : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    ObjectNode kept = KerasJson.MAPPER.createObjectNode();
    JsonNode template = null;
    long size = source.size();
    ctx.chargeBytes(size);
    try (InputStream in = source.openStream(0, size);
        JsonParser p = KerasJson.STREAMING.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      long fields = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("chat_template")) {
          template = p.readValueAsTree();
        } else if (name.equals("auto_map") && p.currentToken() == JsonToken.START_OBJECT) {
          JsonNode map = p.readValueAsTree();
          ctx.report(
              Severity.MEDIUM,
              "json.remote-code",
              "auto_map names classes in the repository's own Python files ("
                  + dev.modelgate.scanner.check.Snippets.quote(map.toString(), 120)
                  + "); loading with trust_remote_code runs that code",
              -1);
        } else if (KERAS_FIELDS.contains(name)) {
          kept.set(name, p.readValueAsTree());
        } else {
          p.skipChildren();
        }
        if ((++fields & 1023) == 0) {
          ctx.checkTime();
        }
      }
    } catch (IOException e) {
      ctx.report(
          Severity.LOW,
          "json.invalid",
          "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
          -1);
      return;
    }
    if (template != null) {
      templates(template, ctx);
    }
    if (KerasConfigInspector.looksLikeKeras(kept)) {
      for (Issue i :
          KerasConfigInspector.inspect(
              kept,
              (name, bytes) ->
                  ctx.scanMember(
                      "#" + name, new dev.modelgate.scanner.ByteArraySource(name, bytes)))) {
        ctx.report(i.severity(), i.rule(), i.message(), -1);
      }
    }
  }

  /** {@code chat_template}: a string, or a list of {"name", "template"} objects. */
  private static void templates(JsonNode t, ScanContext ctx) {
    if (t.isTextual()) {
      check("chat_template", t.asText(), ctx);
    } else if (t.isArray()) {
      for (JsonNode entry : t) {
        JsonNode text = entry.get("template");
        if (text != null && text.isTextual()) {
          String name = entry.path("name").asText("?");
          check("chat_template[" + name + "]", text.asText(), ctx);
        }
      }
    } else if (t.isObject()) {
      t.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isTextual()) {
                  check("chat_template[" + e.getKey() + "]", e.getValue().asText(), ctx);
                }
              });
    }
  }

  private static void check(String where, String template, ScanContext ctx) {
    List<Issue> issues = ChatTemplateInspector.inspect(template);
    for (Issue i : issues) {
      ctx.report(i.severity(), i.rule(), where + ": " + i.message(), -1);
    }
  }
}
