package dev.modelgate.crds.validation;

import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.SecretKeyRef;
import dev.modelgate.crds.SpecPatterns;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an HFModel spec: the rules of the CRD schema (which a mock API server or an old cluster
 * may not enforce) plus the ones a schema cannot express. Pure; the operator and the webhook share
 * it.
 */
public final class HFModelSpecValidator {
  /** The shortest refresh interval accepted: polling the Hub more often is abuse, not freshness. */
  public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);

  private static final Pattern REPO_ID = Pattern.compile(SpecPatterns.REPO_ID);
  private static final Pattern REVISION = Pattern.compile(SpecPatterns.REVISION);
  private static final Pattern ENDPOINT = Pattern.compile(SpecPatterns.ENDPOINT);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(SpecPatterns.DNS_SUBDOMAIN);
  private static final Pattern SECRET_KEY = Pattern.compile(SpecPatterns.SECRET_KEY);
  private static final int MAX_NAME = 253;

  private HFModelSpecValidator() {}

  /** Returns every violation found; an empty list means the spec is valid. */
  public static List<Violation> validate(HFModelSpec spec) {
    List<Violation> out = new ArrayList<>();
    if (spec == null) {
      out.add(new Violation("spec", "is required"));
      return out;
    }
    checkRepo(spec.getRepo(), out);
    checkRevision(spec.getRevision(), out);
    checkFiles(spec.getFiles(), out);
    if (spec.getEndpoint() != null && !ENDPOINT.matcher(spec.getEndpoint()).matches()) {
      out.add(
          new Violation(
              "spec.endpoint",
              "must be an http(s) URL without credentials, query or fragment, e.g."
                  + " https://huggingface.co"));
    }
    checkSecretRef(spec.getTokenSecretRef(), out);
    checkMaxTotalSize(spec.getMaxTotalSize(), out);
    checkRefreshInterval(spec.getRefreshInterval(), out);
    return out;
  }

  /** The total-size guard in bytes, or {@code Long.MAX_VALUE} when the spec sets none. */
  public static long maxTotalBytes(HFModelSpec spec) {
    Quantity q = spec.getMaxTotalSize();
    if (q == null) {
      return Long.MAX_VALUE;
    }
    BigDecimal bytes = Quantity.getAmountInBytes(q);
    return bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : bytes.longValue();
  }

  private static void checkRepo(String repo, List<Violation> out) {
    if (repo == null || repo.isBlank()) {
      out.add(new Violation("spec.repo", "is required, e.g. HuggingFaceTB/SmolLM-135M"));
    } else if (!REPO_ID.matcher(repo).matches() || repo.contains("--") || repo.contains("..")) {
      out.add(
          new Violation(
              "spec.repo",
              "'"
                  + abbreviate(repo)
                  + "' is not a Hub repo id: write org/name with letters, digits, '_', '-', '.'"
                  + " (no '--' or '..', at most 96 characters per part)"));
    }
  }

  private static void checkRevision(String revision, List<Violation> out) {
    if (revision == null) {
      return;
    }
    if (!REVISION.matcher(revision).matches()
        || revision.contains("..")
        || revision.contains("//")
        || revision.endsWith("/")
        || revision.endsWith(".")) {
      out.add(
          new Violation(
              "spec.revision",
              "'" + abbreviate(revision) + "' is not a branch, tag, refs/pr/N or commit sha"));
    }
  }

  private static void checkFiles(List<String> files, List<Violation> out) {
    if (files == null) {
      return;
    }
    if (files.size() > SpecPatterns.MAX_FILE_GLOBS) {
      out.add(
          new Violation(
              "spec.files", "at most " + SpecPatterns.MAX_FILE_GLOBS + " globs are allowed"));
      return;
    }
    for (int i = 0; i < files.size(); i++) {
      try {
        FileGlobs.toRegex(files.get(i));
      } catch (IllegalArgumentException e) {
        out.add(new Violation("spec.files[" + i + "]", e.getMessage()));
      }
    }
  }

  private static void checkSecretRef(SecretKeyRef ref, List<Violation> out) {
    if (ref == null) {
      return;
    }
    String name = ref.getName();
    if (name == null
        || name.isEmpty()
        || name.length() > MAX_NAME
        || !DNS_SUBDOMAIN.matcher(name).matches()) {
      out.add(
          new Violation(
              "spec.tokenSecretRef.name",
              "must name a Secret in this namespace (lowercase DNS name)"));
    }
    if (ref.getKey() != null
        && (ref.getKey().length() > MAX_NAME || !SECRET_KEY.matcher(ref.getKey()).matches())) {
      out.add(new Violation("spec.tokenSecretRef.key", "is not a valid Secret key"));
    }
  }

  private static void checkMaxTotalSize(Quantity q, List<Violation> out) {
    if (q == null) {
      return;
    }
    try {
      if (Quantity.getAmountInBytes(q).signum() <= 0) {
        out.add(new Violation("spec.maxTotalSize", "must be positive, e.g. 200Gi"));
      }
    } catch (RuntimeException e) {
      out.add(
          new Violation(
              "spec.maxTotalSize",
              "'" + abbreviate(q.toString()) + "' is not a quantity (write e.g. 500Mi or 200Gi)"));
    }
  }

  private static void checkRefreshInterval(String interval, List<Violation> out) {
    if (interval == null) {
      return;
    }
    try {
      if (GoDuration.parse(interval).compareTo(MIN_REFRESH_INTERVAL) < 0) {
        out.add(new Violation("spec.refreshInterval", "must be at least 1m"));
      }
    } catch (IllegalArgumentException e) {
      out.add(new Violation("spec.refreshInterval", e.getMessage()));
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
