package dev.modelgate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The manifests of a folder ({@code examples/*.yaml}, in file-name order), split into what the
 * operator works on (namespaces, secrets, HFModels) and the workloads the webhook judges.
 */
public record ExampleSet(
    List<ObjectNode> setup, List<ObjectNode> models, List<ObjectNode> workloads) {

  /** Kinds that run pods: these go through admission. */
  static final Set<String> WORKLOAD_KINDS =
      Set.of(
          "Pod",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "Job",
          "CronJob",
          "InferenceService");

  private static final int MAX_FILES = 200;
  private static final long MAX_FILE_BYTES = 1 << 20;

  public static ExampleSet load(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
              .filter(Files::isRegularFile)
              .sorted()
              .limit(MAX_FILES)
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no .yaml manifests in " + dir);
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<ObjectNode> setup = new ArrayList<>();
    List<ObjectNode> models = new ArrayList<>();
    List<ObjectNode> workloads = new ArrayList<>();
    for (Path f : files) {
      if (Files.size(f) > MAX_FILE_BYTES) {
        throw new IOException(f + " is larger than 1 MiB");
      }
      try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(f.toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc == null || !doc.isObject() || doc.isEmpty()) {
            continue;
          }
          String kind = doc.path("kind").asText("");
          if (kind.isEmpty() || doc.path("metadata").path("name").asText("").isEmpty()) {
            throw new IOException(f + ": every manifest needs kind and metadata.name");
          }
          ObjectNode o = (ObjectNode) doc;
          if (kind.equals("HFModel") || kind.equals("ModelPolicy")) {
            models.add(o);
          } else if (WORKLOAD_KINDS.contains(kind)) {
            workloads.add(o);
          } else {
            setup.add(o);
          }
        }
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new IOException(f + ": not valid YAML: " + e.getOriginalMessage(), e);
      } catch (RuntimeException e) {
        // MappingIterator reports parse errors met while advancing as unchecked exceptions.
        throw new IOException(f + ": not valid YAML: " + e.getMessage(), e);
      }
    }
    return new ExampleSet(List.copyOf(setup), List.copyOf(models), List.copyOf(workloads));
  }

  /** "Kind/name" for tables and messages. */
  public static String label(JsonNode o) {
    return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
  }
}
