package dev.modelgate.rego.builtins.graphql;

import static dev.modelgate.rego.builtins.support.Call.call;
import static dev.modelgate.rego.builtins.support.Call.callValues;
import static dev.modelgate.rego.builtins.support.Call.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * graphql.is_valid and friends: gqlparser's query validation rules, and bounds on hostile input.
 */
class GraphQlValidationTest {
  private static final String SCHEMA =
      """
      type Query {
        user(id: ID!): User
        users(first: Int = 10, role: Role): [User!]!
        search(term: String!): [Result]
        node(id: ID!): Node
      }
      type Mutation { rename(id: ID!, name: String!): User }
      interface Node { id: ID! }
      type User implements Node {
        id: ID!
        name: String
        friends: [User]
        role: Role
        legacy: String @deprecated(reason: "use name")
      }
      type Group implements Node { id: ID!, title: String }
      union Result = User | Group
      enum Role { ADMIN, MEMBER }
      input Filter { role: Role!, nameLike: String }
      """;

  private static boolean valid(String query) throws Exception {
    Value v =
        callValues("graphql.is_valid", List.of(StringValue.of(query), StringValue.of(SCHEMA)));
    return ((BooleanValue) v).value();
  }

  @Test
  void acceptsWellFormedQueries() throws Exception {
    assertThat(valid("{ user(id: 1) { id name friends { name } } }")).isTrue();
    assertThat(valid("query Q($id: ID!) { user(id: $id) { ...U } } fragment U on User { id }"))
        .isTrue();
    assertThat(valid("{ search(term: \"x\") { ... on User { name } ... on Group { title } } }"))
        .isTrue();
    assertThat(valid("{ users(role: ADMIN) { id legacy } __typename }")).isTrue();
    assertThat(valid("mutation { rename(id: 1, name: \"n\") { id } }")).isTrue();
    assertThat(valid("query($r: Role = MEMBER) { users(role: $r) { id } }")).isTrue();
    assertThat(valid("{ node(id: 1) { id ... on User { name } } }")).isTrue();
    assertThat(valid("")).isTrue();
  }

  @Test
  void rejectsWhatGqlparserRejects() throws Exception {
    assertThat(valid("{ user(id: 1) { nope } }")).as("unknown field").isFalse();
    assertThat(valid("{ user { id } }")).as("missing required argument").isFalse();
    assertThat(valid("{ user(id: 1, extra: 2) { id } }")).as("unknown argument").isFalse();
    assertThat(valid("{ user(id: 1) }")).as("object without selection").isFalse();
    assertThat(valid("{ user(id: 1) { id { x } } }")).as("selection on a leaf").isFalse();
    assertThat(valid("query($v: Int) { user(id: 1) { id } }")).as("unused variable").isFalse();
    assertThat(valid("{ user(id: $v) { id } }")).as("undefined variable").isFalse();
    assertThat(valid("query($v: Int) { user(id: $v) { id } }")).as("variable position").isFalse();
    assertThat(valid("{ users(role: BOSS) { id } }")).as("unknown enum value").isFalse();
    assertThat(valid("{ users(first: \"ten\") { id } }")).as("string for Int").isFalse();
    assertThat(valid("{ users(first: 99999999999999999999) { id } }")).as("Int overflow").isFalse();
    assertThat(valid("{ user(id: 1) { ...Missing } }")).as("unknown fragment").isFalse();
    assertThat(valid("{ user(id: 1) { id } } fragment F on User { id }")).as("unused").isFalse();
    assertThat(
            valid(
                "{ user(id: 1) { ...A } } fragment A on User { ...B } fragment B on User { ...A }"))
        .as("fragment cycle")
        .isFalse();
    assertThat(valid("{ user(id: 1) { ... on Group { title } } }"))
        .as("impossible spread")
        .isFalse();
    assertThat(valid("{ user(id: 1) { ... on Nope { id } } }")).as("unknown type").isFalse();
    assertThat(valid("{ user(id: 1) { id id: name } }")).as("alias conflict").isFalse();
    assertThat(valid("{ a: user(id: 1) { id } a: user(id: 2) { id } }")).as("args").isFalse();
    assertThat(valid("{ user(id: 1) { id @skip } }")).as("directive arg").isFalse();
    assertThat(valid("{ user(id: 1) { id @nope } }")).as("unknown directive").isFalse();
    assertThat(valid("{ user(id: 1) { id @skip(if: true) @skip(if: true) } }")).isFalse();
    assertThat(valid("subscription { user(id: 1) { id } }")).as("no root").isFalse();
    assertThat(valid("{ user(id: 1) { id } } { user(id: 2) { id } }"))
        .as("two anonymous")
        .isFalse();
    assertThat(valid("query A { __typename } query A { __typename }")).as("same name").isFalse();
    assertThat(valid("{ user(id: 1, id: 2) { id } }")).as("repeated argument").isFalse();
    assertThat(valid("query($f: User) { __typename }")).as("non-input variable").isFalse();
    assertThat(valid("{ user(")).as("syntax").isFalse();
  }

