package dev.modelgate.hub;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Finds {@code rel="next"} in GitHub-style {@code Link} headers, as the Hub paginates. */
final class LinkHeader {
  private LinkHeader() {}

  /** The next page's URL, resolved against {@code base}, or empty on the last page. */
  static Optional<URI> next(List<String> linkHeaders, URI base) {
    for (String header : linkHeaders) {
      for (String link : header.split(",(?=\\s*<)")) {
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) continue;
        String params = link.substring(close + 1);
        for (String p : params.split(";")) {
          String kv = p.trim().replace(" ", "");
          if (kv.equalsIgnoreCase("rel=\"next\"") || kv.equalsIgnoreCase("rel=next")) {
            try {
              return Optional.of(base.resolve(link.substring(open + 1, close).trim()));
            } catch (IllegalArgumentException bad) {
              return Optional.empty();
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
