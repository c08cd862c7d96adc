package dev.modelgate.rego.builtins.encoding;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** base64*, hex, urlquery.*, json.marshal/unmarshal/is_valid, yaml.*. */
public final class EncodingBuiltins {
  private static final String STD =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private EncodingBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("base64.encode", 1, (c, a) -> str(Base64.getEncoder().encodeToString(bytes(a))));
    r.function("base64.decode", 1, guarded((c, a) -> str(base64(Args.string(a, 0), STD))));
    r.function("base64.is_valid", 1, (c, a) -> BooleanValue.of(isBase64(Args.string(a, 0))));
    r.function(
        "base64url.encode", 1, (c, a) -> str(Base64.getUrlEncoder().encodeToString(bytes(a))));
    r.function(
        "base64url.encode_no_pad",
        1,
        (c, a) -> str(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(a))));
    r.function("base64url.decode", 1, guarded(EncodingBuiltins::base64UrlDecode));
    r.function("hex.encode", 1, (c, a) -> str(java.util.HexFormat.of().formatHex(bytes(a))));
    r.function("hex.decode", 1, guarded((c, a) -> str(hexDecode(Args.string(a, 0)))));
    r.function("urlquery.encode", 1, (c, a) -> str(UrlQuery.escape(Args.string(a, 0))));
    r.function("urlquery.decode", 1, guarded((c, a) -> str(UrlQuery.unescape(Args.string(a, 0)))));
    r.function("urlquery.encode_object", 1, EncodingBuiltins::encodeObject);
    r.function("urlquery.decode_object", 1, guarded(EncodingBuiltins::decodeObject));
    r.function("json.marshal", 1, (c, a) -> str(goJson(ValueJson.write(a.get(0)))));
    r.function("json.marshal_with_options", 2, EncodingBuiltins::marshalWithOptions);
    r.function("json.unmarshal", 1, guarded((c, a) -> ValueJson.parse(Args.string(a, 0))));
    r.function(
        "json.is_valid",
        1,
        (c, a) -> BooleanValue.of(a.get(0) instanceof StringValue s && isJson(s.value())));
    r.function("yaml.marshal", 1, (c, a) -> str(YamlCodec.write(a.get(0))));
    r.function("yaml.unmarshal", 1, guarded((c, a) -> YamlCodec.parse(Args.string(a, 0))));
    r.function(
        "yaml.is_valid",
        1,
        (c, a) -> BooleanValue.of(a.get(0) instanceof StringValue s && isYaml(s.value())));
  }

  private static Value str(String s) {
    return StringValue.of(s);
  }

  private static byte[] bytes(List<Value> a) throws BuiltinException {
    return Args.string(a, 0).getBytes(StandardCharsets.UTF_8);
  }

  /** Go's base64 decoding with padding required; errors name the first bad byte as Go does. */
  static String base64(String s, String alphabet) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    int n = in.length;
    // Go ignores \r and \n anywhere in the input.
    StringBuilder clean = new StringBuilder(n);
    int[] positions = new int[n];
    for (int i = 0; i < n; i++) {
      char ch = (char) (in[i] & 0xff);
      if (ch == '\r' || ch == '\n') {
        continue;
      }
      positions[clean.length()] = i;
      clean.append(ch);
    }
    String t = clean.toString();
    int pad = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch == '=') {
        // Padding may only end a 4-character quantum, with 1 or 2 '=' characters.
        int q = i % 4;
        if (q < 2) {
          throw corrupt(positions[i]);
        }
        pad = t.length() - i;
        if (pad > 2 || (q == 2 && pad != 2) || (q == 3 && pad != 1)) {
          throw corrupt(positions[Math.min(i + (q == 2 ? 1 : 0), t.length() - 1)]);
        }
        for (int j = i; j < t.length(); j++) {
          if (t.charAt(j) != '=') {
            throw corrupt(positions[j]);
          }
        }
        break;
      }
      if (alphabet.indexOf(ch) < 0) {
        throw corrupt(positions[i]);
      }
    }
    if (t.length() % 4 != 0) {
      int bad = (t.length() / 4) * 4;
      throw corrupt(t.length() % 4 == 1 ? positions[bad] : n);
    }
    byte[] out = (alphabet == URL ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(t);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException corrupt(int offset) {
    return new IllegalArgumentException("illegal base64 data at input byte " + offset);
  }

  private static boolean isBase64(String s) {
    try {
      base64(s, STD);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** OPA re-pads unpadded base64url (RFC 7515 appendix C) before decoding. */
  private static Value base64UrlDecode(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    if (!s.endsWith("=")) {
      switch (s.length() % 4) {
        case 0 -> {}
        case 2 -> s += "==";
        case 3 -> s += "=";
        default -> throw BuiltinException.error("illegal base64url string: " + s);
      }
    }
    return str(base64(s, URL));
  }

  /** Go's hex.DecodeString with its messages. */
  static String hexDecode(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length / 2];
    int i = 0;
    for (; i + 1 < in.length; i += 2) {
      int hi = Character.digit(in[i], 16);
      int lo = Character.digit(in[i + 1], 16);
      if (hi < 0) {
        throw invalidByte(in[i]);
      }
      if (lo < 0) {
        throw invalidByte(in[i + 1]);
      }
      out[i / 2] = (byte) (hi * 16 + lo);
    }
    if (in.length % 2 == 1) {
      if (Character.digit(in[i], 16) < 0) {
        throw invalidByte(in[i]);
      }
      throw new IllegalArgumentException("encoding/hex: odd length hex string");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalidByte(byte b) {
    int c = b & 0xff;
    String ch = c < 0x80 ? String.valueOf((char) c) : "\ufffd";
    String quoted =
        c >= 0x20 && c < 0x7f
            ? "'" + (c == '\'' ? "\\'" : c == '\\' ? "\\\\" : ch) + "'"
            : String.format("'\\x%02x'", c);
    return new IllegalArgumentException(
        String.format("encoding/hex: invalid byte: U+%04X %s", c, quoted));
  }

  private static Value encodeObject(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue o = Args.object(a, 0);
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Value k : o.sortedKeys()) {
      if (!(k instanceof StringValue ks)) {
        throw BuiltinException.typeError(
            "operand 1 must be object[string: string|array|set] but got object");
      }
      Value v = o.get(k);
      List<String> vs = new ArrayList<>();
      switch (v) {
        case StringValue s -> vs.add(s.value());
        case ArrayValue arr -> vs.addAll(Operands.strings(1, arr));
        case SetValue set -> vs.addAll(Operands.strings(1, set));
        default -> throw Operands.typeError(1, v, "string", "array", "set");
      }
      values.put(ks.value(), vs);
    }
    c.charge(values.size());
    return str(UrlQuery.encode(values));
  }

  private static Value decodeObject(BuiltinContext c, List<Value> a) throws BuiltinException {
    Map<String, List<String>> q = UrlQuery.parse(Args.string(a, 0));
    ObjectValue.Builder b = ObjectValue.builder();
    for (Map.Entry<String, List<String>> e : q.entrySet()) {
      List<Value> vs = new ArrayList<>();
      for (String v : e.getValue()) {
        vs.add(StringValue.of(v));
      }
      b.put(e.getKey(), ArrayValue.of(vs));
    }
    return b.build();
  }

  /** Go's encoding/json escapes HTML-significant characters; they only occur inside strings. */
  public static String goJson(String json) {
    StringBuilder b = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      switch (ch) {
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** json.marshal_with_options: {pretty, indent, prefix} as Go's json.MarshalIndent. */
  private static Value marshalWithOptions(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue opts = Args.object(a, 1);
    String indent = "\t";
    String prefix = "";
    boolean pretty = false;
    boolean indentSet = false;
    boolean prefixSet = false;
    for (Value k : opts.keys()) {
      Value v = opts.get(k);
      String key = k instanceof StringValue s ? s.value() : k.toString();
      switch (key) {
        case "pretty" -> {
          if (!(v instanceof BooleanValue bv)) {
            throw BuiltinException.typeError(
                "operand 2 pretty must be boolean but got " + v.typeName());
          }
          pretty = bv.value();
        }
        case "indent" -> {
          if (!(v instanceof StringValue sv)) {
            throw BuiltinException.typeError(
                "operand 2 indent must be string but got " + v.typeName());
          }
          indent = sv.value();
          indentSet = true;
        }
        case "prefix" -> {
          if (!(v instanceof StringValue sv)) {
            throw BuiltinException.typeError(
                "operand 2 prefix must be string but got " + v.typeName());
          }
          prefix = sv.value();
          prefixSet = true;
        }
        default ->
            throw BuiltinException.typeError(
                "operand 2 object keys must be one of {pretty, indent, prefix} but got " + key);
      }
    }
    boolean indented = opts.containsKey(StringValue.of("pretty")) ? pretty : indentSet || prefixSet;
    String compact = goJson(ValueJson.write(a.get(0)));
    if (!indented) {
      return str(compact);
    }
    return str(indentJson(compact, prefix, indent));
  }

  /** Go's json.Indent over compact JSON. */
  static String indentJson(String src, String prefix, String indent) {
    StringBuilder b = new StringBuilder(src.length() * 2);
    int depth = 0;
    boolean inString = false;
    boolean needIndent = false;
    for (int i = 0; i < src.length(); i++) {
      char ch = src.charAt(i);
      if (inString) {
        b.append(ch);
        if (ch == '\\') {
          b.append(src.charAt(++i));
        } else if (ch == '"') {
          inString = false;
        }
        continue;
      }
      if (needIndent && ch != ']' && ch != '}') {
        needIndent = false;
        depth++;
        newline(b, prefix, indent, depth);
      }
      switch (ch) {
        case '"' -> {
          inString = true;
          b.append(ch);
        }
        case '{', '[' -> {
          b.append(ch);
          needIndent = true;
        }
        case ',' -> {
          b.append(ch);
          newline(b, prefix, indent, depth);
        }
        case ':' -> b.append(": ");
        case '}', ']' -> {
          if (needIndent) {
            needIndent = false; // empty collection stays compact
          } else {
            depth--;
            newline(b, prefix, indent, depth);
          }
          b.append(ch);
        }
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  private static void newline(StringBuilder b, String prefix, String indent, int depth) {
    b.append('\n').append(prefix);
    b.append(indent.repeat(Math.max(0, depth)));
  }

  private static boolean isJson(String s) {
    try {
      ValueJson.parse(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isYaml(String s) {
    try {
      YamlCodec.parse(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
