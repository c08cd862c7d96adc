package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.Phase;
import dev.modelgate.crds.Severity;
import dev.modelgate.crds.validation.FileGlobs;
import dev.modelgate.operator.scan.FileScanResult;
import dev.modelgate.operator.scan.FileScanner;
import dev.modelgate.operator.source.ModelSource;
import dev.modelgate.operator.source.ResolvedModel;
import dev.modelgate.operator.source.SourceException;
import dev.modelgate.operator.source.SourceFile;
import dev.modelgate.operator.store.HubSecurityView;
import dev.modelgate.operator.store.ModelReport;
import dev.modelgate.operator.store.ModelStore;
import dev.modelgate.operator.store.RepoPaths;
import dev.modelgate.operator.store.ScannedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Resolve → fetch (into private staging, verified) → scan → report, for one HFModel. Work the store
 * already holds is not repeated: verified objects are not downloaded again, files whose content was
 * scanned by the same scanner version are not scanned again, and an unchanged commit, selection and
 * scanner version reuse the cached report outright. Downloads and scans run on shared bounded
 * pools, so the operator's disk and network use stays bounded however many models arrive at once.
 */
final class ModelPipeline {
  /** The largest README read as the model card. */
  static final int MAX_CARD_BYTES = 1 << 20;

  private final ModelSource source;
  private final FileScanner scanner;
  private final ModelStore store;
  private final ExecutorService downloads;
  private final ExecutorService scans;
  private final Duration progressInterval;
  private final Clock clock;

  ModelPipeline(
      ModelSource source,
      FileScanner scanner,
      ModelStore store,
      ExecutorService downloads,
      ExecutorService scans,
      Duration progressInterval,
      Clock clock) {
    this.source = source;
    this.scanner = scanner;
    this.store = store;
    this.downloads = downloads;
    this.scans = scans;
    this.progressInterval = progressInterval;
    this.clock = clock;
  }

  /** The version of the scanner behind this pipeline. */
  String scannerVersion() {
    return scanner.version();
  }

  /**
   * Runs the pipeline and writes the report into the store.
   *
   * @throws SourceException when the Hub refused or failed (classified: retry or not)
   * @throws ModelRejectedException when the model cannot be accepted as asked
   * @throws IOException when the store failed (disk full, permissions)
   */
  ModelReport run(ModelJob job, PipelineListener listener)
      throws SourceException, ModelRejectedException, IOException, InterruptedException {
    listener.onPhase(Phase.Resolving, null, "resolving " + job.repo() + "@" + job.revision());
    ResolvedModel resolved = source.resolve(job.source(), job.revision());
    List<SourceFile> selected = select(job, resolved);
    long total = selected.stream().mapToLong(SourceFile::size).sum();
    if (total > job.maxTotalBytes()) {
      throw new ModelRejectedException(
          "TooLarge",
          "the selected files add up to "
              + Bytes.human(total)
              + ", more than the limit of "
              + job.maxTotalLabel()
              + "; narrow spec.files or raise spec.maxTotalSize");
    }
    Optional<ModelReport> cached = store.readReport(job.namespace(), job.name());
    if (cached.isPresent() && reusable(cached.get(), job, resolved.commit(), selected)) {
      return refreshHubData(job, cached.get(), resolved, selected);
    }
    listener.onPhase(
        Phase.Downloading,
        resolved.commit(),
        "downloading " + selected.size() + " file(s), " + Bytes.human(total));
    fetchAll(job, resolved.commit(), selected, total, listener);
    listener.onPhase(Phase.Scanning, resolved.commit(), "scanning " + selected.size() + " file(s)");
    Map<String, ScannedFile> previous = new HashMap<>();
    cached
        .filter(r -> r.scannerVersion().equals(scanner.version()))
        .ifPresent(r -> r.files().forEach(f -> previous.put(f.contentId(), f)));
    List<ScannedFile> files = scanAll(job, selected, previous);
    ModelReport report =
        new ModelReport(
            ModelReport.FORMAT_VERSION,
            job.repo(),
            job.revision(),
            resolved.commit(),
            job.globs(),
            scanner.version(),
            clock.instant().toString(),
            resolved.facts(),
            readCard(job, resolved.commit(), selected),
            HubSecurityView.summarise(files, resolved.repoSecurity()),
            files);
    store.writeReport(job.namespace(), job.name(), report);
    return report;
  }

