package dev.modelgate.crds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The generated CRDs carry what the design promises: scope, names, columns, validation. */
class CrdSchemaTest {

  private static CustomResourceDefinition load(String file) throws Exception {
    try (InputStream in = CrdSchemaTest.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  @Test
  void hfModelIsNamespacedWithStatusAndColumns() throws Exception {
    CustomResourceDefinition crd = load("hfmodels.modelgate.dev-v1.yml");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("hfm");
    CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
    assertThat(v.getName()).isEqualTo("v1alpha1");
    assertThat(v.getSubresources().getStatus()).isNotNull();
    assertThat(v.getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .containsExactlyInAnyOrder("Repo", "Revision", "Phase", "Tags", "Max severity", "Age");
    JSONSchemaProps spec = v.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertThat(spec.getRequired()).containsExactly("repo");
    assertThat(spec.getProperties().get("repo").getPattern()).isEqualTo(SpecPatterns.REPO_ID);
    assertThat(spec.getProperties().get("revision").getPattern()).isEqualTo(SpecPatterns.REVISION);
    assertThat(spec.getProperties().get("maxTotalSize").getXKubernetesIntOrString()).isTrue();
    assertThat(spec.getProperties().get("refreshInterval").getPattern())
        .isEqualTo(SpecPatterns.DURATION);
    JSONSchemaProps status = v.getSchema().getOpenAPIV3Schema().getProperties().get("status");
    assertThat(status.getProperties().get("phase").getEnum())
        .extracting(Object::toString)
        .contains("\"Available\"", "\"Quarantined\"", "\"Failed\"");
  }

  @Test
  void modelPolicyIsClusterScopedWithEnums() throws Exception {
    CustomResourceDefinition crd = load("modelpolicies.modelgate.dev-v1.yml");
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("mp");
    CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
    assertThat(v.getSubresources().getStatus()).isNotNull();
    JSONSchemaProps spec = v.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertThat(spec.getRequired()).containsExactly("rego");
    JSONSchemaProps action = spec.getProperties().get("actions").getItems().getSchema();
    assertThat(action.getProperties().get("type").getEnum()).hasSize(3);
    assertThat(action.getXKubernetesValidations()).hasSize(2);
  }
}
