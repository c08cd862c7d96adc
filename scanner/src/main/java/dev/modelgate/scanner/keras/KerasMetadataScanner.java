package dev.modelgate.scanner.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.protobuf.ProtoReader;
import java.io.IOException;
import java.util.Set;

/**
 * {@code keras_metadata.pb} of a TF-Keras SavedModel (keras/protobuf/saved_metadata.proto:
 * SavedMetadata.nodes = 1; SavedObject node_id = 2, node_path = 3, identifier = 4, metadata = 5):
 * each layer's JSON metadata holds its Keras config, so Lambda bytecode and module references are
 * checked there exactly as in {@code config.json} (JFrog TFLOW-LAMBDA).
 */
public final class KerasMetadataScanner implements FormatScanner {
  static final int MAX_METADATA_BYTES = KerasJson.MAX_CONFIG_BYTES;

  @Override
  public String format() {
    return "keras-metadata";
  }

  @Override
  public String family() {
    return "protobuf";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("pb");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) throws IOException {
    byte[] h = probe.head();
    if (h.length < 4 || h[0] != 0x0a) {
      return Detection.NO;
    }
    ProtoReader r = new ProtoReader(probe.source(), null, 0, probe.size());
    if (!r.next() || r.field() != 1 || r.wireType() != ProtoReader.LEN) {
      return Detection.NO;
    }
    ProtoReader node;
    try {
      node = r.message();
    } catch (MalformedFileException e) {
      return Detection.NO;
    }
    boolean first = true;
    while (node.next()) {
      int f = node.field();
      if (first && f != 2 && f != 3) {
        return Detection.NO;
      }
      first = false;
      if (f == 4 && node.wireType() == ProtoReader.LEN) {
        return node.string(64).startsWith("_tf_keras") ? Detection.CERTAIN : Detection.NO;
      }
      node.skip();
    }
    return Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    ProtoReader r = new ProtoReader(source, ctx, 0, source.size());
    while (r.next()) {
      if (r.field() != 1 || r.wireType() != ProtoReader.LEN) {
        r.skip();
        continue;
      }
      ProtoReader node = r.message();
      String path = "?";
      String metadata = null;
      long at = node.position();
      while (node.next()) {
        if (node.field() == 3 && node.wireType() == ProtoReader.LEN) {
          path = node.string(256);
        } else if (node.field() == 5 && node.wireType() == ProtoReader.LEN) {
          metadata = node.string(MAX_METADATA_BYTES);
        } else {
          node.skip();
        }
      }
      if (metadata == null || metadata.isEmpty()) {
        continue;
      }
      JsonNode tree;
      try {
        tree = KerasJson.MAPPER.readTree(metadata);
      } catch (IOException e) {
        ctx.reportMember(
            Severity.HIGH,
            "keras.config-invalid",
            "layer metadata is not valid JSON; it was not checked",
            "keras_metadata:" + path,
            at);
        continue;
      }
      KerasArchiveScanner.report(tree, "keras_metadata:" + path, ctx);
    }
  }
}
