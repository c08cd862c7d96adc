package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Fabric8 picks at random among HTTP client factories of equal priority (and warns). JOSDK brings
 * the JDK client, kubernetes-client the Vert.x one; the parent POM keeps only Vert.x. The CLI's jar
 * carries the operator, the webhook and the demo's API server, so it is checked here too.
 */
class OneHttpClientFactoryTest {
  @Test
  void exactlyOneFabric8HttpClientFactoryIsOnTheClasspath() {
    assertThat(ServiceLoader.load(HttpClient.Factory.class).stream().map(p -> p.type().getName()))
        .containsExactly("io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory");
  }
}
