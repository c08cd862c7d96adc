package dev.modelgate.scanner.keras;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bounded JSON reader every Keras/config check uses. */
public final class KerasJson {
  /** Largest config parsed into a tree; Keras configs of very large models are a few MB. */
  public static final int MAX_CONFIG_BYTES = 32 * 1024 * 1024;

  public static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(256)
                      .maxStringLength(MAX_CONFIG_BYTES)
                      .maxNumberLength(100)
                      .maxDocumentLength(MAX_CONFIG_BYTES)
                      .build())
              .build());

  /** For streaming whole JSON files (tokenizer.json can be tens of MB): no document limit. */
  public static final ObjectMapper STREAMING =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(256)
                      .maxStringLength(MAX_CONFIG_BYTES)
                      .maxNumberLength(100)
                      .build())
              .build());

  private KerasJson() {}
}
