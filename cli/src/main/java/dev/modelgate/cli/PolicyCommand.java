package dev.modelgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelgate policy ...}: the Rego engine on the command line (like opa test/eval/check). */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Test, evaluate and check Rego policies (OPA-compatible).",
    subcommands = {PolicyTestCommand.class, PolicyEvalCommand.class, PolicyCheckCommand.class})
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
