package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.operator.OperatorConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorCommandTest {

  private static OperatorConfig parse(String... args) {
    OperatorCommand cmd = new OperatorCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.config(Map.of());
  }

  @Test
  void optionsTheHelmChartPassesMapOntoTheConfig() {
    OperatorConfig c =
        parse(
            "--store=/data/store",
            "--hub-endpoint=https://mirror.example",
            "--http-port=9090",
            "--leader-election",
            "--lease-name=mg",
            "--lease-namespace=modelgate",
            "--namespace=ml",
            "--namespace=prod",
            "--max-model-size=1Gi",
            "--max-parallel-downloads=7",
            "--no-ssa");
    assertThat(c.storePath()).isEqualTo(Path.of("/data/store"));
    assertThat(c.defaultEndpoint()).isEqualTo("https://mirror.example");
    assertThat(c.healthPort()).isEqualTo(9090);
    assertThat(c.leaderElection()).isTrue();
    assertThat(c.leaseName()).isEqualTo("mg");
    assertThat(c.leaseNamespace()).isEqualTo("modelgate");
    assertThat(c.namespaces()).isEqualTo(Set.of("ml", "prod"));
    assertThat(c.maxModelBytes()).isEqualTo(1L << 30);
    assertThat(c.maxParallelDownloads()).isEqualTo(7);
    assertThat(c.useSsa()).isFalse();
  }

  @Test
  void defaultsSuitARealCluster() {
    OperatorConfig c = parse("--store=/s");
    assertThat(c.useSsa()).isTrue();
    assertThat(c.leaderElection()).isTrue();
    assertThat(c.maxModelBytes()).isEqualTo(Long.MAX_VALUE);
    assertThat(c.namespaces()).isEmpty();
  }

  @Test
  void helpListsTheCommand() {
    assertThat(Main.run("operator", "--help")).isZero();
  }
}
