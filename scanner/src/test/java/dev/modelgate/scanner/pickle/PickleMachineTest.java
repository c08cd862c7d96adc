package dev.modelgate.scanner.pickle;

import static dev.modelgate.scanner.pickle.PickleTestSupport.hex;
import static dev.modelgate.scanner.pickle.PickleTestSupport.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.Rules;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.pickle.PickleTestSupport.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PickleMachineTest {

  /** pickle.dumps(R(), protocol=p) where R.__reduce__ returns (os.system, ('echo hi',)). */
  @ParameterizedTest
  @CsvSource({
    "0, 63706f7369780a73797374656d0a70300a28566563686f2068690a70310a7470320a5270330a2e",
    "1, 63706f7369780a73797374656d0a71002858070000006563686f20686971017471025271032e",
    "2, 800263706f7369780a73797374656d0a710058070000006563686f20686971018571025271032e",
    "3, 800363706f7369780a73797374656d0a710058070000006563686f20686971018571025271032e",
    "4, 80049522000000000000008c05706f736978948c0673797374656d9493948c076563686f20686994859452942e",
    "5, 80059522000000000000008c05706f736978948c0673797374656d9493948c076563686f20686994859452942e"
  })
  void osSystemIsCriticalInEveryProtocol(int protocol, String pickle) {
    FileReport r = scan("x.pkl", hex(pickle));
    assertThat(r.format()).isEqualTo("pickle");
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(GlobalPolicy.RULE_DANGEROUS);
              assertThat(f.message()).contains("posix.system");
              assertThat(f.location().offset())
                  .isEqualTo(protocol >= 4 ? 28 : protocol >= 2 ? 2 : 0);
            });
  }

  @Test
  void orderedDictIsClean() {
    FileReport r =
        scan(
            "od.pkl",
            hex(
                "800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158010000006171024b01732e"));
    assertThat(r.severity()).isEqualTo(Severity.NONE);
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void python2NamesAreMappedBelowProtocol3() {
    byte[] p = new Asm().proto(2).global("__builtin__", "set").op(')', 0x85, 'R', '.').bytes();
    assertThat(scan("a.pkl", p).severity()).isEqualTo(Severity.NONE);
    byte[] reduce = new Asm().proto(2).global("__builtin__", "reduce").op('.').bytes();
    FileReport r = scan("b.pkl", reduce);
    assertThat(r.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("functools.reduce"));
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
    // protocol 3: no mapping, __builtin__ does not exist in Python 3 but is still denied
    byte[] p3 = new Asm().proto(3).global("__builtin__", "set").op('.').bytes();
    assertThat(scan("c.pkl", p3).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void dottedNamesAreAttributeChainsFromProtocol4() {
    byte[] p =
        new Asm().proto(4).shortUnicode("pathlib").shortUnicode("os.system").op(0x93, '.').bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    byte[] builtins =
        new Asm().proto(4).shortUnicode("numpy").shortUnicode("__builtins__").op(0x93, '.').bytes();
    assertThat(scan("b.pkl", builtins).severity()).isEqualTo(Severity.CRITICAL);
    byte[] dunder =
        new Asm().proto(4).shortUnicode("torch").shortUnicode("__loader__").op(0x93, '.').bytes();
    FileReport d = scan("c.pkl", dunder);
    assertThat(d.findings()).extracting(Finding::rule).containsExactly(GlobalPolicy.RULE_DUNDER);
    assertThat(d.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void nonConstantStackGlobalOperandsAreHigh() {
    // module name produced by calling builtins.str (allowlisted) on a constant
    byte[] p =
        new Asm()
            .proto(4)
            .global("builtins", "str")
            .shortUnicode("os")
            .op(0x85, 'R')
            .shortUnicode("system")
            .op(0x93, '.')
            .bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.findings()).extracting(Finding::rule).contains(PickleMachine.RULE_NON_CONSTANT);
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void memoIndirectionIsFollowed() {
    // strings memoized, decoys pushed, then fetched back for STACK_GLOBAL
    byte[] p =
        new Asm()
            .proto(4)
            .shortUnicode("os")
            .op(0x94) // MEMOIZE -> 0
            .shortUnicode("system")
            .op(0x94) // -> 1
            .op('0', '0') // POP both
            .shortUnicode("collections")
            .shortUnicode("OrderedDict")
            .op('0', '0')
            .op('h', 0, 'h', 1, 0x93, '.')
            .bytes();
    assertThat(scan("a.pkl", p).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void missingMemoKeyIsMalformedNotACrash() {
    byte[] p = new Asm().proto(2).global("os", "system").op('h', 7, '.').bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.findings())
        .extracting(Finding::rule)
        .containsExactly(GlobalPolicy.RULE_DANGEROUS, Rules.MALFORMED);
    assertThat(r.findings().get(1).message()).contains("Memo value not found at index 7");
  }

  @Test
  void payloadThenBreakKeepsFindings() {
    byte[] p =
        new Asm()
            .proto(2)
            .global("builtins", "exec")
            .shortUnicode("print(1)")
            .op(0x85, 'R')
            .op(0xff)
            .bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.findings()).extracting(Finding::rule).contains(Rules.MALFORMED);
  }

  @Test
  void everyStreamIsScannedToTheEnd() {
    byte[] first = new Asm().proto(2).op('N', '.').bytes();
    byte[] second = new Asm().proto(2).global("subprocess", "Popen").op('.').bytes();
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    FileReport r = scan("a.pkl", both);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.findings().get(0).location().offset()).isEqualTo(first.length + 2);
  }

  @Test
  void trailingGarbageIsMedium() {
    byte[] p = new Asm().proto(2).op('N', '.').text("\u00ff\u00fe junk").bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.findings()).extracting(Finding::rule).containsExactly(PickleStreams.RULE_TRAILING);
    assertThat(r.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void instObjNewobjAndExtAreAllJudged() {
    byte[] inst = new Asm().text("(S'ls'\nios\nsystem\n.").bytes();
    assertThat(scan("a.pkl", inst).severity()).isEqualTo(Severity.CRITICAL);
    byte[] obj = new Asm().proto(1).text("(cos\nsystem\nS'ls'\no0N.").bytes();
    assertThat(scan("b.pkl", obj).severity()).isEqualTo(Severity.CRITICAL);
    byte[] ext = new Asm().proto(2).op(0x82, 1, ')', 'R', '.').bytes();
    FileReport r = scan("c.pkl", ext);
    assertThat(r.findings()).extracting(Finding::rule).contains(PickleMachine.RULE_EXT);
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void frameOverrunIsHigh() {
    // a FRAME of 3 bytes that holds the start of a longer opcode
    Asm a = new Asm().proto(4).frame(3).shortUnicode("collections").op('0', 'N', '.');
    FileReport r = scan("a.pkl", a.bytes());
    assertThat(r.findings()).extracting(Finding::rule).containsExactly(PickleMachine.RULE_FRAME);
  }

  @Test
  void buildOnAGlobalIsHigh() {
    byte[] p = new Asm().proto(2).global("collections", "OrderedDict").op('}', 'b', '.').bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.findings())
        .extracting(Finding::rule)
        .containsExactly(PickleMachine.RULE_MUTATE_GLOBAL);
  }

  @Test
  void unknownGlobalIsMedium() {
    byte[] p = new Asm().proto(2).global("mylib.models", "Net").op(')', 0x81, '.').bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(r.findings()).extracting(Finding::rule).containsExactly(GlobalPolicy.RULE_UNKNOWN);
  }

  @Test
  void embeddedPickleInBytesIsScanned() {
    byte[] inner = new Asm().proto(2).global("os", "system").op('.').bytes();
    byte[] p =
        new Asm().proto(3).global("_codecs", "encode").op('0').binBytes(inner).op('.').bytes();
    FileReport r = scan("a.pkl", p);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.findings())
        .filteredOn(f -> f.severity() == Severity.CRITICAL)
        .singleElement()
        .satisfies(f -> assertThat(f.location().member()).startsWith("bytes@"));
  }

  @Test
  void escapedProtocol0NamesAreDecoded() {
    // STRING 'o\x73' is "os"; UNICODE \u0073ystem is "system"
    byte[] p = new Asm().proto(4).text("S'o\\x73'\nV\\u0073ystem\n").op(0x93, '.').bytes();
    assertThat(scan("a.pkl", p).severity()).isEqualTo(Severity.CRITICAL);
  }
}
