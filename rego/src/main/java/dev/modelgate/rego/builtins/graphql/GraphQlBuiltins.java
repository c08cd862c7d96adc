package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.QueryDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDocument;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.List;

/**
 * OPA's graphql.* builtins. Queries and schemas come as GraphQL source strings or as the AST
 * objects graphql.parse_query / graphql.parse_schema return. graphql.parse, parse_query and
 * parse_schema report problems as errors; is_valid, schema_is_valid and parse_and_verify answer
 * false instead.
 */
public final class GraphQlBuiltins {
  private GraphQlBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function(
        "graphql.parse_query", 1, (c, a) -> GraphQlAstEncoder.query(parseQuery(string(a.get(0)))));
    r.function(
        "graphql.parse_schema",
        1,
        (c, a) -> GraphQlAstEncoder.schema(parseSchema(string(a.get(0)))));
    r.function("graphql.parse", 2, (c, a) -> parse(a.get(0), a.get(1)));
    r.function("graphql.parse_and_verify", 2, (c, a) -> parseAndVerify(a.get(0), a.get(1)));
    r.function(
        "graphql.is_valid",
        2,
        (c, a) -> {
          try {
            QueryDocument query = queryOrNull(a.get(0));
            SchemaDocument schema = schemaOrNull(a.get(1));
            if (query == null || schema == null) {
              return BooleanValue.FALSE;
            }
            return BooleanValue.of(
                GraphQlQueryValidator.validate(GraphQlSchemaBuilder.build(schema), query)
                    .isEmpty());
          } catch (GraphQlException e) {
            return BooleanValue.FALSE;
          }
        });
    r.function(
        "graphql.schema_is_valid",
        1,
        (c, a) -> {
          try {
            SchemaDocument schema = schemaOrNull(a.get(0));
            if (schema == null) {
              return BooleanValue.FALSE;
            }
            GraphQlSchemaBuilder.build(schema);
            return BooleanValue.TRUE;
          } catch (GraphQlException e) {
            return BooleanValue.FALSE;
          }
        });
  }

  private static String string(Value v) throws BuiltinException {
    if (!(v instanceof StringValue s)) {
      throw BuiltinException.operand(1, "string", v);
    }
    return s.value();
  }

  private static QueryDocument parseQuery(String source) throws BuiltinException {
    try {
      return GraphQlQueryParser.parse(source);
    } catch (GraphQlException e) {
      throw BuiltinException.error(e.describe("string"));
    }
  }

  private static SchemaDocument parseSchema(String source) throws BuiltinException {
    try {
      return GraphQlSdlParser.parse(source);
    } catch (GraphQlException e) {
      throw BuiltinException.error(e.describe("string"));
    }
  }

  /** A query from a string or an AST object; null for any other type. */
  private static QueryDocument queryOrNull(Value v) throws GraphQlException {
    return switch (v) {
      case StringValue s -> GraphQlQueryParser.parse(s.value());
      case ObjectValue o -> GraphQlAstDecoder.query(o);
      default -> null;
    };
  }

  /** A schema from a string or an AST object; null for any other type. */
  private static SchemaDocument schemaOrNull(Value v) throws GraphQlException {
    return switch (v) {
      case StringValue s -> GraphQlSdlParser.parse(s.value());
      case ObjectValue o -> GraphQlAstDecoder.schema(o);
      default -> null;
    };
  }

  /** graphql.parse: both ASTs once the query validates against the schema; errors otherwise. */
  private static Value parse(Value queryArg, Value schemaArg) throws BuiltinException {
    QueryDocument query;
    SchemaDocument schemaDoc;
    try {
      query = queryOrNull(queryArg);
    } catch (GraphQlException e) {
      throw BuiltinException.error(inputError(queryArg, e));
    }
    if (query == null) {
      // OPA numbers these operands from 0 here.
      throw BuiltinException.typeError(
          "operand 0 must be one of {string, object} but got " + queryArg.typeName());
    }
    try {
      schemaDoc = schemaOrNull(schemaArg);
    } catch (GraphQlException e) {
      throw BuiltinException.error(inputError(schemaArg, e));
    }
    if (schemaDoc == null) {
      throw BuiltinException.typeError(
          "operand 1 must be one of {string, object} but got " + schemaArg.typeName());
    }
    GraphQlSchema schema;
    try {
      schema = GraphQlSchemaBuilder.build(schemaDoc);
    } catch (GraphQlException e) {
      throw BuiltinException.error(
          "Error in gqlparser SchemaDocument to Schema conversion: " + goError(e));
    }
    List<GraphQlException> errors;
    try {
      errors = GraphQlQueryValidator.validate(schema, query);
    } catch (GraphQlException tooCostly) {
      throw BuiltinException.error(tooCostly.getMessage()); // our bound, not a gqlparser error
    }
    if (!errors.isEmpty()) {
      throw BuiltinException.error(validationMessage(errors));
    }
    return ArrayValue.of(GraphQlAstEncoder.query(query), GraphQlAstEncoder.schema(schemaDoc));
  }

  /** A source that does not parse gets a location; an AST object that does not decode does not. */
  private static String inputError(Value input, GraphQlException e) {
    return input instanceof StringValue ? e.describe("string") : e.getMessage();
  }

  /** gqlparser's text for one error: {@code input:<line>:<column>: <message>}. */
  private static String goError(GraphQlException e) {
    return "input:" + e.location() + ": " + e.getMessage();
  }

  /**
   * OPA's message for failed validation: gqlparser lists every error as {@code
   * input:<line>:<column>: <message>} lines; OPA keeps everything after the first location, drops a
   * final ".\n" and appends the first location.
   */
  private static String validationMessage(List<GraphQlException> errors) {
    GraphQlException first = errors.get(0);
    StringBuilder b = new StringBuilder(first.getMessage()).append('\n');
    for (GraphQlException e : errors.subList(1, errors.size())) {
      b.append(goError(e)).append('\n');
    }
    String message = b.toString();
    if (message.endsWith(".\n")) {
      message = message.substring(0, message.length() - 2);
    }
    return new GraphQlException(message, first.line(), first.column()).describe("query string");
  }

  /** graphql.parse_and_verify: [true, query AST, schema AST], or [false, {}, {}]. */
  private static Value parseAndVerify(Value queryArg, Value schemaArg) {
    try {
      QueryDocument query = queryOrNull(queryArg);
      SchemaDocument schema = schemaOrNull(schemaArg);
      if (query != null && schema != null) {
        if (!GraphQlQueryValidator.validate(GraphQlSchemaBuilder.build(schema), query).isEmpty()) {
          return ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
        }
        return ArrayValue.of(
            BooleanValue.TRUE, GraphQlAstEncoder.query(query), GraphQlAstEncoder.schema(schema));
      }
    } catch (GraphQlException e) {
      // fall through: unverified
    }
    return ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
  }
}
