package dev.modelgate.scanner.hydra;

import static dev.modelgate.scanner.formats.Scans.rules;
import static dev.modelgate.scanner.formats.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Severity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HydraConfigScannerTest {

  private static FileReport yaml(String text) {
    return scan("model_config.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ordinaryTargetsAreClean() {
    FileReport r = yaml("optim:\n  _target_: torch.optim.AdamW  # the optimizer\n  lr: 0.1\n");
    assertThat(r.format()).isEqualTo("hydra-config");
    assertThat(r.severity()).isEqualTo(Severity.NONE);
  }

  @Test
  void codeRunningTargetsInAnySpellingAreCritical() {
    for (String t :
        new String[] {
          "x:\n  _target_: subprocess.run\n",
          "x:\n  - _target_: \"builtins.exec\"\n",
          "x:\n  _target_: 'os.system'\n",
          "x:\n  _target_: eval\n"
        }) {
      FileReport r = yaml(t);
      assertThat(rules(r)).as(t).contains("hydra.target.dangerous");
      assertThat(r.severity()).as(t).isEqualTo(Severity.CRITICAL);
    }
  }

  @Test
  void unknownLibrariesAreMedium() {
    FileReport r = yaml("x:\n  _target_: somepkg.loader.Load\n");
    assertThat(rules(r)).containsExactly("hydra.target.external");
    assertThat(r.severity()).isEqualTo(Severity.MEDIUM);
  }
}
