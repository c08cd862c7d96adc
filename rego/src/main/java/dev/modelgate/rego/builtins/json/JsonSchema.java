package dev.modelgate.rego.builtins.json;

import com.google.re2j.Pattern;
import dev.modelgate.rego.builtins.regex.GoRegex;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema validation (drafts 4-7 keywords: type, enum, const, properties, required,
 * additionalProperties, patternProperties, items, min/max items, uniqueItems, lengths, pattern
 * (RE2), numeric bounds, multipleOf, allOf/anyOf/oneOf/not, local $ref) with gojsonschema's error
 * types and messages, as OPA's json.match_schema reports them.
 */
public final class JsonSchema {
  private static final int MAX_DEPTH = 200;

  /** One validation error, as OPA shows it: {error, type, field, desc}. */
  public record Error(String field, String type, String desc) {
    public Value toValue() {
      return ObjectValue.builder()
          .put("error", StringValue.of(field + ": " + desc))
          .put("type", StringValue.of(type))
          .put("field", StringValue.of(field))
          .put("desc", StringValue.of(desc))
          .build();
    }
  }

  private final Value root;
  private final List<Error> errors = new ArrayList<>();
  private long budget = 1_000_000;

  private JsonSchema(Value root) {
    this.root = root;
  }

  /** Validates; an empty list means the document matches. */
  public static List<Error> validate(Value document, Value schema) {
    if (!(schema instanceof ObjectValue) && !(schema instanceof BooleanValue)) {
      throw new IllegalArgumentException("schema must be an object or a boolean");
    }
    checkSchema(schema, 0);
    JsonSchema v = new JsonSchema(schema);
    v.check(document, schema, "(root)", 0);
    return v.errors;
  }

  private static final List<String> TYPES =
      List.of("array", "boolean", "integer", "number", "null", "object", "string");

