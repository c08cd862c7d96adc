package dev.modelgate.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one file into {@code target} with bounded memory, verifying it while it arrives. An
 * existing partial file is hashed and resumed with {@code Range}; a 200 to a ranged request means
 * the server ignored the range, so the file restarts from zero. A cut connection resumes from the
 * bytes already written. Bad bytes are deleted, never left behind as if they were good.
 */
final class FileDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(FileDownloader.class);
  private static final int BUFFER = 1 << 20;

  private final HubHttp http;
  private final boolean syncWrites;

  FileDownloader(HubHttp http, boolean syncWrites) {
    this.http = http;
    this.syncWrites = syncWrites;
  }

  /**
   * @param url the canonical resolve URL (re-requested on every resume, never a signed CDN URL)
   * @param expectedCommit the commit the answer must come from, or null
   * @param size the expected size
   * @param contentId the LFS SHA-256 (64 hex) or git blob id (40 hex) to verify against
   */
  DownloadResult download(
      URI url,
      String expectedCommit,
      long size,
      String contentId,
      Path target,
      ProgressListener listener)
      throws IOException {
    if (size < 0) throw new IllegalArgumentException("unknown size for " + url);
    boolean lfs = GitHashes.isSha256(contentId);
    if (!lfs && (contentId == null || !contentId.matches("[0-9a-fA-F]{40}"))) {
      throw new IllegalArgumentException("no SHA-256 or git blob id to verify " + url);
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    boolean restarted = false;
    int attempts = 0;
    long transferred = 0;
    while (true) {
      // READ too: a partial file left by an earlier run is hashed before the download resumes.
      try (FileChannel ch =
          FileChannel.open(
              target,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE)) {
        long have = ch.size();
        if (have > size) {
          ch.truncate(0);
          have = 0;
        }
        long resumedFrom = have;
        MessageDigest md = newDigest(lfs, size);
        if (have > 0) hashExisting(ch, have, md);
        State s = new State(ch, md, have, size, listener);
        int failuresWithoutProgress = 0;
        while (s.have < size) {
          long before = s.have;
          attempts++;
          try {
            fetchOnce(url, expectedCommit, s);
          } catch (HubException e) {
            if (!e.isTransient()) throw e;
            if (s.have == before) failuresWithoutProgress++;
            else failuresWithoutProgress = 0;
            if (failuresWithoutProgress > http.retryPolicy().maxRetries()) throw e;
            LOG.debug("download of {} interrupted at {} of {} bytes: {}", url, s.have, size, e);
            HubHttp.sleep(http.retryPolicy().backoff(Math.max(failuresWithoutProgress, 1)));
          }
          transferred += s.received;
          s.received = 0;
        }
        String actual = GitHashes.hex(md.digest());
        if (!actual.equalsIgnoreCase(contentId)) {
          if (resumedFrom > 0 && !restarted) {
            // The partial file may hold bytes of an older version: start over once from zero.
            LOG.info(
                "{} did not verify after resuming at {}; downloading it again", url, resumedFrom);
            ch.truncate(0);
            restarted = true;
            continue;
          }
          ch.close();
          Files.deleteIfExists(target);
          throw new ChecksumMismatchException(
              (lfs ? "SHA-256" : "git blob id")
                  + " of "
                  + url.getPath()
                  + " is "
                  + actual
                  + ", the Hub announced "
                  + contentId
                  + "; the downloaded bytes were deleted",
              contentId,
              actual);
        }
        if (syncWrites) ch.force(false);
        return new DownloadResult(
            target,
            size,
            contentId.toLowerCase(java.util.Locale.ROOT),
            transferred,
            resumedFrom,
            attempts);
      }
    }
  }

  /** One GET, appending to the file; throws a transient HubException when the body is cut. */
  private void fetchOnce(URI url, String expectedCommit, State s) throws IOException {
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept-Encoding", "identity");
    if (s.have > 0) headers.put("Range", "bytes=" + s.have + "-");
    HubHttp.Response r;
    try {
      r = http.send("GET", url, headers, null, HubHttp.Redirects.FOLLOW);
    } catch (HubException e) {
      if (e.status() == 416) {
        // Our range no longer fits the file: start over rather than guess.
        s.restart();
        throw new HubException("range not satisfiable; restarting " + url, 416, null, true, null);
      }
      throw e;
    }
    try (r) {
      String served = r.headers().firstValue("X-Repo-Commit").orElse(null);
      if (expectedCommit != null
          && served != null
          && GitHashes.isCommitSha(expectedCommit)
          && !served.equals(expectedCommit)) {
        throw new HubException(
            url + " was served from commit " + served + ", expected " + expectedCommit,
            r.status(),
            null,
            false,
            null);
      }
      if (r.status() == 206) {
        long start = contentRangeStart(r);
        if (start != s.have) {
          s.restart();
          throw new HubException(
              "server answered range from " + start + " instead of " + s.have,
              206,
              null,
              true,
              null);
        }
      } else if (s.have > 0) {
        // A 200 to a ranged request: the server sent the whole file. Never append it.
        s.restart();
      }
      copy(r.body(), s, url);
    }
  }

  private void copy(InputStream in, State s, URI url) throws IOException {
    byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(s.size - s.have, 1))];
    while (s.have < s.size) {
      int want = (int) Math.min(buf.length, s.size - s.have);
      int n = 0;
      try {
        for (int r; n < want && (r = in.read(buf, n, want - n)) >= 0; ) n += r;
      } catch (InterruptedIOException e) {
        if (n > 0) s.append(buf, n);
        throw e;
      } catch (IOException e) {
        // keep what arrived before the cut, so the resume starts after it
        if (n > 0) s.append(buf, n);
        throw HubHttp.networkFailure("GET", url, e);
      }
      if (n > 0) s.append(buf, n);
      if (n < want) {
        throw new HubException(
            "connection closed after " + s.have + " of " + s.size + " bytes of " + url.getPath(),
            0,
            null,
            true,
            null);
      }
    }
    // More bytes than announced means the listing and the content disagree.
    if (in.read() >= 0) {
      throw new ChecksumMismatchException(
          url.getPath() + " is longer than the " + s.size + " bytes the Hub announced",
          Long.toString(s.size),
          "more");
    }
  }

  private static long contentRangeStart(HubHttp.Response r) {
    String cr = r.headers().firstValue("Content-Range").orElse("");
    // bytes START-END/TOTAL
    try {
      String spec = cr.trim().substring("bytes ".length());
      return Long.parseLong(spec.substring(0, spec.indexOf('-')).trim());
    } catch (RuntimeException bad) {
      return -1;
    }
  }

  private static MessageDigest newDigest(boolean lfs, long size) {
    return lfs ? GitHashes.newSha256() : GitHashes.newBlobDigest(size);
  }

  private static void hashExisting(FileChannel ch, long length, MessageDigest md)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    long pos = 0;
    while (pos < length) {
      buf.clear().limit((int) Math.min(BUFFER, length - pos));
      int n = ch.read(buf, pos);
      if (n < 0) throw new IOException("partial file shrank while hashing it");
      buf.flip();
      md.update(buf);
      pos += n;
    }
  }

  /** The file being written and its running digest. */
  private static final class State {
    final FileChannel ch;
    final MessageDigest md;
    final long size;
    final ProgressListener listener;
    final boolean lfs;
    long have;
    long received;

    State(FileChannel ch, MessageDigest md, long have, long size, ProgressListener listener) {
      this.ch = ch;
      this.md = md;
      this.have = have;
      this.size = size;
      this.listener = listener;
      this.lfs = md.getAlgorithm().equals("SHA-256");
      listener.onProgress(have, size);
    }

    void append(byte[] buf, int n) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
      long pos = have;
      while (b.hasRemaining()) pos += ch.write(b, pos);
      md.update(buf, 0, n);
      have += n;
      received += n;
      listener.onProgress(have, size);
    }

    void restart() throws IOException {
      ch.truncate(0);
      md.reset();
      // a git blob id hashes a header before the content: put it back
      if (!lfs) md.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
      have = 0;
    }
  }
}
