package dev.modelgate.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content ids the Hub computes: git blob ids (SHA-1 over {@code "blob <len>\0" + content}),
 * SHA-256 for LFS files, and the LFS pointer file whose blob id the Hub reports for LFS files.
 */
public final class GitHashes {
  private static final HexFormat HEX = HexFormat.of();

  private GitHashes() {}

  /** A SHA-1 digest already fed with the git blob header for a blob of {@code size} bytes. */
  public static MessageDigest newBlobDigest(long size) {
    MessageDigest md = sha1();
    md.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
    return md;
  }

  /** The git blob id of {@code content}. */
  public static String blobId(byte[] content) {
    MessageDigest md = newBlobDigest(content.length);
    return hex(md.digest(content));
  }

  /** The SHA-256 of {@code content} as lower-case hex. */
  public static String sha256(byte[] content) {
    return hex(newSha256().digest(content));
  }

  /** The text of the git-lfs pointer file that git stores instead of an LFS file's content. */
  public static String lfsPointer(String sha256, long size) {
    return "version https://git-lfs.github.com/spec/v1\noid sha256:"
        + sha256
        + "\nsize "
        + size
        + "\n";
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** A fresh SHA-1 digest. */
  public static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
  }

  /** Lower-case hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Bytes of a hex string (either case). */
  public static byte[] unhex(String hex) {
    return HEX.parseHex(hex);
  }

  /** True for a 40-hex lower-case string: the only revision form the client treats as immutable. */
  public static boolean isCommitSha(String revision) {
    return revision != null && revision.matches("[0-9a-f]{40}");
  }

  /** True for a 64-hex string (a SHA-256). */
  public static boolean isSha256(String s) {
    return s != null && s.matches("[0-9a-fA-F]{64}");
  }
}
