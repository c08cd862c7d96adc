package dev.modelgate.rego.builtins.graphql;

import static dev.modelgate.rego.builtins.support.Call.callValues;
import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Rego objects graphql.parse_query and graphql.parse_schema return: gqlparser's structs as
 * JSON, positions and empty parts pruned, comments kept as comment groups.
 */
class GraphQlAstShapeTest {

  private static Value parseQuery(String source) throws Exception {
    return callValues("graphql.parse_query", List.of(StringValue.of(source)));
  }

  private static Value parseSchema(String source) throws Exception {
    return callValues("graphql.parse_schema", List.of(StringValue.of(source)));
  }

  @Test
  void queryTreeHasGqlparsersFieldsAndComments() throws Exception {
    Value ast =
        parseQuery(
            """
            # op comment
            query Q($v: Int = 1) {
              # field comment
              a: f(x: [1, "s"], o: {k: $v}) @skip(if: false) { ... on T { id } ...F }
            }
            """);
    String lit = "\"ExpectedTypeHasDefault\": false";
    assertThat(ast)
        .isEqualTo(
            value(
                """
                {"Operations": [{
                  "Operation": "query", "Name": "Q",
                  "Comment": {"List": [{"Value": "# op comment"}]},
                  "VariableDefinitions": [{
                    "Variable": "v", "Type": {"NamedType": "Int", "NonNull": false},
                    "DefaultValue": {"Raw": "1", "Kind": 1, %1$s}, "Used": false}],
                  "SelectionSet": [{
                    "Alias": "a", "Name": "f",
                    "Comment": {"List": [{"Value": "# field comment"}]},
                    "Arguments": [
                      {"Name": "x", "Value": {"Raw": "", "Kind": 8, %1$s, "Children": [
                        {"Name": "", "Value": {"Raw": "1", "Kind": 1, %1$s}},
                        {"Name": "", "Value": {"Raw": "s", "Kind": 3, %1$s}}]}},
                      {"Name": "o", "Value": {"Raw": "", "Kind": 9, %1$s, "Children": [
                        {"Name": "k", "Value": {"Raw": "v", "Kind": 0, %1$s}}]}}],
                    "Directives": [{"Name": "skip", "Location": "", "Arguments": [
                      {"Name": "if", "Value": {"Raw": "false", "Kind": 5, %1$s}}]}],
                    "SelectionSet": [
                      {"TypeCondition": "T", "SelectionSet": [{"Alias": "id", "Name": "id"}]},
                      {"Name": "F"}]}]}]}
                """
                    .formatted(lit)));
    assertThat(parseQuery("")).isEqualTo(value("{}"));
  }

  @Test
  void schemaTreeHasDescriptionsAndTheirComments() throws Exception {
    Value ast =
        parseSchema(
            """
            # lead
            "desc"
            # after desc
            type T implements I @deprecated {
              "fd" f(a: Int = 2): String
              # end
            }
            extend schema @s
            # trailing
            """);
    assertThat(ast)
        .isEqualTo(
            value(
                """
                {"Definitions": [{
                  "Kind": "OBJECT", "Description": "desc", "Name": "T", "BuiltIn": false,
                  "Interfaces": ["I"], "Directives": [{"Name": "deprecated", "Location": ""}],
                  "BeforeDescriptionComment": {"List": [{"Value": "# lead"}]},
                  "AfterDescriptionComment": {"List": [{"Value": "# after desc"}]},
                  "EndOfDefinitionComment": {"List": [{"Value": "# end"}]},
                  "Fields": [{
                    "Description": "fd", "Name": "f",
                    "Type": {"NamedType": "String", "NonNull": false},
                    "Arguments": [{
                      "Description": "", "Name": "a",
                      "Type": {"NamedType": "Int", "NonNull": false},
                      "DefaultValue": {"Raw": "2", "Kind": 1, "ExpectedTypeHasDefault": false}}]}]}],
                 "SchemaExtension": [{"Description": "",
                   "Directives": [{"Name": "s", "Location": ""}]}],
                 "Comment": {"List": [{"Value": "# trailing"}]}}
                """));
  }

  @Test
  void lexerFollowsGqlparser() throws Exception {
    Value ast = parseSchema("\"\"\"  a\n    b\"\"\"\" scalar S");
    assertThat(ast.toJson()).contains("\"Description\":\"  a\\n  b\\\"\"");
    assertThat(error("graphql.parse_query", "\"{ a ' }\""))
        .hasMessage("Expected Name, found <Invalid> in GraphQL string at location 1:5");
    assertThat(error("graphql.parse_query", "\"{ f() }\""))
        .hasMessage("expected at least one definition, found ) in GraphQL string at location 1:5");
    assertThat(error("graphql.parse_query", "\"query Q() { a }\"").getMessage())
        .startsWith("expected at least one definition");
    assertThat(error("graphql.parse_query", "\"query Q { a(x: 00) }\"").getMessage())
        .startsWith("Unexpected <Invalid>");
  }
}
