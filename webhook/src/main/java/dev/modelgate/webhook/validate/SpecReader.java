package dev.modelgate.webhook.validate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;

/**
 * Binds an admitted object's {@code spec} to its crds type. A wrong JSON type (a string where a
 * number belongs) becomes a message naming the field, never an exception.
 */
final class SpecReader {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SpecReader() {}

  /** The bound spec, or null with the problem added to {@code errors}. */
  static <T> T read(JsonNode object, Class<T> type, List<String> errors) {
    JsonNode spec = object.path("spec");
    if (!spec.isObject()) {
      errors.add("spec: is required");
      return null;
    }
    try {
      return MAPPER.treeToValue(spec, type);
    } catch (MismatchedInputException e) {
      StringBuilder path = new StringBuilder("spec");
      for (var ref : e.getPath()) {
        if (ref.getFieldName() != null) path.append('.').append(ref.getFieldName());
        else if (ref.getIndex() >= 0) path.append('[').append(ref.getIndex()).append(']');
      }
      if (e instanceof InvalidFormatException bad && bad.getTargetType() != null) {
        String value = String.valueOf(bad.getValue());
        if (value.length() > 40) value = value.substring(0, 40) + "...";
        errors.add(
            path + ": '" + value + "' is not a valid " + bad.getTargetType().getSimpleName());
      } else {
        errors.add(path + ": has the wrong type");
      }
      return null;
    } catch (Exception e) {
      errors.add("spec: cannot be read");
      return null;
    }
  }
}
