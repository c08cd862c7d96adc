package dev.modelgate.cli;

import dev.modelgate.hub.server.HubServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelgate hub serve DIR}: serves {@code DIR/<org>/<name>/...} over the Hub HTTP API until
 * stopped, optionally injecting faults for tests.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve DIR/<org>/<name>/... over the Hugging Face Hub HTTP API.",
      "Point clients at the printed URL (HF_ENDPOINT=<url>). A repo's optional",
      ".modelgate-hub.yaml sets gating, tokens, extra revisions and security status."
    })
public final class HubServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder holding <org>/<name>/ repos.")
  Path dir;

  @Option(names = "--port", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 = any).")
  int port = 8080;

  @Option(names = "--host", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--cdn", description = "Redirect LFS downloads to a second (CDN) listener.")
  boolean cdn;

  @Option(
      names = "--valid-token",
      description = "A token the server accepts (repeatable); others get 401. Default: any.")
  List<String> validTokens = List.of();

  @Option(names = "--latency-ms", description = "Fault: delay every answer by this many ms.")
  long latencyMs;

  @Option(names = "--rate-limit", description = "Fault: answer the first N requests with 429.")
  int rateLimit;

  @Option(names = "--retry-after", description = "Retry-After seconds sent with injected 429s.")
  int retryAfter = 1;

  @Option(names = "--server-errors", description = "Fault: answer the first N requests with 503.")
  int serverErrors;

  @Option(
      names = "--cut-after",
      description = "Fault: cut the first --cut-count downloads after this many bytes.")
  long cutAfter = -1;

  @Option(names = "--cut-count", description = "How many downloads --cut-after cuts (default 1).")
  int cutCount = 1;

  @Option(
      names = "--ignore-range",
      description = "Fault: answer the first N ranged downloads with 200 and the whole file.")
  int ignoreRange;

  @Option(
      names = "--stall-after",
      description = "Fault: pause the first download for --stall-ms after this many bytes.")
  long stallAfter = -1;

  @Option(names = "--stall-ms", description = "How long --stall-after pauses (default 30000).")
  long stallMs = 30_000;

  @Option(names = "--corrupt", description = "Fault: serve this repo path with a flipped byte.")
  List<String> corrupt = List.of();

  @Option(names = "--max-seconds", hidden = true, description = "Stop after this many seconds.")
  long maxSeconds = -1;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(dir)) {
      spec.commandLine().getErr().println("error: not a directory: " + dir);
      return 2;
    }
    HubServer server =
        HubServer.builder(dir).host(host).port(port).cdn(cdn).validTokens(validTokens).start();
    server.faults().latency(Duration.ofMillis(latencyMs));
    if (rateLimit > 0) server.faults().rateLimit(rateLimit, retryAfter);
    if (serverErrors > 0) server.faults().serverErrors(serverErrors, 503);
    if (cutAfter >= 0) server.faults().cutAfter(cutCount, cutAfter);
    if (ignoreRange > 0) server.faults().ignoreRange(ignoreRange);
    if (stallAfter >= 0) server.faults().stall(1, stallAfter, Duration.ofMillis(stallMs));
    for (String p : corrupt) server.faults().corrupt(p, Integer.MAX_VALUE);
    try (server;
        StopSignal stop = new StopSignal("hub-serve-shutdown")) {
      out.println("Serving " + dir.toAbsolutePath() + " at " + server.uri());
      out.println("Use it with: HF_ENDPOINT=" + server.uri());
      out.flush();
      stop.await(maxSeconds);
    }
    return 0;
  }
}
