package dev.modelgate.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Validates one kind of ModelGate resource on create/update; returns problems, empty if valid. */
@FunctionalInterface
public interface ResourceValidator {

  List<String> validate(JsonNode object);
}
