package dev.modelgate.rego.types;

import dev.modelgate.rego.types.RegoType.AnyType;
import dev.modelgate.rego.types.RegoType.ArrayType;
import dev.modelgate.rego.types.RegoType.ObjectType;
import dev.modelgate.rego.types.RegoType.Property;
import dev.modelgate.rego.types.RegoType.SetType;
import dev.modelgate.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads types and signatures written the way OPA prints them, so declarations can be compared with
 * OPA's by eye:
 *
 * <pre>
 * any  any&lt;number, string&gt;  null  boolean  number  string
 * array[string]  array&lt;number, string&gt;  set[any]
 * object[string: any]  object&lt;op: string, path: any&gt;[any: any]
 * concat(delimiter: string, collection: any&lt;array[string], set[string]&gt;) =&gt; output: string
 * </pre>
 */
public final class TypeNotation {
  private final String text;
  private int pos;

  private TypeNotation(String text) {
    this.text = text;
  }

  /** Parses one type. */
  public static RegoType type(String text) {
    TypeNotation p = new TypeNotation(text);
    RegoType t = p.parseType();
    p.expectEnd();
    return t;
  }

  /** Parses {@code name(param: type, ...) => result: type}. */
  public static Signature signature(String text) {
    TypeNotation p = new TypeNotation(text);
    String name = p.word();
    p.expect("(");
    List<Signature.Param> params = new ArrayList<>();
    if (!p.peek(")")) {
      do {
        params.add(p.param());
      } while (p.accept(","));
    }
    p.expect(")");
    p.expect("=>");
    Signature.Param result = p.param();
    p.expectEnd();
    return new Signature(name, params, result);
  }

  /** {@code name: type}, or a bare type (OPA leaves some parameters unnamed). */
  private Signature.Param param() {
    skipSpace();
    int end = pos;
    while (end < text.length() && ":,()<>[]".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    String name = "";
    if (end < text.length() && text.charAt(end) == ':') {
      // Names may contain spaces (time.format's result is "formatted timestamp").
      name = text.substring(pos, end).trim();
      pos = end + 1;
    }
    return new Signature.Param(name, parseType());
  }

  private RegoType parseType() {
    String w = word();
    return switch (w) {
      case "any" -> accept("<") ? new AnyType(types(">")) : RegoType.ANY;
      case "null" -> RegoType.NULL;
      case "boolean" -> RegoType.BOOLEAN;
      case "number" -> RegoType.NUMBER;
      case "string" -> RegoType.STRING;
      case "set" -> {
        expect("[");
        RegoType of = parseType();
        expect("]");
        yield new SetType(of);
      }
      case "array" -> {
        List<RegoType> statics = accept("<") ? types(">") : List.of();
        RegoType dynamic = null;
        if (accept("[")) {
          dynamic = parseType();
          expect("]");
        }
        yield new ArrayType(statics, dynamic);
      }
      case "object" -> {
        List<Property> props = new ArrayList<>();
        if (accept("<")) {
          do {
            String key = word();
            expect(":");
            props.add(new Property(StringValue.of(key), parseType()));
          } while (accept(","));
          expect(">");
        }
        RegoType key = null;
        RegoType value = null;
        if (accept("[")) {
          key = parseType();
          expect(":");
          value = parseType();
          expect("]");
        }
        yield new ObjectType(props, key, value);
      }
      default -> throw error("unknown type '" + w + "'");
    };
  }

  private List<RegoType> types(String close) {
    List<RegoType> out = new ArrayList<>();
    do {
      out.add(parseType());
    } while (accept(","));
    expect(close);
    return out;
  }

  private String word() {
    skipSpace();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos))
            || text.charAt(pos) == '_'
            || text.charAt(pos) == '.')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return text.substring(start, pos);
  }

  private boolean peek(String token) {
    skipSpace();
    return text.startsWith(token, pos);
  }

  private boolean accept(String token) {
    if (peek(token)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw error("expected '" + token + "'");
    }
  }

  private void expectEnd() {
    skipSpace();
    if (pos != text.length()) {
      throw error("unexpected text");
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at " + pos + " in: " + text);
  }
}
