package dev.modelgate.scanner.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.scanner.ByteArraySource;
import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.archive.ZipDirectory;
import dev.modelgate.scanner.archive.ZipWalker;
import dev.modelgate.scanner.check.Issue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Keras v3 {@code .keras}: a zip with {@code config.json}, {@code metadata.json} and {@code
 * model.weights.h5}. The config is checked by {@link KerasConfigInspector}; the archive itself gets
 * every zip check (zip-slip, links, bombs) and the other members are scanned by content.
 */
public final class KerasArchiveScanner implements FormatScanner {
  static final String CONFIG = "config.json";

  @Override
  public String format() {
    return "keras";
  }

  @Override
  public String family() {
    return "zip";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("keras");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    if (!probe.startsWith(new byte[] {'P', 'K', 3, 4})) {
      return Detection.NO;
    }
    List<String> names = ZipDirectory.names(probe);
    if (names == null || !names.contains(CONFIG)) {
      return Detection.NO;
    }
    return names.contains("metadata.json") || names.contains("model.weights.h5")
        ? Detection.SPECIFIC
        : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    boolean[] sawConfig = {false};
    ZipWalker.walk(
        source,
        ctx,
        (name, content) -> {
          if (!name.equals(CONFIG)) {
            return false;
          }
          sawConfig[0] = true;
          checkConfig(content, CONFIG, ctx);
          return true;
        });
    if (!sawConfig[0]) {
      ctx.report(
          Severity.HIGH, "keras.config-invalid", "the archive has no readable config.json", -1);
    }
  }

  /** Parses and inspects a Keras config member, reporting on {@code member}. */
  static void checkConfig(ByteSource content, String member, ScanContext ctx) throws IOException {
    if (content.size() > KerasJson.MAX_CONFIG_BYTES) {
      ctx.reportMember(
          Severity.HIGH,
          "keras.limit",
          "config of "
              + content.size()
              + " bytes is larger than the "
              + KerasJson.MAX_CONFIG_BYTES
              + " examined",
          member,
          -1);
      return;
    }
    ctx.chargeBytes(content.size());
    JsonNode tree;
    try (InputStream in = content.openStream(0, content.size())) {
      tree = KerasJson.MAPPER.readTree(in);
    } catch (IOException e) {
      ctx.reportMember(
          Severity.HIGH,
          "keras.config-invalid",
          "config is not valid JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); Keras cannot load it and it was not checked",
          member,
          -1);
      return;
    }
    if (!tree.isObject()) {
      ctx.reportMember(
          Severity.HIGH,
          "keras.config-invalid",
          "config is not a JSON object; Keras cannot load it",
          member,
          -1);
      return;
    }
    report(tree, member, ctx);
  }

  /** Reports the inspector's issues on {@code member} and scans embedded pickles. */
  static void report(JsonNode tree, String member, ScanContext ctx) {
    List<Issue> issues =
        KerasConfigInspector.inspect(
            tree,
            (name, bytes) -> ctx.scanMember(member + "#" + name, new ByteArraySource(name, bytes)));
    for (Issue i : issues) {
      ctx.reportMember(i.severity(), i.rule(), i.message(), member, -1);
    }
  }
}
