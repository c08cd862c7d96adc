package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the Hub token an HFModel names ({@code spec.tokenSecretRef}) from a Secret in the model's
 * own namespace. The token is only ever returned, never logged or put in a message.
 */
final class TokenReader {
  private final KubernetesClient client;

  TokenReader(KubernetesClient client) {
    this.client = client;
  }

  /** The token, or null when the spec names no Secret. */
  String read(String namespace, SecretKeyRef ref) throws ModelRejectedException {
    if (ref == null) {
      return null;
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      throw new ModelRejectedException(
          "TokenSecretMissing",
          "Secret " + ref.getName() + " (spec.tokenSecretRef) does not exist in " + namespace);
    }
    String key = ref.effectiveKey();
    String value = null;
    if (secret.getData() != null && secret.getData().get(key) != null) {
      value =
          new String(
              Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    } else if (secret.getStringData() != null) {
      value = secret.getStringData().get(key);
    }
    if (value == null || value.isBlank()) {
      throw new ModelRejectedException(
          "TokenSecretMissing",
          "Secret " + ref.getName() + " has no key '" + key + "' (spec.tokenSecretRef.key)");
    }
    return value.strip();
  }
}
