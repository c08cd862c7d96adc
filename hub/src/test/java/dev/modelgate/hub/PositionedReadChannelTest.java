package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import org.junit.jupiter.api.Test;

class PositionedReadChannelTest {

  static final byte[] DATA = "0123456789abcdefghij".getBytes();

  /** Reads {@link #DATA} like a file would, never past its end. */
  static int readData(long position, byte[] buf, int off, int len) {
    if (position >= DATA.length) return -1;
    int n = (int) Math.min(len, DATA.length - position);
    System.arraycopy(DATA, (int) position, buf, off, n);
    return n;
  }

  @Test
  void readsIntoHeapAndDirectBuffersFromItsOwnPosition() throws IOException {
    try (PositionedReadChannel ch =
        new PositionedReadChannel(PositionedReadChannelTest::readData, DATA.length, 4)) {
      ByteBuffer heap = ByteBuffer.allocate(6);
      assertThat(ch.read(heap)).isEqualTo(6);
      assertThat(new String(heap.array())).isEqualTo("012345");
      assertThat(ch.position()).isEqualTo(6);
      // A direct buffer is filled through a heap copy of at most copyChunk bytes per call.
      ByteBuffer direct = ByteBuffer.allocateDirect(10);
      assertThat(ch.read(direct)).isEqualTo(4);
      direct.flip();
      byte[] got = new byte[direct.remaining()];
      direct.get(got);
      assertThat(new String(got)).isEqualTo("6789");
      ch.position(18);
      ByteBuffer tail = ByteBuffer.allocate(8);
      assertThat(ch.read(tail)).isEqualTo(2);
      assertThat(new String(tail.array(), 0, 2)).isEqualTo("ij");
      assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
      assertThat(ch.size()).isEqualTo(DATA.length);
    }
  }

  @Test
  void isReadOnlyAndRefusesReadsOnceClosed() {
    PositionedReadChannel ch =
        new PositionedReadChannel(PositionedReadChannelTest::readData, DATA.length, 4);
    assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1)))
        .isInstanceOf(NonWritableChannelException.class);
    assertThatThrownBy(() -> ch.truncate(1)).isInstanceOf(NonWritableChannelException.class);
    assertThatThrownBy(() -> ch.position(-1)).isInstanceOf(IllegalArgumentException.class);
    ch.close();
    assertThat(ch.isOpen()).isFalse();
    assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1)))
        .isInstanceOf(ClosedChannelException.class);
  }
}
