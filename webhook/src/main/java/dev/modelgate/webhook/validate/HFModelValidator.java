package dev.modelgate.webhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.validation.HFModelSpecValidator;
import dev.modelgate.crds.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/** HFModel on create/update: the operator's own {@link HFModelSpecValidator}, one rule set. */
public final class HFModelValidator implements ResourceValidator {

  @Override
  public List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    HFModelSpec spec = SpecReader.read(object, HFModelSpec.class, errors);
    if (spec != null) {
      for (Violation v : HFModelSpecValidator.validate(spec)) errors.add(v.toString());
    }
    return errors;
  }
}
