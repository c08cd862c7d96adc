package dev.modelgate.webhook.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.webhook.decide.Decision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionReviewCodecTest {

  final AdmissionReviewCodec codec = new AdmissionReviewCodec(1 << 20);

  static byte[] b(String s) {
    return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesTheFieldsTheApiServerSends() throws Exception {
    AdmissionRequest r =
        codec.parse(
            b(
                "{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview','request':{'uid':'705ab4f5-6393-11e8-b7cc-42010a800002',"
                    + "'kind':{'group':'apps','version':'v1','kind':'Deployment'},'resource':{'group':'apps','version':'v1','resource':'deployments'},"
                    + "'subResource':'','namespace':'ml','name':'d','operation':'UPDATE','userInfo':{'username':'u'},"
                    + "'object':{'spec':{}},'oldObject':{'spec':{}},'dryRun':true,'options':{}}}"));
    assertThat(r.uid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(r.qualifiedKind()).isEqualTo("Deployment.apps");
    assertThat(r.dryRun()).isTrue();
    assertThat(r.oldObject().isObject()).isTrue();
  }

  @Test
  void rejectsWhatIsNotAnAdmissionReview() {
    assertThatThrownBy(
            () ->
                codec.parse(
                    b(
                        "{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview','request':{'uid':'a b','kind':{'kind':'Pod'},'operation':'CREATE'}}")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("uid");
    assertThatThrownBy(() -> codec.parse(b("{'kind':'AdmissionReview','kind':'x'}")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> codec.parse(b("{} {}"))).isInstanceOf(BadRequestException.class);
  }

  @Test
  void respondsInTheV1Shape() throws Exception {
    String denied =
        new String(
            codec.respond(
                "u1", new Decision(false, Decision.Result.DENIED, "no", List.of("w"), List.of())),
            StandardCharsets.UTF_8);
    assertThat(denied)
        .isEqualTo(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"u1\",\"allowed\":false,"
                + "\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":\"no\"},\"warnings\":[\"w\"]}}");
  }
}
