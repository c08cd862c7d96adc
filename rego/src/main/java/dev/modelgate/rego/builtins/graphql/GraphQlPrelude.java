package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.SchemaDocument;

/**
 * The types and directives every GraphQL schema has without declaring them (the spec's built-in
 * scalars, directives and introspection types). gqlparser merges these in front of the user's
 * schema before validating it, so user schemas may use them and must not redeclare them.
 */
final class GraphQlPrelude {
  private GraphQlPrelude() {}

  private static final String SDL =
      """
      scalar Int
      scalar Float
      scalar String
      scalar Boolean
      scalar ID

      directive @defer(if: Boolean = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT
      directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
      directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
      directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION \
      | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
      directive @specifiedBy(url: String!) on SCALAR
      directive @oneOf on INPUT_OBJECT

      type __Schema {
        description: String
        types: [__Type!]!
        queryType: __Type!
        mutationType: __Type
        subscriptionType: __Type
        directives: [__Directive!]!
      }

      type __Type {
        kind: __TypeKind!
        name: String
        description: String
        specifiedByURL: String
        fields(includeDeprecated: Boolean = false): [__Field!]
        interfaces: [__Type!]
        possibleTypes: [__Type!]
        enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
        inputFields(includeDeprecated: Boolean = false): [__InputValue!]
        ofType: __Type
        isOneOf: Boolean
      }

      type __Field {
        name: String!
        description: String
        args(includeDeprecated: Boolean = false): [__InputValue!]!
        type: __Type!
        isDeprecated: Boolean!
        deprecationReason: String
      }

      type __InputValue {
        name: String!
        description: String
        type: __Type!
        defaultValue: String
        isDeprecated: Boolean!
        deprecationReason: String
      }

      type __EnumValue {
        name: String!
        description: String
        isDeprecated: Boolean!
        deprecationReason: String
      }

      enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }

      type __Directive {
        name: String!
        description: String
        isRepeatable: Boolean!
        locations: [__DirectiveLocation!]!
        args(includeDeprecated: Boolean = false): [__InputValue!]!
      }

      enum __DirectiveLocation {
        QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT
        VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE
        UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION
      }
      """;

  private static final class Holder {
    static final SchemaDocument DOCUMENT = parse();

    private static SchemaDocument parse() {
      try {
        return GraphQlSdlParser.parse(SDL, true);
      } catch (GraphQlException e) {
        throw new IllegalStateException("GraphQL prelude does not parse: " + e.getMessage(), e);
      }
    }
  }

  /** The prelude, parsed once. Its nodes are immutable, so every schema may share them. */
  static SchemaDocument document() {
    return Holder.DOCUMENT;
  }
}
