package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Directive;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Field;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.FragmentSpread;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.InlineFragment;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.OperationDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Position;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.QueryDocument;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Selection;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.Value;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.VariableDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Kind;
import dev.modelgate.rego.builtins.graphql.GraphQlLexer.Token;
import java.util.ArrayList;
import java.util.List;

/** Parses an executable document (operations and fragments), as graphql.parse_query. */
final class GraphQlQueryParser extends GraphQlParser {

  private GraphQlQueryParser(String source) throws GraphQlException {
    super(source);
  }

  static QueryDocument parse(String source) throws GraphQlException {
    return new GraphQlQueryParser(source).document();
  }

  private QueryDocument document() throws GraphQlException {
    List<OperationDefinition> operations = new ArrayList<>();
    List<FragmentDefinition> fragments = new ArrayList<>();
    while (!peekIs(Kind.EOF)) {
      Token t = peek();
      if (t.kind() == Kind.BRACE_L) {
        operations.add(operation());
      } else if (t.kind() == Kind.NAME) {
        switch (t.value()) {
          case "query", "mutation", "subscription" -> operations.add(operation());
          case "fragment" -> fragments.add(fragment());
          default -> throw unexpected(t);
        }
      } else {
        throw unexpected(t);
      }
    }
    return new QueryDocument(List.copyOf(operations), List.copyOf(fragments), null);
  }

  private OperationDefinition operation() throws GraphQlException {
    Position pos = peek().pos();
    List<String> before = comment;
    if (peekIs(Kind.BRACE_L)) {
      return new OperationDefinition(
          "query", "", List.of(), List.of(), selectionSet(), pos, before);
    }
    String operation = operationType();
    String name = peekIs(Kind.NAME) ? next().value() : "";
    List<VariableDefinition> vars = variableDefinitions();
    List<Directive> directives = directives(false);
    return new OperationDefinition(operation, name, vars, directives, selectionSet(), pos, before);
  }

  private List<VariableDefinition> variableDefinitions() throws GraphQlException {
    return parenthesized(
        () -> {
          Position pos = peek().pos();
          List<String> before = comment;
          String variable = variable();
          expect(Kind.COLON);
          Type type = typeReference();
          Value defaultValue = defaultValue();
          return new VariableDefinition(
              variable, type, defaultValue, directives(false), false, pos, before);
        });
  }

  /** A selection set that must be there: {@code { selection+ }}. */
  private List<Selection> selectionSet() throws GraphQlException {
    Token t = peek();
    if (t.kind() != Kind.BRACE_L) {
      throw at(t, "Expected " + Kind.BRACE_L.text + ", found " + t.kind().text);
    }
    List<Selection> selections = new ArrayList<>();
    enter();
    some(Kind.BRACE_L, Kind.BRACE_R, () -> selections.add(selection()));
    leave();
    return List.copyOf(selections);
  }

  private Selection selection() throws GraphQlException {
    if (peekIs(Kind.SPREAD)) {
      return fragmentSelection();
    }
    Position pos = peek().pos();
    List<String> before = comment;
    String alias = name();
    String name = skip(Kind.COLON) ? name() : alias;
    var args = arguments(false);
    var directives = directives(false);
    List<Selection> selections = peekIs(Kind.BRACE_L) ? selectionSet() : List.of();
    return new Field(alias, name, args, directives, selections, pos, before);
  }

  private Selection fragmentSelection() throws GraphQlException {
    peek();
    List<String> before = comment;
    expect(Kind.SPREAD);
    Token t = peek();
    if (t.kind() == Kind.NAME && !t.value().equals("on")) {
      Position pos = t.pos();
      String name = fragmentName();
      return new FragmentSpread(name, directives(false), pos, before);
    }
    Position pos = t.pos();
    String typeCondition = "";
    if (t.value().equals("on")) {
      next();
      typeCondition = name();
    }
    List<Directive> directives = directives(false);
    return new InlineFragment(typeCondition, directives, selectionSet(), pos, before);
  }

  private FragmentDefinition fragment() throws GraphQlException {
    Position pos = peek().pos();
    List<String> before = comment;
    expectKeyword("fragment");
    String name = fragmentName();
    List<VariableDefinition> vars = variableDefinitions();
    expectKeyword("on");
    String typeCondition = name();
    List<Directive> directives = directives(false);
    return new FragmentDefinition(
        name, vars, typeCondition, directives, selectionSet(), pos, before);
  }

  private String fragmentName() throws GraphQlException {
    if (peek().value().equals("on")) {
      throw unexpected(peek());
    }
    return name();
  }
}
