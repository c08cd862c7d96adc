package dev.modelgate.scanner.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.scanner.ByteArraySource;
import dev.modelgate.scanner.MalformedFileException;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

  private static ProtoReader reader(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new ProtoReader(new ByteArraySource("t", b), null, 0, b.length);
  }

  @Test
  void readsVarintsStringsAndSubMessages() throws Exception {
    // field 1 varint 300; field 2 "hi"; field 3 { field 1 varint 7 }
    ProtoReader r = reader(0x08, 0xac, 0x02, 0x12, 2, 'h', 'i', 0x1a, 2, 0x08, 7);
    assertThat(r.next()).isTrue();
    assertThat(r.field()).isEqualTo(1);
    assertThat(r.varint()).isEqualTo(300);
    assertThat(r.next()).isTrue();
    assertThat(r.string(10)).isEqualTo("hi");
    assertThat(r.next()).isTrue();
    ProtoReader sub = r.message();
    assertThat(sub.next()).isTrue();
    assertThat(sub.varint()).isEqualTo(7);
    assertThat(sub.next()).isFalse();
    assertThat(r.next()).isFalse();
  }

  @Test
  void longStringsAreCutNotLoaded() throws Exception {
    ProtoReader r = reader(0x12, 5, 'a', 'b', 'c', 'd', 'e');
    r.next();
    assertThat(r.string(2)).isEqualTo("ab…");
    assertThat(r.next()).isFalse();
  }

  @Test
  void lengthPastTheMessageIsMalformed() throws Exception {
    ProtoReader r = reader(0x12, 50, 'a');
    r.next();
    assertThatThrownBy(r::skip).isInstanceOf(MalformedFileException.class);
  }

  @Test
  void overlongVarintAndGroupsAreMalformed() throws Exception {
    ProtoReader r = reader(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    r.next();
    assertThatThrownBy(r::varint).isInstanceOf(MalformedFileException.class);
    assertThatThrownBy(() -> reader(0x0b).next()).isInstanceOf(MalformedFileException.class);
    assertThatThrownBy(() -> reader(0x00).next()).isInstanceOf(MalformedFileException.class);
  }
}
