package dev.modelgate.rego.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON to and from values, printed as OPA prints them: objects with sorted keys, sets as sorted
 * arrays, non-string object keys as their own JSON text.
 */
public final class ValueJson {
  /** Deepest nesting accepted when parsing; deeper documents are rejected, never overflow. */
  public static final int MAX_DEPTH = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(10_000)
                  .maxStringLength(256 * 1024 * 1024)
                  .build())
          .build();

  private ValueJson() {}

  /** Parses a JSON document. */
  public static Value parse(String json) {
    return parse(new StringReader(json));
  }

  /** Parses a JSON document from a reader (not closed). */
  public static Value parse(Reader json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return parseDocument(p);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw unchecked(e);
    }
  }

  /** Parses a JSON document from a stream (UTF-8; not closed). */
  public static Value parse(InputStream json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return parseDocument(p);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw unchecked(e);
    }
  }

  private static Value parseDocument(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new IllegalArgumentException("invalid JSON: empty document");
    }
    Value v = read(p, t);
    if (p.nextToken() != null) {
      throw new IllegalArgumentException("invalid JSON: trailing content");
    }
    return v;
  }

  private static Value read(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        ObjectValue.Builder b = ObjectValue.builder();
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
          String key = p.currentName();
          b.put(StringValue.of(key), read(p, p.nextToken()));
        }
        return b.build();
      }
      case START_ARRAY -> {
        List<Value> items = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(p, t));
        }
        return ArrayValue.of(items);
      }
      case VALUE_STRING -> {
        return StringValue.of(p.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return NumberValue.parse(p.getText());
      }
      case VALUE_TRUE -> {
        return BooleanValue.TRUE;
      }
      case VALUE_FALSE -> {
        return BooleanValue.FALSE;
      }
      case VALUE_NULL -> {
        return NullValue.INSTANCE;
      }
      default -> throw new IllegalArgumentException("invalid JSON: unexpected " + t);
    }
  }

  /** Compact JSON. */
  public static String write(Value v) {
    StringBuilder b = new StringBuilder();
    write(b, v, -1, 0);
    return b.toString();
  }

  /** JSON indented by two spaces per level, as {@code opa eval} prints. */
  public static String writePretty(Value v) {
    StringBuilder b = new StringBuilder();
    write(b, v, 2, 0);
    return b.toString();
  }

  private static void newline(StringBuilder b, int indent, int level) {
    if (indent >= 0) {
      b.append('\n');
      b.append(" ".repeat(indent * level));
    }
  }

  private static void write(StringBuilder b, Value v, int indent, int level) {
    switch (v) {
      case NullValue n -> b.append("null");
      case BooleanValue x -> b.append(x.value());
      case NumberValue x -> b.append(x);
      case StringValue x -> quote(b, x.value());
      case ArrayValue x -> writeList(b, x.items(), indent, level);
      case SetValue x -> writeList(b, x.sorted(), indent, level);
      case ObjectValue x -> {
        if (x.isEmpty()) {
          b.append("{}");
          return;
        }
        // OPA (Go's encoding/json) orders keys by their string form.
        List<String[]> keyed = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        for (Value k : x.sortedKeys()) {
          String ks = k instanceof StringValue s ? s.value() : write(k);
          keyed.add(new String[] {ks, String.valueOf(values.size())});
          values.add(x.get(k));
        }
        keyed.sort((p, q) -> StringValue.compareCodePoints(p[0], q[0]));
        b.append('{');
        boolean first = true;
        for (String[] kv : keyed) {
          if (!first) {
            b.append(',');
          }
          first = false;
          newline(b, indent, level + 1);
          quote(b, kv[0]);
          b.append(indent >= 0 ? ": " : ":");
          write(b, values.get(Integer.parseInt(kv[1])), indent, level + 1);
        }
        newline(b, indent, level);
        b.append('}');
      }
    }
  }

  private static void writeList(StringBuilder b, List<Value> items, int indent, int level) {
    if (items.isEmpty()) {
      b.append("[]");
      return;
    }
    b.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      newline(b, indent, level + 1);
      write(b, items.get(i), indent, level + 1);
    }
    newline(b, indent, level);
    b.append(']');
  }

  /** Appends a JSON string literal. */
  public static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** A JSON string literal. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    quote(b, s);
    return b.toString();
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
