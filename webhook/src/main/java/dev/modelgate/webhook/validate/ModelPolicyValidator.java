package dev.modelgate.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.policies.epm.ModelPolicyCompiler;
import dev.modelgate.policies.epm.PolicyCompilation;
import java.util.ArrayList;
import java.util.List;

/**
 * ModelPolicy on create/update, checked exactly as the operator will run it: {@link
 * ModelPolicyCompiler} applies the structural validator and then compiles the Rego (and its query),
 * so broken Rego is rejected at {@code kubectl apply} with {@code file:line:col: code: message}.
 */
public final class ModelPolicyValidator implements ResourceValidator {

  private final ModelPolicyCompiler compiler = new ModelPolicyCompiler();

  @Override
  public List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    ModelPolicySpec spec = SpecReader.read(object, ModelPolicySpec.class, errors);
    if (spec == null) return errors;
    String name = object.path("metadata").path("name").asText("policy");
    PolicyCompilation compilation = compiler.compile(name.isEmpty() ? "policy" : name, spec);
    if (!compilation.isValid()) errors.addAll(compilation.errors());
    return errors;
  }
}
