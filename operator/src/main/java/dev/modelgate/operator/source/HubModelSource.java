package dev.modelgate.operator.source;

import dev.modelgate.hub.ChecksumMismatchException;
import dev.modelgate.hub.EntryNotFoundException;
import dev.modelgate.hub.GatedRepoException;
import dev.modelgate.hub.HubClient;
import dev.modelgate.hub.HubException;
import dev.modelgate.hub.ModelInfo;
import dev.modelgate.hub.RepoFile;
import dev.modelgate.hub.RepoNotFoundException;
import dev.modelgate.hub.RetryPolicy;
import dev.modelgate.hub.RevisionNotFoundException;
import dev.modelgate.hub.UnauthorizedException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The hub module's {@link HubClient} behind the operator's {@link ModelSource} seam: Hub errors
 * become classified {@link SourceException}s with messages that tell the user what to change.
 * Clients are reused per endpoint and token (the token only as a hash in the key).
 */
public final class HubModelSource implements ModelSource {
  private static final int MAX_CLIENTS = 32;

  private final RetryPolicy retryPolicy;
  private final Duration timeout;
  private final Map<String, HubClient> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HubClient> eldest) {
          // Not closed: another reconcile may still be downloading with it; it is collected.
          return size() > MAX_CLIENTS;
        }
      };

  /**
   * @param retryPolicy how each request retries 408/429/5xx and cut connections
   * @param timeout connect and read timeout per request
   */
  public HubModelSource(RetryPolicy retryPolicy, Duration timeout) {
    this.retryPolicy = retryPolicy;
    this.timeout = timeout;
  }

  /** A source with the Hub retry and timeout settings of {@code config}. */
  public static HubModelSource forConfig(dev.modelgate.operator.OperatorConfig config) {
    return new HubModelSource(
        new RetryPolicy(
            config.hubRetries(),
            config.hubInitialBackoff(),
            config.hubMaxBackoff(),
            config.hubMaxBackoff()),
        config.hubTimeout());
  }

  @Override
  public ResolvedModel resolve(SourceRequest request, String revision) throws SourceException {
    HubClient hub = client(request);
    try {
      ModelInfo info = hub.modelInfo(request.repo(), revision);
      List<RepoFile> listed = hub.listFiles(request.repo(), info.sha(), true);
      List<SourceFile> files = new ArrayList<>();
      for (RepoFile f : listed) {
        files.add(
            new SourceFile(
                f.path(),
                f.size(),
                f.lfsSha256(),
                f.blobId(),
                f.security() == null ? null : f.security().raw()));
      }
      ModelFacts facts =
          new ModelFacts(
              info.author(),
              info.gated() == null ? "false" : info.gated(),
              info.isPrivate(),
              info.lastModified(),
              info.tags(),
              info.pipelineTag(),
              info.libraryName(),
              info.cardData());
      return new ResolvedModel(
          info.sha(),
          files,
          facts,
          info.securityStatus() == null ? null : info.securityStatus().raw());
    } catch (IOException | RuntimeException e) {
      throw classify(request, revision, e);
    }
  }

  @Override
  public void fetch(
      SourceRequest request, String commit, SourceFile file, Path target, LongConsumer progress)
      throws SourceException {
    RepoFile repoFile = new RepoFile(file.path(), file.size(), file.blobId(), file.sha256(), null);
    try {
      client(request)
          .download(
              request.repo(), commit, repoFile, target, (done, total) -> progress.accept(done));
    } catch (IOException | RuntimeException e) {
      throw classify(request, commit, e);
    }
  }

  @Override
  public byte[] readSmall(SourceRequest request, String commit, String path, int maxBytes)
      throws SourceException {
    try {
      return client(request).readFile(request.repo(), commit, path, maxBytes);
    } catch (EntryNotFoundException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      throw classify(request, commit, e);
    }
  }

  private synchronized HubClient client(SourceRequest request) {
    String key = request.endpoint() + "\n" + fingerprint(request.token());
    return clients.computeIfAbsent(
        key,
        k ->
            HubClient.builder()
                .endpoint(request.endpoint())
                .token(request.token())
                .retryPolicy(retryPolicy)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .build());
  }

  private static String fingerprint(String token) {
    if (token == null) {
      return "anonymous";
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Turns a Hub failure into a classified, user-readable {@link SourceException}. */
  static SourceException classify(SourceRequest r, String revision, Exception e) {
    String repo = r.repo();
    String where = " on " + r.endpoint();
    boolean hasToken = r.token() != null;
    return switch (e) {
      case SourceException se -> se;
      case RepoNotFoundException x ->
          new SourceException(
              SourceException.Kind.REPO_NOT_FOUND,
              "repository "
                  + repo
                  + " was not found"
                  + where
                  + (hasToken
                      ? " (or the token cannot see it)"
                      : " (if it is private, set spec.tokenSecretRef)"),
              x);
      case RevisionNotFoundException x ->
          new SourceException(
              SourceException.Kind.REVISION_NOT_FOUND,
              "revision '" + revision + "' does not exist in " + repo + where,
              x);
      case EntryNotFoundException x ->
          new SourceException(
              SourceException.Kind.ENTRY_NOT_FOUND,
              "a file listed for " + repo + " is missing" + where + ": " + x.getMessage(),
              x);
      case GatedRepoException x ->
          new SourceException(
              SourceException.Kind.GATED,
              repo
                  + " is gated"
                  + where
                  + (hasToken
                      ? ": the token's account has not been granted access; request access on"
                          + " the model page"
                      : ": accept its terms on the Hub and set spec.tokenSecretRef to a token of"
                          + " an account with access"),
              x);
      case UnauthorizedException x ->
          new SourceException(
              SourceException.Kind.UNAUTHORIZED,
              hasToken
                  ? "the Hub rejected the token from spec.tokenSecretRef for "
                      + repo
                      + " (invalid, expired or without read access)"
                  : "the Hub requires a token for " + repo + ": set spec.tokenSecretRef",
              x);
      case ChecksumMismatchException x ->
          new SourceException(
              SourceException.Kind.CHECKSUM_MISMATCH,
              "downloaded bytes did not verify and were deleted: " + x.getMessage(),
              x);
      case HubException x when x.isTransient() ->
          new SourceException(
              SourceException.Kind.TRANSIENT,
              "the Hub" + where + " is unavailable: " + x.getMessage(),
              x);
      case HubException x ->
          new SourceException(
              SourceException.Kind.PROTOCOL,
              "unexpected answer from the Hub" + where + ": " + x.getMessage(),
              x);
      case IOException x ->
          new SourceException(
              SourceException.Kind.TRANSIENT, "cannot reach the Hub" + where + ": " + x, x);
      default ->
          new SourceException(
              SourceException.Kind.PROTOCOL, "unexpected Hub failure" + where + ": " + e, e);
    };
  }
}
