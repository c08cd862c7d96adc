package dev.modelgate.operator.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A safetensors file written to the format's specification (8-byte little-endian header length,
 * JSON header, tensor bytes), as {@code examples/hub/make_examples.py} writes the demo ones: one
 * F32 tensor of {@code floats} pseudo-random values. Used where a test needs a larger file than the
 * committed examples (resume and cut-connection cases).
 */
final class SafetensorsFixture {
  private SafetensorsFixture() {}

  static byte[] oneTensor(int floats, long seed) {
    String header =
        "{\"__metadata__\":{\"format\":\"pt\"},\"weight\":{\"dtype\":\"F32\",\"shape\":["
            + floats
            + "],\"data_offsets\":[0,"
            + (4L * floats)
            + "]}}";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    int pad = (8 - h.length % 8) % 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length + pad).array());
    out.writeBytes(h);
    out.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
    ByteBuffer data = ByteBuffer.allocate(4 * floats).order(ByteOrder.LITTLE_ENDIAN);
    Random r = new Random(seed);
    for (int i = 0; i < floats; i++) {
      data.putFloat((float) r.nextGaussian());
    }
    out.writeBytes(data.array());
    return out.toByteArray();
  }
}
