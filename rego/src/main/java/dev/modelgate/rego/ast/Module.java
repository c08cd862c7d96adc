package dev.modelgate.rego.ast;

import dev.modelgate.rego.value.Value;
import java.util.List;

/**
 * A parsed module.
 *
 * @param file the file name used in locations
 * @param packagePath the package path without {@code data} (e.g. {@code [cloudsmith]})
 * @param imports the imports
 * @param rules the rules in source order
 * @param packageAnnotations METADATA attached to the package (or null)
 * @param regoV1 whether the module is Rego v1
 */
public record Module(
    String file,
    List<String> packagePath,
    List<Import> imports,
    List<Rule> rules,
    Value packageAnnotations,
    boolean regoV1,
    Location packageLoc) {

  /** {@code import path [as alias]}; path starts with data, input, future or rego. */
  public record Import(List<String> path, String alias, Location loc) {
    /** The name the import binds in the module. */
    public String boundName() {
      return alias != null ? alias : path.get(path.size() - 1);
    }
  }
}
