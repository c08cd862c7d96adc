package dev.modelgate.rego.builtins.support;

import dev.modelgate.rego.builtins.strings.GoQuote;
import dev.modelgate.rego.value.RegoFormat;
import dev.modelgate.rego.value.Value;

/**
 * A value as OPA's {@code Term.String()} prints it (Rego syntax, not JSON): strings Go-quoted,
 * {@code ", "} between elements, {@code ": "} in objects, sets as {@code {1, 2}} or {@code set()}.
 * This is what {@code sprintf} shows for composite arguments.
 */
public final class RegoText {
  private RegoText() {}

  public static String of(Value v) {
    return RegoFormat.format(v, (b, s) -> b.append(GoQuote.quote(s, false)));
  }
}
