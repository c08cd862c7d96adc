package dev.modelgate.scanner.check;

import java.util.HashSet;
import java.util.Set;

/**
 * Python modules whose functions run commands, load code or reach into the interpreter. Config
 * formats that import and call a named callable (Hydra {@code _target_}, Keras {@code module})
 * share this core and each adds the modules that matter for its own loader.
 */
public final class PythonModules {
  private PythonModules() {}

  /** Top-level modules that run code when one of their callables is imported and called. */
  public static final Set<String> CODE_RUNNING =
      Set.of(
          "os",
          "posix",
          "nt",
          "subprocess",
          "builtins",
          "__builtin__",
          "sys",
          "shutil",
          "socket",
          "importlib",
          "runpy",
          "pickle",
          "_pickle",
          "dill",
          "marshal",
          "code",
          "ctypes",
          "pty",
          "webbrowser",
          "commands",
          "multiprocessing",
          "operator",
          "functools",
          "types",
          "inspect");

  /** {@link #CODE_RUNNING} plus {@code extra}, for a format whose loader reaches further. */
  public static Set<String> codeRunningAnd(String... extra) {
    Set<String> all = new HashSet<>(CODE_RUNNING);
    all.addAll(Set.of(extra));
    return Set.copyOf(all);
  }
}