  /**
   * Same commit, same files, same scanner: only the Hub's metadata and security verdicts may have
   * changed since, so they are refreshed and the scan results kept.
   */
  private ModelReport refreshHubData(
      ModelJob job, ModelReport cached, ResolvedModel resolved, List<SourceFile> selected)
      throws IOException {
    Map<String, SourceFile> byPath = new HashMap<>();
    selected.forEach(f -> byPath.put(f.path(), f));
    List<ScannedFile> files = new ArrayList<>();
    for (ScannedFile f : cached.files()) {
      SourceFile now = byPath.get(f.path());
      files.add(
          new ScannedFile(
              f.path(),
              f.size(),
              f.contentId(),
              f.sha256(),
              f.blobId(),
              f.format(),
              f.severity(),
              f.findings(),
              f.error(),
              now == null ? f.hubSecurity() : now.hubSecurity()));
    }
    ModelReport refreshed =
        new ModelReport(
            cached.formatVersion(),
            cached.repo(),
            job.revision(),
            cached.commit(),
            cached.selection(),
            cached.scannerVersion(),
            cached.createdAt(),
            resolved.facts(),
            cached.card(),
            HubSecurityView.summarise(files, resolved.repoSecurity()),
            files);
    if (!refreshed.equals(cached)) {
      store.writeReport(job.namespace(), job.name(), refreshed);
    }
    return refreshed;
  }

  private static List<SourceFile> select(ModelJob job, ResolvedModel resolved)
      throws ModelRejectedException {
    FileGlobs globs = FileGlobs.compile(job.globs());
    List<SourceFile> out = new ArrayList<>();
    for (SourceFile f : resolved.files()) {
      if (!globs.matches(f.path())) {
        continue;
      }
      try {
        RepoPaths.checkRepoFilePath(f.path());
        RepoPaths.checkContentId(f.contentId());
      } catch (IllegalArgumentException e) {
        throw new ModelRejectedException(
            "UnverifiableFile", e.getMessage() + "; refusing the whole model");
      }
      if (f.size() < 0) {
        throw new ModelRejectedException(
            "UnverifiableFile", "the Hub reported no size for " + f.path());
      }
      out.add(f);
    }
    if (out.isEmpty()) {
      throw new ModelRejectedException(
          "NoFiles",
          job.globs().isEmpty()
              ? "the repo has no files at this revision"
              : "no file matches spec.files " + job.globs());
    }
    return out;
  }

  private boolean reusable(ModelReport r, ModelJob job, String commit, List<SourceFile> selected) {
    if (!r.commit().equals(commit)
        || !r.selection().equals(job.globs())
        || !r.repo().equals(job.repo())
        || !r.scannerVersion().equals(scanner.version())
        || r.files().size() != selected.size()) {
      return false;
    }
    for (ScannedFile f : r.files()) {
      if (!store.hasObject(job.namespace(), f.contentId())) {
        return false;
      }
    }
    return true;
  }

