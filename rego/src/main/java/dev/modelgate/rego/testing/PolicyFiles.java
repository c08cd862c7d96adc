package dev.modelgate.rego.testing;

import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import dev.modelgate.rego.value.ValueYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads policy files the way {@code opa} does: every {@code .rego} file as a module, every {@code
 * .json}/{@code .yaml}/{@code .yml} data file as data — mounted under its directory path relative
 * to the directory given (a file given directly is mounted at the root of {@code data}).
 */
public final class PolicyFiles {
  /** Largest single file read (larger ones are refused with an error, not loaded). */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private final List<RegoSource> modules = new ArrayList<>();
  private ObjectValue data = ObjectValue.EMPTY;
  private final boolean regoV1;

  public PolicyFiles(boolean regoV1) {
    this.regoV1 = regoV1;
  }

  /** Loads a file or a directory (recursively; hidden entries skipped). */
  public PolicyFiles add(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(path)) {
        files =
            s.filter(Files::isRegularFile)
                .filter(p -> !isHidden(path.relativize(p)))
                .sorted()
                .toList();
      }
      for (Path f : files) {
        Path rel = path.relativize(f).getParent();
        List<String> prefix = new ArrayList<>();
        if (rel != null) {
          for (Path seg : rel) {
            prefix.add(seg.toString());
          }
        }
        addFile(f, prefix, false);
      }
    } else if (Files.isRegularFile(path)) {
      addFile(path, List.of(), true);
    } else {
      throw new IOException("no such file or directory: " + path);
    }
    return this;
  }

  private static boolean isHidden(Path rel) {
    for (Path seg : rel) {
      if (seg.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private void addFile(Path f, List<String> prefix, boolean explicit) throws IOException {
    String name = f.getFileName().toString();
    boolean rego = name.endsWith(".rego");
    boolean json = name.endsWith(".json");
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    if (!rego && !json && !yaml) {
      if (explicit) {
        throw new IOException(f + ": not a .rego, .json or .yaml file");
      }
      return;
    }
    if (Files.size(f) > MAX_FILE_BYTES) {
      throw new IOException(f + ": larger than " + MAX_FILE_BYTES + " bytes");
    }
    String text = Files.readString(f);
    if (rego) {
      modules.add(new RegoSource(f.toString(), text, regoV1));
      return;
    }
    Value v;
    try {
      v = json ? ValueJson.parse(text) : ValueYaml.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(f + ": " + e.getMessage(), e);
    }
    if (!(v instanceof ObjectValue o)) {
      if (v == null || v.equals(Value.nullValue())) {
        return;
      }
      throw new IOException(f + ": data file must hold an object");
    }
    data = merge(data, prefix, o, f);
  }

  private static ObjectValue merge(ObjectValue base, List<String> prefix, ObjectValue v, Path f)
      throws IOException {
    if (prefix.isEmpty()) {
      return mergeObjects(base, v, f);
    }
    StringValue key = StringValue.of(prefix.get(0));
    Value child = base.get(key);
    ObjectValue childObj = child instanceof ObjectValue co ? co : ObjectValue.EMPTY;
    if (child != null && !(child instanceof ObjectValue)) {
      throw new IOException(f + ": data conflicts at " + String.join(".", prefix));
    }
    ObjectValue merged = merge(childObj, prefix.subList(1, prefix.size()), v, f);
    return ObjectValue.builder().putAll(base).put(key, merged).build();
  }

  private static ObjectValue mergeObjects(ObjectValue a, ObjectValue b, Path f) throws IOException {
    ObjectValue.Builder out = ObjectValue.builder().putAll(a);
    for (Map.Entry<Value, Value> e : b.entries().entrySet()) {
      Value old = a.get(e.getKey());
      if (old instanceof ObjectValue oo && e.getValue() instanceof ObjectValue no) {
        out.put(e.getKey(), mergeObjects(oo, no, f));
      } else if (old != null && !old.equals(e.getValue())) {
        throw new IOException(f + ": data conflicts at key " + e.getKey().toJson());
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out.build();
  }

  public List<RegoSource> modules() {
    return modules;
  }

  public ObjectValue data() {
    return data;
  }
}
