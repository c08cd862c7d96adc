package dev.modelgate.rego.builtins.glob;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** glob.match and glob.quote_meta. Compiled globs are cached per evaluation. */
public final class GlobBuiltins {
  private GlobBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("glob.match", 3, guarded(GlobBuiltins::match));
    r.function("glob.quote_meta", 1, (c, a) -> StringValue.of(Glob.quoteMeta(Args.string(a, 0))));
  }

  private record Key(String pattern, List<Integer> delimiters) {}

  private static Value match(BuiltinContext c, List<Value> a) throws BuiltinException {
    String pattern = Args.string(a, 0);
    Value d = a.get(1);
    List<Integer> delimiters = new ArrayList<>();
    if (d instanceof ArrayValue arr) {
      for (Value e : arr.items()) {
        if (!(e instanceof StringValue s)) {
          throw Operands.elementError(2, arr, e, "string");
        }
        if (s.value().codePointCount(0, s.value().length()) != 1) {
          throw Operands.elementError(2, arr, e, "rune");
        }
        delimiters.add(s.value().codePointAt(0));
      }
      if (delimiters.isEmpty()) {
        delimiters.add((int) '.'); // OPA's default delimiter
      }
    } else if (!(d instanceof NullValue)) {
      throw Operands.typeError(2, d, "array", "null");
    }
    String subject = Args.string(a, 2);
    Key key = new Key(pattern, delimiters);
    Glob g = (Glob) c.cache().get(key);
    if (g == null) {
      g = Glob.compile(pattern, delimiters);
      c.cache().put(key, g);
    }
    c.charge(1 + subject.length() / 64);
    return BooleanValue.of(g.matches(subject));
  }
}
