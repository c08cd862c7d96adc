package dev.modelgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelgate hub ...}: the Hugging Face Hub protocol tools. */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    description = "Hugging Face Hub protocol tools.",
    subcommands = {HubServeCommand.class})
public final class HubCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