  private static boolean valid(String query, String schema) throws Exception {
    Value v =
        callValues("graphql.is_valid", List.of(StringValue.of(query), StringValue.of(schema)));
    return ((BooleanValue) v).value();
  }

  private static boolean schemaValid(String schema) throws Exception {
    Value v = callValues("graphql.schema_is_valid", List.of(StringValue.of(schema)));
    return ((BooleanValue) v).value();
  }

  @Test
  void oneOfInputObjectsTakeExactlyOneNonNullField() throws Exception {
    String schema = "input O @oneOf { a: Int, b: String } type Query { f(o: O): Int }";
    assertThat(valid("{ f(o: {a: 1}) }", schema)).isTrue();
    assertThat(valid("{ f(o: {a: 1, b: \"x\"}) }", schema)).isFalse();
    assertThat(valid("{ f(o: {a: null}) }", schema)).isFalse();
    assertThat(valid("query($x: Int) { f(o: {a: $x}) }", schema)).isFalse();
    assertThat(valid("query($x: Int!) { f(o: {a: $x}) }", schema)).isTrue();
  }

  @Test
  void nullableVariablesMayFillNonNullArgumentsWithDefaults() throws Exception {
    String schema = "type Query { g(n: Int! = 3): Int, h(n: Int!): Int }";
    assertThat(valid("query($n: Int) { g(n: $n) }", schema)).isTrue();
    assertThat(valid("query($n: Int) { h(n: $n) }", schema)).isFalse();
    assertThat(valid("query($n: Int = 1) { h(n: $n) }", schema)).isTrue();
  }

  @Test
  void introspectionDepthIsLimited() throws Exception {
    assertThat(valid("{ __type(name: \"User\") { fields { name } } }")).isTrue();
    assertThat(
            valid(
                "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"))
        .isFalse();
  }

  @Test
  void schemaDirectivesMustBeKnownWithTheirRequiredArguments() throws Exception {
    String query = "type Query { a: Int }\n";
    assertThat(schemaValid(query + "directive @s on SCHEMA\nschema @s { query: Query }")).isTrue();
    assertThat(schemaValid(query + "schema @deprecated { query: Query }")).isFalse();
    assertThat(schemaValid("type Query { a: Int @deprecated(nope: 1) }")).isFalse();
    assertThat(schemaValid("directive @d(x: Int!) on FIELD_DEFINITION type Query { a: Int @d }"))
        .isFalse();
    assertThat(schemaValid("enum E { A @skip(if: true) } type Query { a: E }")).isFalse();
    assertThat(schemaValid("enum E { A @deprecated } type Query { a: E }")).isTrue();
    assertThat(schemaValid("# only a comment")).isTrue();
  }

