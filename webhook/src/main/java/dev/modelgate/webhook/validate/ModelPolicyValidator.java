package dev.modelgate.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.validation.ModelPolicySpecValidator;
import dev.modelgate.crds.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * ModelPolicy on create/update: the operator's structural {@link ModelPolicySpecValidator}, then
 * the Rego through the {@link RegoCompiler} seam, so a broken policy is rejected at {@code kubectl
 * apply} with line:column.
 */
public final class ModelPolicyValidator implements ResourceValidator {

  private final RegoCompiler compiler;

  public ModelPolicyValidator(RegoCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    ModelPolicySpec spec = SpecReader.read(object, ModelPolicySpec.class, errors);
    if (spec == null) return errors;
    for (Violation v : ModelPolicySpecValidator.validate(spec)) errors.add(v.toString());
    if (errors.isEmpty()) {
      for (String e : compiler.compile(spec.getRego(), spec.getQuery()))
        errors.add("spec.rego: " + e);
    }
    return errors;
  }
}
