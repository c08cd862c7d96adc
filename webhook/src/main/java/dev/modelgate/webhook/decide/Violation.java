package dev.modelgate.webhook.decide;

import dev.modelgate.webhook.extract.ModelReference;

/**
 * One reference that may not be used, and why.
 *
 * @param reference the offending reference
 * @param problem a short sentence fragment, e.g. {@code is Quarantined (HFModel qwen): pickle
 *     imports os.system}
 * @param missing true when there is no HFModel at all (governed by {@link MissingModelPolicy})
 */
public record Violation(ModelReference reference, String problem, boolean missing) {

  /**
   * One line for a warning or a denial: {@code container "vllm": org/name (arg --model) is ...}.
   */
  public String describe() {
    if (reference.kind() == ModelReference.Kind.UNCHECKABLE) {
      return "container \"" + reference.container() + "\": " + problem;
    }
    return "container \""
        + reference.container()
        + "\": "
        + reference.display()
        + " ("
        + reference.source()
        + ") "
        + problem;
  }
}