  @Test
  void astObjectsValidateLikeTheirSource() throws Exception {
    String query = "query($r: Role) { users(role: $r) { id name } }";
    Value queryAst = callValues("graphql.parse_query", List.of(StringValue.of(query)));
    Value schemaAst = callValues("graphql.parse_schema", List.of(StringValue.of(SCHEMA)));
    assertThat(callValues("graphql.is_valid", List.of(queryAst, schemaAst)))
        .isEqualTo(BooleanValue.TRUE);
    Value badQuery =
        callValues("graphql.parse_query", List.of(StringValue.of("{ users { nope } }")));
    assertThat(callValues("graphql.is_valid", List.of(badQuery, schemaAst)))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(callValues("graphql.schema_is_valid", List.of(schemaAst)))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("graphql.is_valid", "{\"Operations\": 1}", "\"type Query { a: Int }\""))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("graphql.is_valid", "1", "\"type Query { a: Int }\""))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void selectionsFromObjectsDecodeAsGqlparserDecodesThem() throws Exception {
    // gqlparser decodes every selection object that fits a field as a field, so spreads and
    // inline fragments given as objects become fields without names (OPA answers false here).
    String schema = "type Query { a: Int }";
    Value spreadQuery =
        callValues(
            "graphql.parse_query",
            List.of(StringValue.of("# c\n{ ...F } fragment F on Query { a # d\n }")));
    assertThat(valid("# c\n{ ...F } fragment F on Query { a # d\n }", schema)).isTrue();
    assertThat(callValues("graphql.is_valid", List.of(spreadQuery, StringValue.of(schema))))
        .isEqualTo(BooleanValue.FALSE);
    Value commented =
        callValues(
            "graphql.parse_schema",
            List.of(StringValue.of("# a\n\"d\" type Query { a: Int # b\n}")));
    assertThat(callValues("graphql.schema_is_valid", List.of(commented)))
        .isEqualTo(BooleanValue.TRUE);
  }

  @Test
  void parseAndVerifyAnswersFalseWithEmptyObjects() throws Exception {
    assertThat(call("graphql.parse_and_verify", "\"{ b }\"", "\"type Query { a: Int }\"").toJson())
        .isEqualTo("[false,{},{}]");
    assertThat(call("graphql.parse_and_verify", "\"{ a }\"", "\"type Query { a: Int }\"").toJson())
        .startsWith("[true,{\"Operations\":");
  }

  @Test
  void parseReportsErrorsWithLocations() {
    assertThat(error("graphql.parse_query", "\"{\""))
        .hasMessage("Expected Name, found <EOF> in GraphQL string at location 1:2");
    assertThat(error("graphql.parse_schema", "\"type Hello {}\""))
        .hasMessage("expected at least one definition, found } in GraphQL string at location 1:13");
    assertThat(error("graphql.parse", "\"{ zzz }\"", "\"type Query { a: Int }\""))
        .hasMessage(
            "Cannot query field \"zzz\" on type \"Query\" in GraphQL query string at location 1:3");
    // A message ending in a hint keeps gqlparser's line break (OPA trims only a final ".\n").
    assertThat(error("graphql.parse", "\"{ b }\"", "\"type Query { a: Int, ab: Int }\""))
        .hasMessage(
            "Cannot query field \"b\" on type \"Query\". Did you mean \"a\" or \"ab\"?\n"
                + " in GraphQL query string at location 1:3");
    assertThat(
            error(
                "graphql.parse",
                "\"{ f(x: Rde) }\"",
                "\"enum C { RED, GREEN } type Query { f(x: C, y: Int): Int }\""))
        .hasMessage(
            "Value \"Rde\" does not exist in \"C\" enum. Did you mean the enum value \"RED\"?\n"
                + " in GraphQL query string at location 1:8");
    // Every error is reported, as gqlparser lists them; OPA keeps the first one's location.
    assertThat(error("graphql.parse", "\"{ zzz yyy }\"", "\"type Query { a: Int }\""))
        .hasMessage(
            "Cannot query field \"zzz\" on type \"Query\".\ninput:1:7: Cannot query field \"yyy\""
                + " on type \"Query\" in GraphQL query string at location 1:3");
    assertThat(
            error("graphql.parse", "\"{ a }\"", "\"type Query { a: Int } type Query { b: Int }\""))
        .hasMessage(
            "Error in gqlparser SchemaDocument to Schema conversion: input:1:28: Cannot redeclare"
                + " type Query.");
    assertThat(error("graphql.parse", "1", "\"type Query { a: Int }\""))
        .hasMessage("operand 0 must be one of {string, object} but got number");
    assertThat(error("graphql.parse", "{\"Operations\": \"x\"}", "\"type Query { a: Int }\""))
        .hasMessage("invalid GraphQL AST object: expected an array, got string");
    String twoQueries =
        "{\"Definitions\": [{\"Kind\": \"OBJECT\", \"Name\": \"Query\", \"Fields\": [{\"Name\": \"a\","
            + " \"Type\": {\"NamedType\": \"Int\"}}]}, {\"Kind\": \"OBJECT\", \"Name\": \"Query\"}]}";
    assertThat(error("graphql.parse", "\"{ a }\"", twoQueries))
        .hasMessage(
            "Error in gqlparser SchemaDocument to Schema conversion: input:-1:-1: Cannot redeclare"
                + " type Query.");
  }

  /** Runs a hostile case under a generous bound, so a regression fails instead of hanging CI. */
  private static void bounded(org.junit.jupiter.api.function.Executable check) {
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), check);
  }

  @Test
  void wideDocumentsValidateInLinearTime() {
    int n = 15_000;
    StringBuilder schema = new StringBuilder("type Query {");
    StringBuilder query = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      schema.append(" f").append(i).append(": Int");
      query.append(" f").append(i);
    }
    String s = schema.append(" }").toString();
    String q = query.append(" }").toString();
    bounded(() -> assertThat(valid(q, s)).isTrue());
    // The same interface listed many times, and unions repeating a member.
    String repeated =
        "interface I { a: Int } type T implements I"
            + " & I".repeat(20_000)
            + " { a: Int } union U = T"
            + " | T".repeat(20_000)
            + " type Query { u: U, t: T }";
    bounded(
        () ->
            assertThat(valid("{ u { ... on T { a } } t { ... on I { a } } }", repeated)).isTrue());
  }

  @Test
  void deepFragmentChainsAndFanOutAreBounded() {
    StringBuilder chain = new StringBuilder("{ ...F0 }");
    for (int i = 0; i < 5_000; i++) {
      chain.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" }");
    }
    chain.append(" fragment F5000 on Query { __typename }");
    bounded(() -> assertThat(valid(chain.toString(), "type Query { a: Int }")).isFalse());
    // Many operations spreading one big fragment: each walks it, so the work budget ends it.
    String big = "fragment B on Query { " + "a ".repeat(20_000) + "}";
    StringBuilder ops = new StringBuilder(big);
    for (int i = 0; i < 5_000; i++) {
      ops.append(" query Q").append(i).append(" { ...B }");
    }
    bounded(() -> assertThat(valid(ops.toString(), "type Query { a: Int }")).isFalse());
  }

  @Test
  void hostileInputFailsFastWithClearErrors() {
    String deep = "{ a ".repeat(20_000) + "}".repeat(20_000);
    assertThat(error("graphql.parse_query", StringValue.of(deep).toJson()).getMessage())
        .contains("nested deeper than");
    String deepValue = "{ a(x: " + "[".repeat(50_000) + "]".repeat(50_000) + ") }";
    assertThat(error("graphql.parse_query", StringValue.of(deepValue).toJson()).getMessage())
        .contains("nested deeper than");
    String many = "{ " + "a ".repeat(GraphQlLexer.MAX_TOKENS + 1) + "}";
    assertThat(error("graphql.parse_query", StringValue.of(many).toJson()).getMessage())
        .contains("tokens");
    assertThat(
            error(
                    "graphql.parse_query",
                    StringValue.of("#".repeat(GraphQlParser.MAX_SOURCE_CHARS + 1)).toJson())
                .getMessage())
        .contains("larger than");
    // Overlapping-field checks are quadratic in same-named fields: the work budget stops them.
    String sameNames = "{ " + "user(id: 1) { id } ".repeat(4_000) + "}";
    assertThatCode(
            () ->
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> assertThat(valid(sameNames)).isFalse()))
        .doesNotThrowAnyException();
  }
}
