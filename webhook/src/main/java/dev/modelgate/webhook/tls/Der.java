package dev.modelgate.webhook.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Just enough DER to wrap the two traditional key encodings (PKCS#1 RSA, SEC1 EC) into PKCS#8,
 * which is all the JDK's KeyFactory reads.
 */
final class Der {

  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** OID 1.2.840.10045.2.1 (id-ecPublicKey). */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Der() {}

  static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1)));
  }

  /**
   * SEC1 {@code ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters, [1]
   * publicKey }}: the curve OID sits in {@code [0]} and moves to the PKCS#8 algorithm identifier.
   */
  static byte[] wrapSec1Ec(byte[] sec1) throws IOException {
    Reader r = new Reader(sec1);
    Reader seq = r.enter(0x30);
    seq.skip(0x02); // version
    seq.skip(0x04); // private key
    byte[] curve = null;
    while (seq.hasMore()) {
      int tag = seq.peekTag();
      if (tag == 0xa0) {
        curve = seq.enter(0xa0).element(0x06);
      } else {
        seq.skipAny();
      }
    }
    if (curve == null) throw new IOException("EC PRIVATE KEY without curve parameters");
    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1)));
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len & 0xff);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write((len >> 8) & 0xff);
      out.write(len & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  /** A bounds-checked cursor over DER elements. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    Reader(byte[] buf) {
      this(buf, 0, buf.length);
    }

    private Reader(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    boolean hasMore() {
      return pos < end;
    }

    int peekTag() throws IOException {
      if (pos >= end) throw new IOException("truncated DER");
      return buf[pos] & 0xff;
    }

    /** Returns a reader over the contents of the next element, which must have {@code tag}. */
    Reader enter(int tag) throws IOException {
      int[] span = next(tag);
      return new Reader(buf, span[0], span[1]);
    }

    /** The whole encoded element (tag, length, contents). */
    byte[] element(int tag) throws IOException {
      int start = pos;
      int[] span = next(tag);
      return java.util.Arrays.copyOfRange(buf, start, span[1]);
    }

    void skip(int tag) throws IOException {
      next(tag);
    }

    void skipAny() throws IOException {
      next(-1);
    }

    private int[] next(int tag) throws IOException {
      int t = peekTag();
      if (tag >= 0 && t != tag) throw new IOException("unexpected DER tag " + t);
      pos++;
      if (pos >= end) throw new IOException("truncated DER");
      int len = buf[pos++] & 0xff;
      if (len >= 0x80) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || pos + n > end) throw new IOException("bad DER length");
        len = 0;
        for (int i = 0; i < n; i++) len = (len << 8) | (buf[pos++] & 0xff);
      }
      if (len > end - pos) throw new IOException("truncated DER");
      int start = pos;
      pos += len;
      return new int[] {start, pos};
    }
  }
}
