package dev.modelgate.webhook.extract;

import java.util.Objects;

/**
 * One model a workload would load, as found in its spec.
 *
 * @param container the container (or {@code pod} for annotations, the component for KServe) that
 *     names the model
 * @param source where it was found, e.g. {@code arg --model} or {@code env MODEL_ID}; only fixed
 *     words and variable names, never values, so it is safe to log
 * @param kind what {@link #target} is
 * @param target a Hub repo id ({@code org/name}), an HFModel name, a store sub-path, or (for {@link
 *     Kind#UNCHECKABLE}) why the model cannot be known
 * @param revision the revision the workload asks for (branch, tag or commit), or {@code null} when
 *     it gives none
 */
public record ModelReference(
    String container, String source, Kind kind, String target, String revision) {

  /** What a reference points at. */
  public enum Kind {
    /** A Hugging Face Hub repo id, matched against {@code HFModel.spec.repo}. */
    REPO,
    /**
     * The name of an HFModel in the workload's namespace (annotation {@code modelgate.dev/models}).
     */
    HFMODEL,
    /** A sub-path of the model store outside its shared cache: never allowed. */
    STORE_PATH,
    /**
     * A model ModelGate cannot know (read from a Secret, or from a ConfigMap it could not read):
     * never allowed, since allowing it would let a pod hide any model there.
     */
    UNCHECKABLE
  }

  public ModelReference {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  static ModelReference repo(String container, String source, String repo, String revision) {
    return new ModelReference(container, source, Kind.REPO, repo, revision);
  }

  /**
   * @param problem a sentence fragment, e.g. {@code reads HF_MODEL_ID from Secret x, which
   *     ModelGate cannot check}; names only, never values
   */
  static ModelReference uncheckable(String container, String source, String problem) {
    return new ModelReference(container, source, Kind.UNCHECKABLE, problem, null);
  }

  /** The reference as a user would write it: {@code org/name@rev}. */
  public String display() {
    return revision == null ? target : target + "@" + revision;
  }

  /** Identity for de-duplication: the same model in the same container counts once. */
  public String key() {
    return container
        + '\u0000'
        + kind
        + '\u0000'
        + target.toLowerCase(java.util.Locale.ROOT)
        + '\u0000'
        + revision;
  }
}
