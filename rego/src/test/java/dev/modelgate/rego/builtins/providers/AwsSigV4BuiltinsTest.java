package dev.modelgate.rego.builtins.providers;

import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Signatures from OPA's providers.aws.sign_req test vectors. */
class AwsSigV4BuiltinsTest {
  private static final String CONFIG =
      "{\"aws_access_key\": \"MYAWSACCESSKEYGOESHERE\", \"aws_secret_access_key\":"
          + " \"MYAWSSECRETACCESSKEYGOESHERE\", \"aws_service\": \"s3\", \"aws_region\": \"us-east-1\"}";

  @Test
  void signsLikeOpa() throws Exception {
    String signed =
        json(
            "providers.aws.sign_req",
            "{\"method\": \"get\", \"url\": \"http://example.com\"}",
            CONFIG,
            "1451311705000000000");
    assertThat(signed)
        .contains(
            "Signature=0047a7016c81e5c7f29cd522f97e911e04fc472fced0aee7916cbc287ad6c8e3",
            "\"x-amz-date\":\"20151228T140825Z\"",
            "\"host\":\"example.com\"");
    String withBody =
        json(
            "providers.aws.sign_req",
            "{\"method\": \"get\", \"url\": \"http://example.com\", \"body\": {\"example\": [1, 2, 3, 4]}}",
            CONFIG,
            "1451311705000000000");
    assertThat(withBody)
        .contains(
            "Signature=5fb06ab1cfd74c8fcb3af95b8cce696708cf6155d971dac10f254d79799c6e88",
            "bacff6243c850423883052ac3c336fd645994442933408dfd3f9e858e69bda07");
  }
}
