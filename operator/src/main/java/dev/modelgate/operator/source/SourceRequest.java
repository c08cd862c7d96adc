package dev.modelgate.operator.source;

/**
 * Where to fetch a model from and as whom.
 *
 * @param endpoint the Hub (or mirror) base URL
 * @param token the bearer token, or null; never logged ({@link #toString()} hides it)
 * @param repo the repo id {@code org/name}
 */
public record SourceRequest(String endpoint, String token, String repo) {
  @Override
  public String toString() {
    return "SourceRequest[endpoint=" + endpoint + ", repo=" + repo + ", token=" + mask() + "]";
  }

  private String mask() {
    return token == null ? "none" : "***";
  }
}
