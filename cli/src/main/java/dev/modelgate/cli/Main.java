package dev.modelgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code modelgate} command: one entry point for every engine, on a laptop, in CI or in a pod.
 */
@Command(
    name = "modelgate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A gate for machine-learning models: scan, evaluate policies, run the operator.",
    subcommands = {
      CommandLine.HelpCommand.class,
      HubCommand.class,
      OperatorCommand.class,
      WebhookCommand.class,
      WebhookBenchCommand.class,
      PolicyCommand.class,
      ScanCommand.class,
      DemoCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code, so tests can call it without exiting the JVM. */
  public static int run(String... args) {
    return new CommandLine(new Main()).setExecutionExceptionHandler(Main::onError).execute(args);
  }

  private static int onError(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    commandLine.getErr().println("error: " + e.getMessage());
    return 2;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version Maven wrote into the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"modelgate " + (v == null ? "dev" : v)};
    }
  }
}
