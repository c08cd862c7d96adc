package dev.modelgate.rego.builtins.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** graphql.schema_is_valid's parser and validator. */
class GraphQlSchemaTest {

  private static boolean valid(String sdl) {
    try {
      GraphQlSchemaBuilder.build(GraphQlSdlParser.parse(sdl));
      return true;
    } catch (GraphQlException e) {
      return false;
    }
  }

  @Test
  void acceptsDefinitionsExtensionsAndDirectives() {
    assertThat(
            valid(
                """
                "A query root"
                type Query { user(id: ID!, tags: [String!] = ["a"]): User @deprecated }
                type User implements Node { id: ID! }
                interface Node { id: ID! }
                enum Role { ADMIN, USER }
                union Result = | User
                input Filter { role: Role = ADMIN }
                directive @tag(name: String) repeatable on FIELD_DEFINITION | OBJECT
                extend type Query { users(filter: Filter): [User] }
                schema { query: Query }
                """))
        .isTrue();
  }

  @Test
  void rejectsSyntaxErrors() {
    assertThat(valid("type Hello {}")).isFalse();
    assertThat(valid("input Hello { world(foo: Int): String }")).isFalse();
    assertThat(valid("scalar A\nunion Hello = A || A")).isFalse();
    assertThat(valid("\"d\"\nextend type Hello { world: String }")).isFalse();
    assertThat(valid("extend type Hello")).isFalse();
    assertThat(valid("directive @foo on FIELD | NOWHERE")).isFalse();
    assertThat(valid("type Q { s: String")).isFalse();
  }

  @Test
  void rejectsReferencesToMissingOrWrongKindsOfTypes() {
    assertThat(valid("type Hello implements World { field: String }")).isFalse();
    assertThat(valid("schema { query: Query }")).isFalse();
    assertThat(valid("type P { x: Int }\ninput I { p: P }")).isFalse();
    assertThat(valid("input I { x: Int }\ntype P { i: I }")).isFalse();
    assertThat(valid("scalar Foo\nextend type Foo @deprecated")).isFalse();
    // gqlparser (so OPA) does not check enum values for duplicates.
    assertThat(valid("enum E { A A }")).isTrue();
    assertThat(valid("enum E { true }")).isFalse();
    assertThat(
            valid(
                "interface A { id: ID! }\ninterface B implements A { id: ID! }\n"
                    + "type C implements B { id: ID! }"))
        .isFalse();
  }

  @Test
  void boundsNestingAndSize() {
    String deep = "type Q { f: " + "[".repeat(100_000) + "Int" + "]".repeat(100_000) + " }";
    assertThat(valid(deep)).isFalse();
    assertThat(valid("scalar A\n" + "#".repeat(GraphQlParser.MAX_SOURCE_CHARS))).isFalse();
  }
}
