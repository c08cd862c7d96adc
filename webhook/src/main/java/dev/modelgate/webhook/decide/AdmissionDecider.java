package dev.modelgate.webhook.decide;

import dev.modelgate.webhook.extract.ModelReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pure decision: references in, allow/deny/warn out. A reference is allowed only if it resolves to
 * an HFModel in the same namespace whose phase is Available for the current spec, and, when the
 * workload gives a revision, whose approved commit (or requested revision) matches it.
 */
public final class AdmissionDecider {

  /** kubectl prints the whole message; keep it readable on one screen. */
  static final int MAX_MESSAGE_CHARS = 1024;

  /** Kubernetes truncates long warnings; 120 characters is the documented comfort limit. */
  static final int MAX_WARNING_CHARS = 200;

  static final int MAX_WARNINGS = 20;

  private static final java.util.regex.Pattern COMMIT_PREFIX =
      java.util.regex.Pattern.compile("[0-9a-f]{7,40}");

  private static final int MAX_REASONS = 2;
  private static final int MAX_REASON_CHARS = 100;

  private final ModelCatalog catalog;
  private final MissingModelPolicy missingPolicy;

  public AdmissionDecider(ModelCatalog catalog, MissingModelPolicy missingPolicy) {
    this.catalog = catalog;
    this.missingPolicy = missingPolicy;
  }

  public Decision decide(String namespace, List<ModelReference> refs, EnforcementMode mode) {
    if (mode == EnforcementMode.OFF) return Decision.skip();
    List<Violation> violations = new ArrayList<>();
    for (ModelReference ref : refs) {
      check(namespace, ref).ifPresent(violations::add);
    }
    if (violations.isEmpty()) return Decision.allow();

    List<Violation> blocking = new ArrayList<>();
    List<Violation> warned = new ArrayList<>();
    for (Violation v : violations) {
      if (v.missing() && missingPolicy == MissingModelPolicy.ALLOW) continue;
      boolean warnOnly =
          mode == EnforcementMode.WARN || (v.missing() && missingPolicy == MissingModelPolicy.WARN);
      (warnOnly ? warned : blocking).add(v);
    }
    List<String> warnings = warnings(warned);
    if (!blocking.isEmpty()) {
      return new Decision(
          false, Decision.Result.DENIED, message(namespace, blocking), warnings, violations);
    }
    if (warned.isEmpty()) {
      return new Decision(true, Decision.Result.ALLOWED, null, List.of(), violations);
    }
    return new Decision(true, Decision.Result.WARNED, null, warnings, violations);
  }

  /** Why {@code ref} may not be used, or empty if it may. */
  Optional<Violation> check(String namespace, ModelReference ref) {
    return switch (ref.kind()) {
      case STORE_PATH ->
          Optional.of(new Violation(ref, "is outside the model store's shared cache", false));
      case UNCHECKABLE -> Optional.of(new Violation(ref, ref.target(), false));
      case HFMODEL -> checkByName(namespace, ref);
      case REPO -> checkByRepo(namespace, ref);
    };
  }

  private Optional<Violation> checkByName(String namespace, ModelReference ref) {
    Optional<ModelRecord> model = catalog.byName(namespace, ref.target());
    if (model.isEmpty()) {
      return Optional.of(new Violation(ref, "has no HFModel in namespace " + namespace, true));
    }
    ModelRecord m = model.get();
    if (m.usable()) return Optional.empty();
    return Optional.of(new Violation(ref, notAvailable(m), false));
  }

  private Optional<Violation> checkByRepo(String namespace, ModelReference ref) {
    List<ModelRecord> candidates = catalog.byRepo(namespace, ref.target());
    if (candidates.isEmpty()) {
      return Optional.of(new Violation(ref, "has no HFModel in namespace " + namespace, true));
    }
    List<ModelRecord> matching = new ArrayList<>();
    for (ModelRecord m : candidates) {
      if (revisionMatches(ref.revision(), m)) matching.add(m);
    }
    for (ModelRecord m : matching) {
      if (m.usable()) return Optional.empty();
    }
    if (matching.isEmpty()) {
      ModelRecord first = candidates.get(0);
      String approved =
          first.resolvedRevision() == null ? "none yet" : shortSha(first.resolvedRevision());
      return Optional.of(
          new Violation(
              ref,
              "does not match the approved commit " + approved + " (HFModel " + first.name() + ")",
              false));
    }
    return Optional.of(new Violation(ref, notAvailable(matching.get(0)), false));
  }

  /**
   * No revision given: any HFModel of the repo will do. A commit must equal the approved commit (a
   * prefix of 7+ hex digits is accepted); a branch or tag must be the one the HFModel approved.
   */
  static boolean revisionMatches(String wanted, ModelRecord m) {
    if (wanted == null) return true;
    String resolved = m.resolvedRevision();
    String w = wanted.toLowerCase(Locale.ROOT);
    if (COMMIT_PREFIX.matcher(w).matches()) {
      if (resolved != null && resolved.toLowerCase(Locale.ROOT).startsWith(w)) return true;
    }
    return m.revision() != null && m.revision().equals(wanted);
  }

  private static String notAvailable(ModelRecord m) {
    StringBuilder sb = new StringBuilder("is ").append(m.effectivePhase());
    sb.append(" (HFModel ").append(m.name()).append(')');
    List<String> reasons = m.reasons();
    for (int i = 0; i < reasons.size() && i < MAX_REASONS; i++) {
      sb.append(i == 0 ? ": " : "; ").append(clip(reasons.get(i), MAX_REASON_CHARS));
    }
    if (reasons.size() > MAX_REASONS)
      sb.append(" (+").append(reasons.size() - MAX_REASONS).append(" more)");
    return sb.toString();
  }

  private static String message(String namespace, List<Violation> blocking) {
    StringBuilder sb =
        new StringBuilder("ModelGate: ")
            .append(blocking.size())
            .append(blocking.size() == 1 ? " model reference is" : " model references are")
            .append(" not allowed in namespace ")
            .append(namespace)
            .append(": ");
    for (int i = 0; i < blocking.size(); i++) {
      String line = (i == 0 ? "" : " | ") + blocking.get(i).describe();
      String rest = " | ... and " + (blocking.size() - i) + " more";
      if (sb.length() + line.length() > MAX_MESSAGE_CHARS - rest.length()) {
        sb.append(rest);
        break;
      }
      sb.append(line);
    }
    return sb.toString();
  }

  private static List<String> warnings(List<Violation> warned) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < warned.size(); i++) {
      if (i == MAX_WARNINGS - 1 && warned.size() > MAX_WARNINGS) {
        out.add("ModelGate: ... and " + (warned.size() - i) + " more model references not allowed");
        break;
      }
      out.add(clip("ModelGate: " + warned.get(i).describe(), MAX_WARNING_CHARS));
    }
    return out;
  }

  static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  static String clip(String s, int max) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
  }
}
