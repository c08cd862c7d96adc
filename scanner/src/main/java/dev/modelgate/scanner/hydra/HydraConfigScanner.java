package dev.modelgate.scanner.hydra;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.PythonModules;
import dev.modelgate.scanner.check.Snippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hydra/OmegaConf YAML configs (NeMo's {@code model_config.yaml} inside {@code .nemo} archives):
 * every {@code _target_} names a Python callable that {@code hydra.utils.instantiate} imports and
 * calls while the model loads (CVE-2025-23304). Targets in code-running modules are CRITICAL,
 * targets outside the ML libraries a model normally instantiates are MEDIUM.
 */
public final class HydraConfigScanner implements FormatScanner {
  static final int MAX_BYTES = 16 * 1024 * 1024;
  private static final Pattern TARGET =
      Pattern.compile("(?m)^\\s*(?:-\\s*)?_target_\\s*:\\s*['\"]?([^'\"#\\s]+)");

  private static final Set<String> DANGEROUS =
      PythonModules.codeRunningAnd("eval", "exec", "pydoc", "timeit", "asyncio");

  private static final Set<String> ORDINARY =
      Set.of(
          "nemo",
          "torch",
          "torchvision",
          "torchaudio",
          "transformers",
          "pytorch_lightning",
          "lightning",
          "omegaconf",
          "hydra",
          "megatron",
          "apex",
          "sentencepiece",
          "tokenizers",
          "numpy",
          "math",
          "collections",
          "datetime",
          "pathlib",
          "typing",
          "dataclasses",
          "timm",
          "diffusers",
          "peft",
          "accelerate");

  @Override
  public String format() {
    return "hydra-config";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("yaml", "yml");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    String text = probe.headTextOrNull();
    if (text == null) {
      return Detection.NO;
    }
    return TARGET.matcher(text).find() ? Detection.LIKELY - 10 : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    long size = source.size();
    if (size > MAX_BYTES) {
      ctx.report(
          Severity.HIGH,
          "hydra.limit",
          "config of " + size + " bytes is larger than the " + MAX_BYTES + " examined",
          -1);
      return;
    }
    ctx.chargeBytes(size);
    String text = new String(source.readFully(0, (int) size), StandardCharsets.UTF_8);
    Set<String> seen = new LinkedHashSet<>();
    Matcher m = TARGET.matcher(text);
    while (m.find() && seen.size() < 10_000) {
      String target = m.group(1);
      if (!seen.add(target)) {
        continue;
      }
      int dot = target.indexOf('.');
      String top = dot < 0 ? target : target.substring(0, dot);
      if (DANGEROUS.contains(top)
          || dot < 0 && Set.of("eval", "exec", "open", "__import__").contains(target)) {
        ctx.report(
            Severity.CRITICAL,
            "hydra.target.dangerous",
            "_target_ "
                + Snippets.quote(target, 120)
                + " is called when the config is instantiated; it runs code",
            m.start(1));
      } else if (!ORDINARY.contains(top)) {
        ctx.report(
            Severity.MEDIUM,
            "hydra.target.external",
            "_target_ "
                + Snippets.quote(target, 120)
                + " is imported and called from outside the usual ML libraries",
            m.start(1));
      }
    }
  }
}
