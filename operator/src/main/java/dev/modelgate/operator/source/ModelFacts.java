package dev.modelgate.operator.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the Hub's model info says about a model, for policies (publisher, gating, card data).
 *
 * @param author the publisher namespace, or null
 * @param gated {@code false}, {@code auto} or {@code manual}
 * @param isPrivate whether the repo is private
 * @param lastModified ISO-8601 text, or null
 * @param tags the Hub's tags
 * @param pipelineTag or null
 * @param libraryName or null
 * @param cardData README front matter as the Hub parsed it (an empty object when absent)
 */
public record ModelFacts(
    String author,
    String gated,
    boolean isPrivate,
    String lastModified,
    List<String> tags,
    String pipelineTag,
    String libraryName,
    JsonNode cardData) {
  public ModelFacts {
    tags = tags == null ? List.of() : List.copyOf(tags);
    cardData = cardData == null || cardData.isNull() ? null : cardData;
  }
}
