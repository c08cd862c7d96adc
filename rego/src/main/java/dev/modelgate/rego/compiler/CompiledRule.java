package dev.modelgate.rego.compiler;

import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.ast.Location;
import dev.modelgate.rego.ast.Rule;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.value.Value;
import java.util.List;

/**
 * A rule after compilation: names resolved, locals renamed, body reordered for safety.
 *
 * @param path the static part of the head, as a data path without {@code data}
 * @param dynamic head terms after the static part (keys of partial objects / ref heads)
 * @param args function parameters (null for non-functions)
 */
public record CompiledRule(
    Rule.Kind kind,
    List<String> packagePath,
    List<String> path,
    List<Term> dynamic,
    List<Term> args,
    Term value,
    List<Literal> body,
    boolean isDefault,
    CompiledRule elseRule,
    Location loc,
    Value annotations) {

  /** {@code data.a.b}, as OPA names rules in messages. */
  public String dataPath() {
    return "data." + String.join(".", path);
  }
}