  /**
   * Checks what gojsonschema checks when it loads a schema: known primitive type names.
   *
   * @throws IllegalArgumentException with gojsonschema's message
   */
  public static void checkSchema(Value schema, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("schema nested too deeply");
    }
    if (schema instanceof ObjectValue o) {
      Value type = o.get("type");
      if (type != null) {
        List<Value> names = type instanceof StringValue ? List.of(type) : items(type);
        for (Value n : names) {
          if (!(n instanceof StringValue ns) || !TYPES.contains(ns.value())) {
            String given = n instanceof StringValue ns2 ? ns2.value() : ValueJson.write(n);
            throw new IllegalArgumentException(
                "has a primitive type that is NOT VALID -- given: /"
                    + given
                    + "/ Expected valid values are:[array boolean integer number null object string]");
          }
        }
      }
      for (Value v : o.entries().values()) {
        checkSchema(v, depth + 1);
      }
    } else if (schema instanceof ArrayValue a) {
      for (Value v : a.items()) {
        checkSchema(v, depth + 1);
      }
    }
  }

  private static String typeOf(Value v) {
    return switch (v) {
      case NullValue n -> "null";
      case BooleanValue b -> "boolean";
      case NumberValue n -> n.isInteger() ? "integer" : "number";
      case StringValue s -> "string";
      case ArrayValue a -> "array";
      case SetValue s -> "array";
      case ObjectValue o -> "object";
    };
  }

  private static String child(String field, String key) {
    return field.equals("(root)") ? key : field + "." + key;
  }

  private void error(String field, String type, String desc) {
    errors.add(new Error(field, type, desc));
  }

  private static List<Value> items(Value v) {
    return v instanceof ArrayValue a ? a.items() : v instanceof SetValue s ? s.sorted() : List.of();
  }

  private static String num(Value v) {
    return v.toString();
  }

  private Value resolve(String ref) {
    if (!ref.startsWith("#")) {
      throw new IllegalArgumentException("unsupported $ref: " + ref);
    }
    Value cur = root;
    String pointer = ref.substring(1);
    if (pointer.isEmpty()) {
      return cur;
    }
    for (String part : pointer.substring(1).split("/", -1)) {
      String key = part.replace("~1", "/").replace("~0", "~");
      if (cur instanceof ObjectValue o && o.get(key) != null) {
        cur = o.get(key);
      } else if (cur instanceof ArrayValue a
          && key.chars().allMatch(Character::isDigit)
          && !key.isEmpty()
          && Integer.parseInt(key) < a.size()) {
        cur = a.get(Integer.parseInt(key));
      } else {
        throw new IllegalArgumentException("unresolvable $ref: " + ref);
      }
    }
    return cur;
  }

  private boolean matches(Value doc, Value schema, int depth) {
    JsonSchema sub = new JsonSchema(root);
    sub.budget = budget;
    sub.check(doc, schema, "(root)", depth);
    budget = sub.budget;
    return sub.errors.isEmpty();
  }

  private void check(Value doc, Value schema, String field, int depth) {
    if (depth > MAX_DEPTH || --budget < 0) {
      throw new IllegalArgumentException("schema validation too deep or too large");
    }
    if (schema instanceof BooleanValue b) {
      if (!b.value()) {
        error(field, "false", "False always fails validation");
      }
      return;
    }
    if (!(schema instanceof ObjectValue s)) {
      return;
    }
    if (s.get("$ref") instanceof StringValue ref) {
      check(doc, resolve(ref.value()), field, depth + 1);
      return;
    }
    String actual = typeOf(doc);
    Value type = s.get("type");
    if (type != null) {
      List<String> allowed = new ArrayList<>();
      if (type instanceof StringValue t) {
        allowed.add(t.value());
      } else {
        for (Value t : items(type)) {
          if (t instanceof StringValue ts) {
            allowed.add(ts.value());
          }
        }
      }
      boolean ok =
          allowed.contains(actual) || (actual.equals("integer") && allowed.contains("number"));
      if (!ok) {
        error(
            field,
            "invalid_type",
            "Invalid type. Expected: " + String.join(", ", allowed) + ", given: " + actual);
        return;
      }
    }
    if (s.get("enum") != null) {
      List<Value> options = items(s.get("enum"));
      if (!options.contains(doc)) {
        List<String> shown = new ArrayList<>();
        for (Value o : options) {
          shown.add(ValueJson.write(o));
        }
        error(field, "enum", field + " must be one of the following: " + String.join(", ", shown));
      }
    }
    if (s.get("const") != null && !s.get("const").equals(doc)) {
      error(field, "const", field + " does not match: " + ValueJson.write(s.get("const")));
    }
    switch (doc) {
      case ObjectValue o -> checkObject(o, s, field, depth);
      case ArrayValue a -> checkArray(a.items(), s, field, depth);
      case SetValue set -> checkArray(set.sorted(), s, field, depth);
      case StringValue str -> checkString(str.value(), s, field);
      case NumberValue n -> checkNumber(n.bigDecimal(), s, field);
      default -> {}
    }
    for (Value sub : items(s.get("allOf") == null ? ArrayValue.EMPTY : s.get("allOf"))) {
      if (!matches(doc, sub, depth + 1)) {
        error(field, "number_all_of", "Must validate all the schemas (allOf)");
        break;
      }
    }
    if (s.get("anyOf") != null) {
      boolean any = false;
      for (Value sub : items(s.get("anyOf"))) {
        if (matches(doc, sub, depth + 1)) {
          any = true;
          break;
        }
      }
      if (!any) {
        error(field, "number_any_of", "Must validate at least one schema (anyOf)");
      }
    }
    if (s.get("oneOf") != null) {
      int count = 0;
      for (Value sub : items(s.get("oneOf"))) {
        if (matches(doc, sub, depth + 1)) {
          count++;
        }
      }
      if (count != 1) {
        error(field, "number_one_of", "Must validate one and only one schema (oneOf)");
      }
    }
    if (s.get("not") != null && matches(doc, s.get("not"), depth + 1)) {
      error(field, "number_not", "Must not validate the schema (not)");
    }
  }

  private void checkObject(ObjectValue o, ObjectValue s, String field, int depth) {
    for (Value r : items(s.get("required") == null ? ArrayValue.EMPTY : s.get("required"))) {
      if (o.get(r) == null && r instanceof StringValue rs) {
        error(field, "required", rs.value() + " is required");
      }
    }
    ObjectValue props = s.get("properties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
    ObjectValue patterns =
        s.get("patternProperties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
    Value additional = s.get("additionalProperties");
    if (s.get("minProperties") instanceof NumberValue min
        && BigDecimal.valueOf(o.size()).compareTo(min.bigDecimal()) < 0) {
      error(field, "array_min_properties", "Must have at least " + num(min) + " properties");
    }
    if (s.get("maxProperties") instanceof NumberValue max
        && BigDecimal.valueOf(o.size()).compareTo(max.bigDecimal()) > 0) {
      error(field, "array_max_properties", "Must have at most " + num(max) + " properties");
    }
    for (Value k : o.sortedKeys()) {
      String key = k instanceof StringValue ks ? ks.value() : ValueJson.write(k);
      Value v = o.get(k);
      boolean covered = false;
      Value ps = props.get(key);
      if (ps != null) {
        covered = true;
        check(v, ps, child(field, key), depth + 1);
      }
      for (Map.Entry<Value, Value> e : patterns.entries().entrySet()) {
        if (e.getKey() instanceof StringValue pat) {
          Pattern p = GoRegex.compile(pat.value());
          if (p.matcher(key).find()) {
            covered = true;
            check(v, e.getValue(), child(field, key), depth + 1);
          }
        }
      }
      if (!covered && additional != null) {
        if (additional instanceof BooleanValue b && !b.value()) {
          error(
              field,
              "additional_property_not_allowed",
              "Additional property " + key + " is not allowed");
        } else if (additional instanceof ObjectValue) {
          check(v, additional, child(field, key), depth + 1);
        }
      }
    }
  }

  private void checkArray(List<Value> a, ObjectValue s, String field, int depth) {
    if (s.get("minItems") instanceof NumberValue min
        && BigDecimal.valueOf(a.size()).compareTo(min.bigDecimal()) < 0) {
      error(field, "array_min_items", "Array must have at least " + num(min) + " items");
    }
    if (s.get("maxItems") instanceof NumberValue max
        && BigDecimal.valueOf(a.size()).compareTo(max.bigDecimal()) > 0) {
      error(field, "array_max_items", "Array must have at most " + num(max) + " items");
    }
    if (s.get("uniqueItems") instanceof BooleanValue u && u.value()) {
      outer:
      for (int i = 0; i < a.size(); i++) {
        for (int j = i + 1; j < a.size(); j++) {
          if (a.get(i).equals(a.get(j))) {
            error(field, "unique", "array items[" + i + "," + j + "] must be unique");
            break outer;
          }
        }
      }
    }
    Value items = s.get("items");
    if (items instanceof ObjectValue || items instanceof BooleanValue) {
      for (int i = 0; i < a.size(); i++) {
        check(a.get(i), items, child(field, String.valueOf(i)), depth + 1);
      }
    } else if (items instanceof ArrayValue tuple) {
      for (int i = 0; i < a.size() && i < tuple.size(); i++) {
        check(a.get(i), tuple.get(i), child(field, String.valueOf(i)), depth + 1);
      }
    }
  }

  private void checkString(String str, ObjectValue s, String field) {
    int len = str.codePointCount(0, str.length());
    if (s.get("minLength") instanceof NumberValue min
        && BigDecimal.valueOf(len).compareTo(min.bigDecimal()) < 0) {
      error(field, "string_gte", "String length must be greater than or equal to " + num(min));
    }
    if (s.get("maxLength") instanceof NumberValue max
        && BigDecimal.valueOf(len).compareTo(max.bigDecimal()) > 0) {
      error(field, "string_lte", "String length must be less than or equal to " + num(max));
    }
    if (s.get("pattern") instanceof StringValue pat
        && !GoRegex.compile(pat.value()).matcher(str).find()) {
      error(field, "pattern", "Does not match pattern '" + pat.value() + "'");
    }
  }

  private void checkNumber(BigDecimal n, ObjectValue s, String field) {
    Value min = s.get("minimum");
    Value max = s.get("maximum");
    Value exMin = s.get("exclusiveMinimum");
    Value exMax = s.get("exclusiveMaximum");
    if (min instanceof NumberValue m) {
      boolean exclusive = exMin instanceof BooleanValue b && b.value();
      int c = n.compareTo(m.bigDecimal());
      if (exclusive ? c <= 0 : c < 0) {
        error(
            field,
            exclusive ? "number_gt" : "number_gte",
            "Must be greater than " + (exclusive ? "" : "or equal to ") + num(m));
      }
    }
    if (exMin instanceof NumberValue m && n.compareTo(m.bigDecimal()) <= 0) {
      error(field, "number_gt", "Must be greater than " + num(m));
    }
    if (max instanceof NumberValue m) {
      boolean exclusive = exMax instanceof BooleanValue b && b.value();
      int c = n.compareTo(m.bigDecimal());
      if (exclusive ? c >= 0 : c > 0) {
        error(
            field,
            exclusive ? "number_lt" : "number_lte",
            "Must be less than " + (exclusive ? "" : "or equal to ") + num(m));
      }
    }
    if (exMax instanceof NumberValue m && n.compareTo(m.bigDecimal()) >= 0) {
      error(field, "number_lt", "Must be less than " + num(m));
    }
    if (s.get("multipleOf") instanceof NumberValue m
        && m.bigDecimal().signum() > 0
        && n.remainder(m.bigDecimal()).signum() != 0) {
      error(field, "multiple_of", "Must be a multiple of " + num(m));
    }
  }
}
