package dev.modelgate.scanner.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scikit-learn part of the allowlist stays classes only: a function there would run on load
 * with whatever arguments the pickle chooses. The fixtures in {@code fixtures/sklearn/} show the
 * list is complete for real models; this guards what may be added to it.
 */
class SklearnAllowlistTest {

  private static List<String[]> sklearnEntries() {
    return Resources.lines("allowlist.txt", 2).stream()
        .filter(f -> f[0].equals("sklearn") || f[0].startsWith("sklearn."))
        .toList();
  }

  @Test
  void everySklearnEntryIsAClassOrACythonReconstructionHelper() {
    List<String[]> entries = sklearnEntries();
    assertThat(entries).hasSizeGreaterThan(50);
    for (String[] e : entries) {
      String name = e[1];
      boolean cythonHelper = name.equals("newObj") || name.matches("__pyx_unpickle_Cy[A-Za-z]+");
      boolean className = name.matches("_?[A-Z][A-Za-z0-9]*");
      assertThat(cythonHelper || className)
          .as("%s.%s must be a class (CapWords) or a Cython pickle helper", e[0], name)
          .isTrue();
      if (name.startsWith("__pyx_unpickle_")) {
        assertThat(GlobalPolicy.isAllowed(e[0], name.substring("__pyx_unpickle_".length())))
            .as("the helper for %s rebuilds a type that is itself allowed", name)
            .isTrue();
      }
    }
  }

  @Test
  void allowedClassesPassButTheirModulesFunctionsDoNot() {
    assertThat(GlobalPolicy.judge("sklearn.linear_model._logistic", "LogisticRegression", 4))
        .isEqualTo(GlobalVerdict.ALLOWED);
    GlobalVerdict fn =
        GlobalPolicy.judge("sklearn.linear_model._logistic", "_logistic_regression_path", 4);
    assertThat(fn.severity()).isEqualTo(Severity.MEDIUM);
    // a dotted name through an allowed class reaches its module's globals: judged, not allowed
    GlobalVerdict chain =
        GlobalPolicy.judge("sklearn.linear_model._logistic", "LogisticRegression.fit", 4);
    assertThat(chain).isNotEqualTo(GlobalVerdict.ALLOWED);
    assertThat(
            GlobalPolicy.judge("sklearn.utils._testing", "assert_run_python_script", 4).severity())
        .isEqualTo(Severity.CRITICAL);
  }
}
