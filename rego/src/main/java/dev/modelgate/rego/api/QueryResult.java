package dev.modelgate.rego.api;

import dev.modelgate.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * One solution of a query: the value of each expression (in evaluation order) and the bindings of
 * the query's named variables (those not starting with {@code _}).
 */
public record QueryResult(List<Value> expressions, Map<String, Value> bindings) {}
