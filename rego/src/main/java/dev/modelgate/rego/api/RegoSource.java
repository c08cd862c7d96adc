package dev.modelgate.rego.api;

/**
 * One Rego module to compile.
 *
 * @param filename name used in error locations ({@code policy.rego:3:7})
 * @param text the module source
 * @param regoV1 true for Rego v1 (OPA 1.x default); false parses Rego v0 unless the module imports
 *     {@code rego.v1}
 */
public record RegoSource(String filename, String text, boolean regoV1) {
  /** A Rego v1 module. */
  public static RegoSource of(String filename, String text) {
    return new RegoSource(filename, text, true);
  }

  /** A module in Rego v0 syntax (as OPA 0.x, or {@code opa --v0-compatible}). */
  public static RegoSource v0(String filename, String text) {
    return new RegoSource(filename, text, false);
  }
}