  private void fetchAll(
      ModelJob job, String commit, List<SourceFile> selected, long total, PipelineListener listener)
      throws SourceException, IOException, InterruptedException {
    // One download per distinct content: two paths with the same bytes share one object.
    Map<String, SourceFile> byContent = new LinkedHashMap<>();
    selected.forEach(f -> byContent.putIfAbsent(f.contentId(), f));
    List<SourceFile> unique = new ArrayList<>(byContent.values());
    AtomicLongArray done = new AtomicLongArray(unique.size());
    long duplicateBytes = total - unique.stream().mapToLong(SourceFile::size).sum();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < unique.size(); i++) {
      SourceFile f = unique.get(i);
      int slot = i;
      if (store.hasObject(job.namespace(), f.contentId())) {
        done.set(slot, f.size());
        continue;
      }
      futures.add(
          downloads.submit(
              () -> {
                var target = store.stagingFile(job.namespace(), job.name(), f.contentId());
                source.fetch(job.source(), commit, f, target, n -> done.set(slot, n));
                store.adopt(job.namespace(), f.contentId(), target);
                done.set(slot, f.size());
                return null;
              }));
    }
    awaitAll(futures, () -> listener.onProgress(sum(done) + duplicateBytes, total));
    listener.onProgress(total, total);
  }

  private List<ScannedFile> scanAll(
      ModelJob job, List<SourceFile> selected, Map<String, ScannedFile> previous)
      throws IOException, InterruptedException, SourceException {
    List<Future<ScannedFile>> futures = new ArrayList<>();
    for (SourceFile f : selected) {
      ScannedFile known = previous.get(f.contentId());
      if (known != null) {
        futures.add(
            java.util.concurrent.CompletableFuture.completedFuture(
                new ScannedFile(
                    f.path(),
                    f.size(),
                    f.contentId(),
                    f.sha256(),
                    f.blobId(),
                    known.format(),
                    known.severity(),
                    known.findings(),
                    known.error(),
                    f.hubSecurity())));
        continue;
      }
      futures.add(
          scans.submit(
              () -> {
                FileScanResult r = scanSafely(store.objectPath(job.namespace(), f.contentId()), f);
                return new ScannedFile(
                    f.path(),
                    f.size(),
                    f.contentId(),
                    f.sha256(),
                    f.blobId(),
                    r.format(),
                    r.severity(),
                    r.findings(),
                    r.error(),
                    f.hubSecurity());
              }));
    }
    awaitAll(futures, () -> {});
    List<ScannedFile> out = new ArrayList<>();
    for (Future<ScannedFile> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        throw new IOException("scan failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  /**
   * Scans one file; a scanner that throws fails closed (HIGH, with the error) rather than letting
   * an unscanned file through or taking the operator down.
   */
  private FileScanResult scanSafely(java.nio.file.Path object, SourceFile f) {
    try {
      FileScanResult r = scanner.scan(object, f.path());
      if (r != null && r.severity() != null) {
        return r;
      }
      return new FileScanResult("unknown", Severity.HIGH, List.of(), "scanner returned no verdict");
    } catch (RuntimeException | StackOverflowError e) {
      return new FileScanResult("unknown", Severity.HIGH, List.of(), "scanner failed: " + e);
    }
  }

  /** The README as the model card: from the verified object when selected, else read small. */
  private String readCard(ModelJob job, String commit, List<SourceFile> selected) {
    try {
      for (SourceFile f : selected) {
        if (f.path().toLowerCase(Locale.ROOT).equals("readme.md")) {
          try (InputStream in =
              Files.newInputStream(store.objectPath(job.namespace(), f.contentId()))) {
            return new String(in.readNBytes(MAX_CARD_BYTES), StandardCharsets.UTF_8);
          }
        }
      }
      byte[] bytes = source.readSmall(job.source(), commit, "README.md", MAX_CARD_BYTES);
      return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The card is optional input for policies; a model without one is still scanned and decided.
      return null;
    }
  }

  /**
   * Waits for every future, reporting progress at most every progress interval. On the first
   * failure, the tasks not yet started are cancelled (running ones finish: their partial files
   * resume next time) and the failure is rethrown as itself.
   */
  private void awaitAll(List<? extends Future<?>> futures, Runnable tick)
      throws SourceException, IOException, InterruptedException {
    long pollMs = Math.max(10, progressInterval.toMillis());
    try {
      for (Future<?> f : futures) {
        while (true) {
          try {
            f.get(pollMs, TimeUnit.MILLISECONDS);
            break;
          } catch (TimeoutException e) {
            tick.run();
          }
        }
      }
    } catch (ExecutionException e) {
      futures.forEach(x -> x.cancel(false));
      Throwable cause = e.getCause();
      if (cause instanceof SourceException se) {
        throw se;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    } catch (CancellationException e) {
      throw new IOException("cancelled", e);
    } catch (InterruptedException e) {
      futures.forEach(x -> x.cancel(true));
      throw e;
    }
  }

  private static long sum(AtomicLongArray a) {
    long s = 0;
    for (int i = 0; i < a.length(); i++) {
      s += a.get(i);
    }
    return s;
  }
}
