package dev.modelgate.scanner.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpRulesTest {

  @ParameterizedTest
  @CsvSource({
    "/etc/passwd,true",
    "C:/Windows/x,true",
    "\\\\server\\share,true",
    "gs://bucket/ckpt,true",
    "vars/../../x,true",
    "model,false",
    "variables/variables,false",
    "assets/vocab.txt,false",
    "a..b/c,false"
  })
  void pathsThatLeaveTheModelAreEscapes(String path, boolean escapes) {
    assertThat(OpRules.escapes(path)).as(path).isEqualTo(escapes);
  }

  @ParameterizedTest
  @CsvSource({
    "ReadFile,true",
    "WriteFile,true",
    "EagerPyFunc,true",
    "SaveV2,true",
    "ImmutableConst,true",
    "MatMul,false",
    "Const,false",
    "StatefulPartitionedCall,false",
    "TPUExecute,false",
    "MyShellRunner,true"
  })
  void interestingOps(String op, boolean interesting) {
    assertThat(OpRules.isInteresting(op)).as(op).isEqualTo(interesting);
  }
}
