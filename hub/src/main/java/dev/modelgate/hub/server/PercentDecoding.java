package dev.modelgate.hub.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of URL path segments ({@code +} stays a plus, unlike form decoding). */
final class PercentDecoding {
  private PercentDecoding() {}

  /** Decodes {@code s}; throws {@link IllegalArgumentException} on bad escapes or bad UTF-8. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) throw new IllegalArgumentException("bad escape in " + s);
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad escape in " + s);
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("bad UTF-8 in " + s);
    }
  }
}
