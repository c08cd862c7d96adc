package dev.modelgate.helm;

import java.io.ByteArrayOutputStream;

/** Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 PrivateKeyInfo the JDK's KeyFactory reads. */
final class Pkcs8 {
  private static final byte[] RSA_ALGORITHM_ID = {
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
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private Pkcs8() {}

  static byte[] wrapRsa(byte[] pkcs1) {
    byte[] octetString = tlv(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(VERSION_0);
    body.writeBytes(RSA_ALGORITHM_ID);
    body.writeBytes(octetString);
    return tlv(0x30, body.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = value.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len <= 0xff) {
      out.write(0x81);
      out.write(len);
    } else if (len <= 0xffff) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len & 0xff);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write((len >> 8) & 0xff);
      out.write(len & 0xff);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
