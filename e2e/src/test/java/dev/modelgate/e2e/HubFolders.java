package dev.modelgate.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Hub folders for the tests: copies of the examples, plus a larger repo made here. */
final class HubFolders {
  private HubFolders() {}

  static void copyTree(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(from)) {
      all = walk.toList();
    }
    for (Path p : all) {
      Path dest = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(dest);
      } else {
        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * A repo like {@code template} (its card, config and Hub metadata) whose weights are one F32
   * tensor of {@code bytes} bytes, written to the safetensors specification: an 8-byte
   * little-endian header length, the JSON header padded with spaces to 8 bytes, then the data.
   */
  static void bigSafetensorsRepo(Path repo, Path template, int bytes) throws IOException {
    Files.createDirectories(repo);
    for (String name : List.of("README.md", "config.json", ".modelgate-hub.yaml")) {
      Files.copy(template.resolve(name), repo.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    int floats = bytes / 4;
    StringBuilder header =
        new StringBuilder(
            "{\"__metadata__\":{\"format\":\"pt\"},\"model.embed_tokens.weight\":{\"dtype\":\"F32\",\"shape\":["
                + floats / 256
                + ",256],\"data_offsets\":[0,"
                + (floats / 256) * 256 * 4
                + "]}}");
    while (header.length() % 8 != 0) {
      header.append(' ');
    }
    byte[] json = header.toString().getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(repo.resolve("model.safetensors"))) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
      out.write(json);
      byte[] chunk = new byte[64 * 1024];
      ByteBuffer floatsOut = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < chunk.length / 4; i++) {
        floatsOut.putFloat((i % 97) / 97f);
      }
      long remaining = (long) (floats / 256) * 256 * 4;
      while (remaining > 0) {
        int n = (int) Math.min(chunk.length, remaining);
        out.write(chunk, 0, n);
        remaining -= n;
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
