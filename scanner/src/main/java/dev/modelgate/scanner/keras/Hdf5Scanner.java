package dev.modelgate.scanner.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.archive.ByteSourceChannel;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * HDF5 (Keras 2 {@code .h5} models and Keras 3 {@code model.weights.h5}), read with jHDF through
 * the byte source: only the root attributes Keras writes its model in ({@code model_config}, {@code
 * training_config}) are read and checked like a {@code config.json}; datasets are never read. jHDF
 * trusts the sizes a header declares, so a forged one fails as a single oversized allocation; that
 * is caught and reported like any other unreadable structure.
 */
public final class Hdf5Scanner implements FormatScanner {
  private static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final String[] CONFIG_ATTRIBUTES = {"model_config", "training_config"};

  @Override
  public String format() {
    return "hdf5";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("h5", "hdf5", "hdf");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    return probe.startsWith(MAGIC) ? Detection.CERTAIN : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    Hdf5Guard.check(source);
    HdfFile hdf;
    try {
      hdf = new HdfFile(new ByteSourceChannel(source), URI.create("file:///modelgate-source.h5"));
    } catch (RuntimeException | StackOverflowError e) {
      throw new MalformedFileException("HDF5 structure unreadable: " + e, -1);
    }
    try (hdf) {
      for (String name : CONFIG_ATTRIBUTES) {
        ctx.checkTime();
        String json = attributeText(hdf, name, ctx);
        if (json == null) {
          continue;
        }
        JsonNode tree;
        try {
          tree = KerasJson.MAPPER.readTree(json);
        } catch (IOException e) {
          ctx.reportMember(
              Severity.HIGH,
              "keras.config-invalid",
              name + " attribute is not valid JSON; Keras cannot load it and it was not checked",
              "@" + name,
              -1);
          continue;
        }
        KerasArchiveScanner.report(tree, "@" + name, ctx);
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw new MalformedFileException("HDF5 structure unreadable: " + e, -1);
    } catch (OutOfMemoryError e) {
      // jHDF allocates buffers of the sizes a header declares before reading them; a forged size
      // fails as one oversized allocation, which leaves the heap as it was
      throw new MalformedFileException("HDF5 header declares a structure too large to read", -1);
    }
  }

  /** The attribute as text, or null if absent; oversized attributes are reported. */
  private static String attributeText(HdfFile hdf, String name, ScanContext ctx) {
    Attribute a = hdf.getAttributes().get(name);
    if (a == null) {
      return null;
    }
    long size = a.getSizeInBytes();
    if (size > KerasJson.MAX_CONFIG_BYTES) {
      ctx.reportMember(
          Severity.HIGH,
          "keras.limit",
          name
              + " attribute of "
              + size
              + " bytes is larger than the "
              + KerasJson.MAX_CONFIG_BYTES
              + " examined",
          "@" + name,
          -1);
      return null;
    }
    Object data = a.getData();
    if (data instanceof String s) {
      if (s.indexOf('\uFFFD') >= 0 && !a.isScalar()) {
        return s;
      }
      if (s.indexOf('\uFFFD') >= 0) {
        ByteBuffer raw = a.getBuffer();
        byte[] b = new byte[raw.remaining()];
        raw.get(b);
        return new String(b, StandardCharsets.UTF_8).replace("\0", "");
      }
      return s;
    }
    if (data instanceof String[] arr && arr.length > 0) {
      return arr[0];
    }
    if (data instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    ctx.reportMember(
        Severity.MEDIUM,
        "keras.config-invalid",
        name
            + " attribute is not a string ("
            + (data == null ? "null" : data.getClass().getSimpleName())
            + "); not checked",
        "@" + name,
        -1);
    return null;
  }
}
