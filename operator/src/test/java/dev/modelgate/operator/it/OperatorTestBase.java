package dev.modelgate.operator.it;

import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.Phase;
import dev.modelgate.hub.server.HubServer;
import dev.modelgate.hub.testing.TestHubRepo;
import dev.modelgate.operator.ModelGateOperator;
import dev.modelgate.operator.OperatorConfig;
import dev.modelgate.operator.decision.ModelDecider;
import dev.modelgate.operator.decision.ScannerVerdictDecider;
import dev.modelgate.operator.scan.ModelScannerAdapter;
import dev.modelgate.operator.source.HubModelSource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing on loopback: Fabric8's Kubernetes mock server in CRUD mode (with the generated
 * CRDs created in it, so the status subresource behaves), the hub module's Hub server over a temp
 * folder, and the operator (SSA off, no leader election, ms-scale retries).
 */
abstract class OperatorTestBase {
  static final String NS = "ml";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  KubernetesMockServer k8s;
  KubernetesClient client;
  HubServer hub;
  Path hubRoot;
  Path storeRoot;
  ModelGateOperator operator;
  final List<String> validTokens = new ArrayList<>();

  @BeforeEach
  void startKubernetes() throws Exception {
    k8s =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    k8s.init(InetAddress.getByName("127.0.0.1"), 0);
    client = k8s.createClient();
    for (String crd :
        List.of("hfmodels.modelgate.dev-v1.yml", "modelpolicies.modelgate.dev-v1.yml")) {
      try (InputStream in = HFModel.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        client.load(in).create();
      }
    }
    hubRoot = Files.createDirectories(tmp.resolve("hub"));
    storeRoot = tmp.resolve("store");
  }

  @AfterEach
  void stopAll() {
    if (operator != null) {
      operator.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (client != null) {
      client.close();
    }
    if (k8s != null) {
      k8s.destroy();
    }
  }

  /** The demo repo {@code acme-ml/tiny-chat} from {@code examples/hub}: config + safetensors. */
  TestHubRepo exampleRepo(String repoId) throws IOException {
    Path dir = repoRoot().resolve("examples/hub/acme-ml/tiny-chat");
    TestHubRepo repo = TestHubRepo.in(hubRoot, repoId);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (f.getFileName().toString().equals(".modelgate-hub.yaml")) {
          repo.metadata(Files.readString(f));
        } else {
          repo.file(f.getFileName().toString(), Files.readAllBytes(f));
        }
      }
    }
    return repo;
  }

  /**
   * A small model repo: the demo's {@code config.json} and a spec-conformant safetensors file of
   * {@code floats} F32 values (its first byte is not a pickle opcode, so content sniffing has no
   * ambiguity to resolve).
   */
  TestHubRepo fixtureRepo(String repoId, int floats) throws IOException {
    Path dir = repoRoot().resolve("examples/hub/acme-ml/tiny-chat");
    return TestHubRepo.in(hubRoot, repoId)
        .file("config.json", Files.readAllBytes(dir.resolve("config.json")))
        .file("model.safetensors", SafetensorsFixture.oneTensor(floats, 1));
  }

  static Path repoRoot() {
    String root = System.getenv("MODELGATE_REPO_ROOT");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  void startHub() throws IOException {
    hub = HubServer.builder(hubRoot).validTokens(validTokens).start();
  }

  OperatorConfig config() {
    return OperatorConfig.defaults(storeRoot).toBuilder()
        .defaultEndpoint(hub.uri().toString())
        .useSsa(false)
        .leaderElection(false)
        .healthPort(0)
        .retryInitial(Duration.ofMillis(50))
        .retryMax(Duration.ofMillis(200))
        .hubRetries(2)
        .hubInitialBackoff(Duration.ofMillis(5))
        .hubMaxBackoff(Duration.ofMillis(40))
        .hubTimeout(Duration.ofSeconds(5))
        .progressInterval(Duration.ofMillis(50))
        .build();
  }

  ModelGateOperator startOperator() throws IOException {
    return startOperator(config(), new ScannerVerdictDecider());
  }

  ModelGateOperator startOperator(OperatorConfig config, ModelDecider decider) throws IOException {
    operator =
        ModelGateOperator.builder(client, config)
            .source(HubModelSource.forConfig(config))
            .scanner(new ModelScannerAdapter())
            .decider(decider)
            .build()
            .start();
    return operator;
  }

  HFModel create(String name, HFModelSpec spec) {
    HFModel m = new HFModel();
    m.getMetadata().setName(name);
    m.getMetadata().setNamespace(NS);
    m.setSpec(spec);
    return client.resource(m).create();
  }

  HFModel get(String name) {
    return client.resources(HFModel.class).inNamespace(NS).withName(name).get();
  }

  /** Waits until the HFModel reaches one of {@code phases} and returns it. */
  HFModel awaitPhase(String name, Phase... phases) {
    List<Phase> wanted = Arrays.asList(phases);
    try {
      return await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> get(name),
              m -> m != null && m.getStatus() != null && wanted.contains(m.getStatus().getPhase()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          name + " never reached " + wanted + "; status: " + statusJson(name), e);
    }
  }

  String statusJson(String name) {
    HFModel m = get(name);
    return m == null ? "(gone)" : client.getKubernetesSerialization().asJson(m.getStatus());
  }

  void tokenSecret(String name, String token) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("token", token))
                .build())
        .create();
  }

  List<Event> events(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** GETs of file content (resolve), as opposed to metadata calls. */
  long fileDownloads() {
    return hub.requests().stream()
        .filter(r -> r.method().equals("GET") && r.rawPathAndQuery().contains("/resolve/"))
        .count();
  }

  String httpBody(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.healthPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  int health(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.healthPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  Path snapshots(String repo) {
    return storeRoot
        .resolve(NS)
        .resolve("hub")
        .resolve("models--" + repo.replace("/", "--"))
        .resolve("snapshots");
  }
}
