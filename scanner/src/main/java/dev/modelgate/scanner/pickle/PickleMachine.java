package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.ScanLimitException;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.pickle.Values.Bytes;
import dev.modelgate.scanner.pickle.Values.Container;
import dev.modelgate.scanner.pickle.Values.Global;
import dev.modelgate.scanner.pickle.Values.Obj;
import dev.modelgate.scanner.pickle.Values.Persistent;
import dev.modelgate.scanner.pickle.Values.Str;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A symbolic pickle machine that follows CPython's C unpickler ({@code _pickle.c}) opcode by
 * opcode: the same stack and mark discipline (and the same underflow errors), the memo with
 * MEMOIZE's {@code memo_len} index, FRAME as C reads it (transparent, but the bytes must exist),
 * the Python-2 import mapping below protocol 3 and dotted names from protocol 4. Nothing is
 * imported or called: every global is judged by {@link GlobalPolicy} where it is resolved, every
 * call path is checked, and bytes/str constants that hold another pickle are handed to {@link
 * Embedded}. One instance runs one stream ({@code pickle.load}) to its STOP.
 */
final class PickleMachine {

  /** Where findings go (the scan context, or a buffer for speculative scans). */
  interface Reporter {
    void report(Severity severity, String rule, String message, long offset);
  }

  /** Receives constants that look like a nested pickle or archive. */
  interface Embedded {
    void scan(String name, byte[] content);
  }

  static final String RULE_NON_CONSTANT = "pickle.import.non-constant";
  static final String RULE_EXT = "pickle.ext";
  static final String RULE_CALL_COMPUTED = "pickle.call.computed";
  static final String RULE_MUTATE_GLOBAL = "pickle.mutate.global";
  static final String RULE_FRAME = "pickle.frame";
  static final String RULE_OUT_OF_BAND = "pickle.out-of-band";
  static final String RULE_JOBLIB = "joblib.array";
  static final String RULE_EMBEDDED_TOO_LARGE = "pickle.embedded.too-large";

  /** Constants up to this size are read in place; bigger ones are skipped (or copied if nested). */
  private static final int INLINE_MAX = 1 << 20;

  /** Nested pickles up to this size are copied and scanned. */
  static final int EMBED_MAX = 16 << 20;

  private static final int MAX_LINE = 1 << 20;

  /** BININT1's values, boxed once (Long.valueOf caches only up to 127). */
  private static final Long[] SMALL_INTS = new Long[256];

  static {
    for (int i = 0; i < SMALL_INTS.length; i++) {
      SMALL_INTS[i] = (long) i;
    }
  }

  private static final int ACCOUNT_EVERY = 1 << 16;

  private final ScanContext ctx;
  private final PickleInput in;
  private final Reporter reporter;
  private final Embedded embedded;
  private final boolean joblib;
  private final int maxStack;
  private final int maxMemo;
  private final Map<String, GlobalVerdict> verdicts;
  private final int nesting;

  private Object[] stack = new Object[64];
  private int sp;
  private int[] marks = new int[16];
  private int nm;
  private int fence;
  private final Memo memo = new Memo();
  private final ShortStrings shortStrings = new ShortStrings();
  private int proto;
  private long frameEnd = -1;
  private int budget = ACCOUNT_EVERY;
  private long bytesCharged;

  /** Receives every persistent id (null: nobody asks, e.g. nested or sniffing runs). */
  java.util.function.Consumer<PersistentId> persistentIds;

  /** How many globals this stream imported (GLOBAL, STACK_GLOBAL, INST, EXT). */
  int imports;

  /** How many opcodes this stream ran. */
  long opcodes;

  PickleMachine(
      ScanContext ctx, PickleInput in, Reporter reporter, Embedded embedded, boolean joblib) {
    this(ctx, in, reporter, embedded, joblib, new HashMap<>(), 0);
  }

  private PickleMachine(
      ScanContext ctx,
      PickleInput in,
      Reporter reporter,
      Embedded embedded,
      boolean joblib,
      Map<String, GlobalVerdict> verdicts,
      int nesting) {
    this.ctx = ctx;
    this.in = in;
    this.reporter = reporter;
    this.embedded = embedded;
    this.joblib = joblib;
    this.maxStack = ctx == null ? 100_000 : ctx.limits().maxStack();
    this.maxMemo = ctx == null ? 100_000 : ctx.limits().maxMemo();
    this.verdicts = verdicts;
    this.nesting = nesting;
  }

  // ---------------------------------------------------------------- errors and accounting

  private MalformedFileException malformed(String message, long offset) {
    return new MalformedFileException(message, offset);
  }

  private MalformedFileException underflow(long offset) {
    return malformed("unpickling stack underflow", offset);
  }

  private void account() {
    if (ctx != null) {
      ctx.chargeOpcodes(ACCOUNT_EVERY - budget);
      ctx.chargeBytes(in.bytesIn - bytesCharged);
    }
    bytesCharged = in.bytesIn;
    budget = ACCOUNT_EVERY;
  }

  private void push(Object v) {
    if (sp == stack.length) {
      if (sp + nm >= maxStack) {
        throw limit("stack", "pickle stack deeper than " + maxStack + " entries");
      }
      stack = Arrays.copyOf(stack, stack.length * 2);
    }
    stack[sp++] = v;
  }

  private ScanLimitException limit(String kind, String message) {
    if (ctx != null) {
      return ctx.limitHit(kind, message);
    }
    return new ScanLimitException(kind, message);
  }

  private Object pop(long off) throws MalformedFileException {
    if (sp <= fence) {
      throw underflow(off);
    }
    Object v = stack[--sp];
    stack[sp] = null;
    return v;
  }

  /** CPython's marker(): pops the top mark and returns the stack length it recorded. */
  private int marker(long off) throws MalformedFileException {
    if (nm < 1) {
      throw malformed("could not find MARK", off);
    }
    int m = marks[--nm];
    fence = nm > 0 ? marks[nm - 1] : 0;
    return m;
  }

  private void truncateTo(int newSp) {
    // a plain loop: run() is too large for the JIT to inline Arrays.fill into it, and most
    // truncations clear two or three slots
    for (int i = newSp; i < sp; i++) {
      stack[i] = null;
    }
    sp = newSp;
  }

  private Container collect(char kind, int from) {
    Container c = new Container(kind, sp - from);
    c.addAll(stack, from, sp);
    truncateTo(from);
    return c;
  }

  // ---------------------------------------------------------------- argument reading

  private int u8(String what) throws IOException {
    in.require(1, what);
    return in.buf[in.pos++] & 0xff;
  }

  private int le16(String what) throws IOException {
    in.require(2, what);
    byte[] b = in.buf;
    int p = in.pos;
    in.pos = p + 2;
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
  }

  private int le32(String what) throws IOException {
    in.require(4, what);
    byte[] b = in.buf;
    int p = in.pos;
    in.pos = p + 4;
    return (b[p] & 0xff)
        | (b[p + 1] & 0xff) << 8
        | (b[p + 2] & 0xff) << 16
        | (b[p + 3] & 0xff) << 24;
  }

  private long le64(String what) throws IOException {
    in.require(8, what);
    byte[] b = in.buf;
    int p = in.pos;
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[p + i] & 0xff);
    }
    in.pos = p + 8;
    return v;
  }

  /** Reads a text line (without its '\n') as Latin-1 bytes → String; throws when truncated. */
  private String textLine(String what) throws IOException {
    long off = in.offset();
    int n = in.line(MAX_LINE);
    if (n == -1) {
      throw malformed("pickle data was truncated (in " + what + " line)", off);
    }
    if (n == -2) {
      throw malformed(what + " line longer than " + MAX_LINE + " bytes", off);
    }
    String s = new String(in.buf, in.pos, n, StandardCharsets.UTF_8);
    in.pos += n + 1;
    return s;
  }

  private long parseDecimal(String line, String what, long off) throws MalformedFileException {
    String t = line.strip();
    if (t.endsWith("L")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Long.parseLong(t.replace("_", ""));
    } catch (NumberFormatException e) {
      throw malformed("invalid " + what + " argument '" + shorten(line) + "'", off);
    }
  }

  // ---------------------------------------------------------------- constants

  private static final int BYTES = 0;
  private static final int UTF8 = 1;
  private static final int LATIN1 = 2;

  /** Reads a length-prefixed payload: Bytes, or a Str decoded as UTF-8 or Latin-1. */
  private Object payload(long len, int kind, String what, long opOff) throws IOException {
    // the common case kept small enough for the JIT to inline into run(): a short constant
    // already in the buffer
    if (len >= 0 && len <= in.lim - in.pos && len <= INLINE_MAX) {
      long start = in.offset();
      if (start + len <= in.end()) {
        int n = (int) len;
        Object v =
            kind == BYTES ? new Bytes(start, len) : decodeStr(in.buf, in.pos, n, kind == LATIN1);
        checkEmbedded(in.buf, in.pos, n, kind == UTF8, start, v);
        in.pos += n;
        return v;
      }
    }
    return payloadSlow(len, kind, what, opOff);
  }

  private Object payloadSlow(long len, int kind, String what, long opOff) throws IOException {
    boolean str = kind == UTF8;
    if (len < 0) {
      throw malformed(what + " has a negative byte count", opOff);
    }
    long start = in.offset();
    if (start + len > in.end()) {
      throw malformed("pickle data was truncated (" + what + " of " + len + " bytes)", opOff);
    }
    if (len <= INLINE_MAX) {
      int n = (int) len;
      in.require(n, what);
      Object v =
          kind == BYTES ? new Bytes(start, len) : decodeStr(in.buf, in.pos, n, kind == LATIN1);
      checkEmbedded(in.buf, in.pos, n, str, start, v);
      in.pos += n;
      return v;
    }
    // Large: look at the first bytes, keep a prefix of strings, skip the rest.
    int peek = in.available(64) ? 64 : 0;
    Object v;
    if (kind != BYTES) {
      int p = (int) Math.min(Values.MAX_STRING * 4L, len);
      in.require(p, what);
      v = decodeStr(in.buf, in.pos, p, kind == LATIN1);
      v = new Str(((Str) v).value(), true);
    } else {
      v = new Bytes(start, len);
    }
    if (peek > 0 && looksEmbedded(in.buf, in.pos, 64, str)) {
      if (len <= EMBED_MAX) {
        byte[] all = in.copy((int) len);
        if (all == null) {
          throw malformed("pickle data was truncated (" + what + ")", opOff);
        }
        checkEmbedded(all, 0, all.length, str, start, v);
        return v;
      }
      reporter.report(
          Severity.MEDIUM,
          RULE_EMBEDDED_TOO_LARGE,
          "a " + len + "-byte constant looks like a nested pickle but is too large to examine",
          start);
    }
    if (!in.skip(len)) {
      throw malformed("pickle data was truncated (" + what + ")", opOff);
    }
    return v;
  }

  private static String truncate(String s) {
    return s.length() <= Values.MAX_STRING ? s : s.substring(0, Values.MAX_STRING);
  }

  private Str decodeStr(byte[] b, int off, int n, boolean latin1) {
    Str known = shortStrings.get(b, off, n);
    if (known != null) {
      return known;
    }
    var cs = latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    if (n > Values.MAX_STRING * 4) {
      String s = new String(b, off, Values.MAX_STRING * 4, cs);
      return new Str(truncate(s), true);
    }
    String s = new String(b, off, n, cs);
    return s.length() > Values.MAX_STRING ? new Str(truncate(s), true) : new Str(s, false);
  }

  private static Str str(String s) {
    return s.length() > Values.MAX_STRING ? new Str(truncate(s), true) : new Str(s, false);
  }

  /**
   * True when bytes at off look like a nested pickle (PROTO 2-5, or a protocol-0 GLOBAL), a zip
   * (torch.save output) or base64 of a pickle. For str payloads the UTF-8 of U+0080 (C2 80) counts
   * too, because protocol 2 pickles bytes as {@code _codecs.encode(str, 'latin1')}.
   */
  static boolean looksEmbedded(byte[] b, int off, int n, boolean str) {
    if (n < 4) {
      return false;
    }
    int b0 = b[off] & 0xff;
    int b1 = b[off + 1] & 0xff;
    if (b0 == 0x80 && b1 >= 2 && b1 <= 5) {
      return true;
    }
    if (str && b0 == 0xc2 && b1 == 0x80 && n >= 3 && (b[off + 2] & 0xff) >= 2 && b[off + 2] <= 5) {
      return true;
    }
    if (b0 == 'P' && b1 == 'K' && b[off + 2] == 3 && b[off + 3] == 4) {
      return true;
    }
    if (b0 == 'g' && b1 == 'A' && n >= 12 && b[off + 2] >= 'I' && b[off + 2] <= 'X') {
      return true;
    }
    return b0 == 'c' && protocol0Global(b, off, Math.min(n, 256));
  }

  /** "c" + module + "\n" + name + "\n" with identifier-like parts. */
  private static boolean protocol0Global(byte[] b, int off, int n) {
    int i = off + 1;
    int lines = 0;
    int partLen = 0;
    for (; i < off + n; i++) {
      int c = b[i] & 0xff;
      if (c == '\n') {
        if (partLen == 0) {
          return false;
        }
        if (++lines == 2) {
          return true;
        }
        partLen = 0;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        partLen++;
      } else {
        return false;
      }
    }
    return false;
  }

  private void checkEmbedded(byte[] b, int off, int n, boolean str, long at, Object value)
      throws IOException {
    if (embedded == null || !looksEmbedded(b, off, n, str)) {
      return;
    }
    byte[] content;
    int b0 = b[off] & 0xff;
    if (b0 == 'g') {
      content = base64(b, off, n);
    } else if (str && b0 == 0xc2) {
      content = latin1(new String(b, off, n, StandardCharsets.UTF_8));
    } else {
      content = Arrays.copyOfRange(b, off, off + n);
    }
    if (content == null || content.length < 4) {
      return;
    }
    embedded.scan((str ? "str@" : "bytes@") + at, content);
  }

  private static byte[] base64(byte[] b, int off, int n) {
    try {
      int end = off + n;
      while (end > off && Character.isWhitespace(b[end - 1])) {
        end--;
      }
      byte[] decoded = Base64.getMimeDecoder().decode(Arrays.copyOfRange(b, off, end));
      return decoded.length >= 2 && (decoded[0] & 0xff) == 0x80 ? decoded : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] latin1(String s) {
    byte[] out = new byte[s.length()];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xff) {
        return null;
      }
      out[i] = (byte) c;
    }
    return out;
  }

  // ---------------------------------------------------------------- globals

  private Global findClass(String module, String name, long off) {
    imports++;
    String mapped0 = module;
    String mapped1 = name;
    if (proto < 3) {
      String[] m = CompatPickle.map(module, name);
      mapped0 = m[0];
      mapped1 = m[1];
    }
    String key = proto + "\u0000" + module + "\u0000" + name;
    GlobalVerdict v = verdicts.get(key);
    if (v == null) {
      v = GlobalPolicy.judge(module, name, proto);
      if (verdicts.size() < 10_000) {
        verdicts.put(key, v);
      }
    }
    if (!v.allowed()) {
      String shown = shorten(module) + "." + shorten(name);
      String alias =
          mapped0.equals(module) && mapped1.equals(name)
              ? ""
              : " (Python 2 name of " + mapped0 + "." + mapped1 + ")";
      String dotted =
          proto >= 4 && name.indexOf('.') >= 0
              ? " (an attribute chain, resolved by protocol 4+)"
              : "";
      reporter.report(
          v.severity(), v.rule(), "imports " + shown + alias + dotted + ": " + v.why(), off);
    }
    return new Global(mapped0, mapped1, off);
  }

  private static String shorten(String s) {
    String t = s.length() > 120 ? s.substring(0, 120) + "…" : s;
    StringBuilder b = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.toString();
  }

  private static String describe(Object v) {
    if (v instanceof Str s) {
      return "the string " + shorten(s.toString());
    }
    if (v instanceof Obj o) {
      return o.origin == null
          ? "a value computed by the pickle"
          : "the result of calling " + o.origin.qualified();
    }
    if (v instanceof Global g) {
      return g.qualified();
    }
    if (v instanceof Container c) {
      return switch (c.kind) {
        case 'l' -> "a list";
        case 't' -> "a tuple";
        case 'd' -> "a dict";
        default -> "a set";
      };
    }
    if (v instanceof Bytes) {
      return "a bytes constant";
    }
    if (v instanceof Persistent) {
      return "a persistent object";
    }
    return "a constant (" + v + ")";
  }

  // ---------------------------------------------------------------- calls and mutation

  private Object call(Object callable, Object args, long off, String how) {
    if (callable instanceof Global g) {
      Obj o = new Obj(g);
      o.args = args;
      return o;
    }
    reporter.report(
        Severity.HIGH,
        RULE_CALL_COMPUTED,
        how + " calls " + describe(callable) + " instead of an imported global: a gadget chain",
        off);
    return new Obj(null);
  }

  private void mutate(Object target, String how, long off) {
    if (target instanceof Global g) {
      reporter.report(
          Severity.HIGH,
          RULE_MUTATE_GLOBAL,
          how
              + " modifies "
              + g.qualified()
              + " itself (a class, function or module), which changes"
              + " code other objects use",
          off);
    }
  }

  // ---------------------------------------------------------------- the machine

  /**
   * Runs one pickle to its STOP. Returns false (and consumes nothing) if the input is at its end.
   * Throws MalformedFileException where CPython's unpickler would raise.
   */
  boolean runStream() throws IOException {
    if (in.atEof()) {
      return false;
    }
    try {
      run();
      return true;
    } finally {
      account();
    }
  }

  private void run() throws IOException {
    while (true) {
      if (--budget <= 0) {
        account();
      }
      opcodes++;
      long off = in.offset();
      if (frameEnd >= 0 && off >= frameEnd) {
        if (off > frameEnd) {
          frameViolation("an opcode runs past the end of its FRAME", off);
        }
        frameEnd = -1;
      }
      int op = in.pos < in.lim ? in.buf[in.pos++] & 0xff : in.read();
      if (op < 0) {
        throw malformed("pickle data was truncated (no STOP opcode)", off);
      }
      switch (op) {
        case '(' -> { // MARK
          if (nm == marks.length) {
            if (sp + nm >= maxStack) {
              throw limit("stack", "pickle MARK stack deeper than " + maxStack);
            }
            marks = Arrays.copyOf(marks, nm * 2);
          }
          marks[nm++] = sp;
          fence = sp;
        }
        case '.' -> { // STOP
          pop(off);
          return;
        }
        case '0' -> { // POP: pops a mark when the top is exactly a mark
          if (nm > 0 && marks[nm - 1] == sp) {
            nm--;
            fence = nm > 0 ? marks[nm - 1] : 0;
          } else {
            pop(off);
          }
        }
        case '1' -> truncateTo(marker(off)); // POP_MARK
        case '2' -> { // DUP
          if (sp <= fence) {
            throw underflow(off);
          }
          push(stack[sp - 1]);
        }
        case 'F' -> { // FLOAT
          String line = textLine("FLOAT");
          try {
            Double.parseDouble(line.strip());
          } catch (NumberFormatException e) {
            if (!line.strip().matches("(?i)[+-]?(inf|nan|infinity)")) {
              throw malformed("could not convert string to float: '" + shorten(line) + "'", off);
            }
          }
          push(Values.OPAQUE);
        }
        case 'G' -> { // BINFLOAT: 8-byte big-endian double
          in.require(8, "BINFLOAT");
          in.pos += 8;
          push(Values.OPAQUE);
        }
        case 'I' -> { // INT
          String line = textLine("INT");
          String t = line.strip();
          if (t.equals("00")) {
            push(Boolean.FALSE);
          } else if (t.equals("01")) {
            push(Boolean.TRUE);
          } else {
            push(parseInt(t, off));
          }
        }
        case 'J' -> push((long) le32("BININT"));
        case 'K' -> push(SMALL_INTS[u8("BININT1")]);
        case 'M' -> push((long) le16("BININT2"));
        case 'L' -> push(parseInt(textLine("LONG").strip().replaceAll("L$", ""), off));
        case 0x8a -> push(longBytes(u8("LONG1"), off));
        case 0x8b -> {
          int n = le32("LONG4");
          if (n < 0) {
            throw malformed("LONG pickle has negative byte count", off);
          }
          push(longBytes(n, off));
        }
        case 'N' -> push(Values.NONE);
        case 0x88 -> push(Boolean.TRUE);
        case 0x89 -> push(Boolean.FALSE);
        case 'P' -> push(persistent(str(textLine("PERSID")), off)); // PERSID
        case 'Q' -> push(persistent(pop(off), off)); // BINPERSID
        case 'R' -> { // REDUCE
          Object args = pop(off);
          if (sp <= fence) {
            throw underflow(off);
          }
          stack[sp - 1] = call(stack[sp - 1], args, off, "REDUCE");
        }
        case 'S' -> { // STRING: quoted, escape-decoded
          String line = textLine("STRING");
          String t = line;
          while (!t.isEmpty() && Character.isWhitespace(t.charAt(t.length() - 1))) {
            t = t.substring(0, t.length() - 1);
          }
          if (t.length() < 2
              || t.charAt(0) != t.charAt(t.length() - 1)
              || (t.charAt(0) != '\'' && t.charAt(0) != '"')) {
            throw malformed("the STRING opcode argument must be quoted", off);
          }
          String v = PyEscapes.escapeDecode(t.substring(1, t.length() - 1));
          byte[] raw = v.getBytes(StandardCharsets.ISO_8859_1);
          checkEmbedded(raw, 0, raw.length, false, off + 1, null);
          push(str(v));
        }
        case 'T' -> { // BINSTRING
          int n = le32("BINSTRING");
          if (n < 0) {
            throw malformed("BINSTRING pickle has negative byte count", off);
          }
          push(payload(n, LATIN1, "BINSTRING", off));
        }
        case 'U' -> push(payload(u8("SHORT_BINSTRING"), LATIN1, "SHORT_BINSTRING", off));
        case 'V' -> { // UNICODE: raw-unicode-escape
          String v = PyEscapes.rawUnicodeEscapeDecode(textLine("UNICODE"));
          byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
          checkEmbedded(utf8, 0, utf8.length, true, off + 1, null);
          push(str(v));
        }
        case 'X' -> push(payload(le32("BINUNICODE") & 0xffffffffL, UTF8, "BINUNICODE", off));
        case 0x8c -> push(payload(u8("SHORT_BINUNICODE"), UTF8, "SHORT_BINUNICODE", off));
        case 0x8d -> push(payload(le64("BINUNICODE8"), UTF8, "BINUNICODE8", off));
        case 'B' -> push(payload(le32("BINBYTES") & 0xffffffffL, BYTES, "BINBYTES", off));
        case 'C' -> push(payload(u8("SHORT_BINBYTES"), BYTES, "SHORT_BINBYTES", off));
        case 0x8e -> push(payload(le64("BINBYTES8"), BYTES, "BINBYTES8", off));
        case 0x96 -> push(payload(le64("BYTEARRAY8"), BYTES, "BYTEARRAY8", off));
        case 0x97 -> { // NEXT_BUFFER
          reporter.report(
              Severity.MEDIUM,
              RULE_OUT_OF_BAND,
              "refers to out-of-band buffers (NEXT_BUFFER): pickle.load fails without them, a"
                  + " custom loader supplies data ModelGate cannot see",
              off);
          push(Values.OPAQUE);
        }
        case 0x98 -> { // READONLY_BUFFER
          if (sp <= fence) {
            throw underflow(off);
          }
        }
        case 'a' -> { // APPEND
          Object v = pop(off);
          if (sp <= fence) {
            throw underflow(off);
          }
          Object target = stack[sp - 1];
          if (target instanceof Container c) {
            c.add(v);
          } else {
            mutate(target, "APPEND", off);
          }
        }
        case 'e' -> appends(marker(off), off); // APPENDS
        case 'b' -> build(off); // BUILD
        case 'c' -> { // GLOBAL
          String module = textLine("GLOBAL module");
          String name = textLine("GLOBAL name");
          push(findClass(module, name, off));
        }
        case 0x93 -> { // STACK_GLOBAL
          Object name = pop(off);
          Object module = pop(off);
          if (module instanceof Str m
              && name instanceof Str n
              && !m.truncated()
              && !n.truncated()) {
            push(findClass(m.value(), n.value(), off));
          } else {
            imports++;
            reporter.report(
                Severity.HIGH,
                RULE_NON_CONSTANT,
                "STACK_GLOBAL imports a name built at load time (module: "
                    + describe(module)
                    + ", name: "
                    + describe(name)
                    + "), which hides what is imported",
                off);
            push(new Obj(null));
          }
        }
        case 'd' -> { // DICT
          int m = marker(off);
          if (((sp - m) & 1) != 0) {
            throw malformed("odd number of items for DICT", off);
          }
          push(collect('d', m));
        }
        case '}' -> push(new Container('d', 4));
        case 's' -> setitems(sp - 2, off); // SETITEM
        case 'u' -> setitems(marker(off), off); // SETITEMS
        case ']' -> push(new Container('l', 4));
        case 'l' -> push(collect('l', marker(off))); // LIST
        case ')' -> push(new Container('t', 0));
        case 't' -> push(collect('t', marker(off))); // TUPLE
        case 0x85, 0x86, 0x87 -> { // TUPLE1..3
          int n = op - 0x84;
          if (sp - n < fence) {
            throw underflow(off);
          }
          push(collect('t', sp - n));
        }
        case 0x8f -> push(new Container('s', 4)); // EMPTY_SET
        case 0x90 -> { // ADDITEMS
          int m = marker(off);
          if (m > sp || m <= fence) {
            throw underflow(off);
          }
          Object target = stack[m - 1];
          if (target instanceof Container c) {
            for (int i = m; i < sp; i++) {
              c.add(stack[i]);
            }
          } else {
            mutate(target, "ADDITEMS", off);
          }
          truncateTo(m);
        }
        case 0x91 -> push(collect('f', marker(off))); // FROZENSET
        case 'g' -> getMemo(parseDecimal(textLine("GET"), "GET", off), off);
        case 'h' -> getMemo(u8("BINGET"), off);
        case 'j' -> getMemo(le32("LONG_BINGET") & 0xffffffffL, off);
        case 'p' -> {
          long idx = parseDecimal(textLine("PUT"), "PUT", off);
          if (idx < 0) {
            throw malformed("negative PUT argument", off);
          }
          putMemo(idx, off);
        }
        case 'q' -> putMemo(u8("BINPUT"), off);
        case 'r' -> putMemo(le32("LONG_BINPUT") & 0xffffffffL, off);
        case 0x94 -> putMemo(memo.size(), off); // MEMOIZE
        case 'i' -> { // INST
          int m = marker(off);
          String module = textLine("INST module");
          String name = textLine("INST name");
          Global cls = findClass(module, name, off);
          Container args = collect('t', m);
          push(call(cls, args, off, "INST"));
        }
        case 'o' -> { // OBJ
          int m = marker(off);
          if (sp - m < 1) {
            throw underflow(off);
          }
          Object cls = stack[m];
          Container args = new Container('t', sp - m - 1);
          for (int i = m + 1; i < sp; i++) {
            args.add(stack[i]);
          }
          truncateTo(m);
          push(call(cls, args, off, "OBJ"));
        }
        case 0x81 -> { // NEWOBJ
          Object args = pop(off);
          Object cls = pop(off);
          push(call(cls, args, off, "NEWOBJ"));
        }
        case 0x92 -> { // NEWOBJ_EX
          pop(off);
          Object args = pop(off);
          Object cls = pop(off);
          push(call(cls, args, off, "NEWOBJ_EX"));
        }
        case 0x82 -> ext(u8("EXT1"), off);
        case 0x83 -> ext(le16("EXT2"), off);
        case 0x84 -> ext(le32("EXT4"), off);
        case 0x80 -> { // PROTO
          int p = u8("PROTO");
          if (p > 5) {
            throw malformed("unsupported pickle protocol: " + p, off);
          }
          proto = p;
        }
        case 0x95 -> { // FRAME
          long len = le64("FRAME");
          long start = in.offset();
          if (len < 0 || start + len > in.end()) {
            throw malformed("pickle data was truncated (FRAME of " + len + " bytes)", off);
          }
          if (frameEnd >= 0 && off < frameEnd) {
            frameViolation("a FRAME starts before the previous frame ends", off);
          }
          frameEnd = start + len;
        }
        default ->
            throw malformed(
                String.format("invalid load key, '\\x%02x'", op) + " (not a pickle opcode)", off);
      }
    }
  }

  private void frameViolation(String what, long off) {
    reporter.report(
        Severity.HIGH,
        RULE_FRAME,
        what
            + ": the C unpickler reads across it while Python's pure unpickler and most scanners"
            + " see different opcodes",
        off);
  }

  private Object parseInt(String t, long off) throws MalformedFileException {
    try {
      return Long.parseLong(t.replace("_", ""));
    } catch (NumberFormatException e) {
      try {
        String u = t.replace("_", "");
        new BigInteger(u.startsWith("+") ? u.substring(1) : u);
        return Values.OPAQUE;
      } catch (NumberFormatException e2) {
        if (t.matches("[+-]?0[xXoObB][0-9a-fA-F]+")) {
          return Values.OPAQUE;
        }
        throw malformed("invalid literal for int(): '" + shorten(t) + "'", off);
      }
    }
  }

  private Object longBytes(int n, long off) throws IOException {
    if (n == 0) {
      return 0L;
    }
    if (n <= 8) {
      in.require(n, "LONG");
      long v = 0;
      for (int i = n - 1; i >= 0; i--) {
        v = v << 8 | (in.buf[in.pos + i] & 0xff);
      }
      if (n < 8 && (in.buf[in.pos + n - 1] & 0x80) != 0) {
        v -= 1L << (8 * n); // two's complement sign
      }
      in.pos += n;
      return v;
    }
    if (!in.skip(n)) {
      throw malformed("pickle data was truncated (LONG)", off);
    }
    return Values.OPAQUE;
  }

  private void appends(int m, long off) throws MalformedFileException {
    if (m > sp || m <= fence) {
      throw underflow(off);
    }
    Object target = stack[m - 1];
    if (target instanceof Container c) {
      c.addAll(stack, m, sp);
    } else if (sp > m) {
      mutate(target, "APPENDS", off);
    }
    truncateTo(m);
  }

  private void setitems(int x, long off) throws MalformedFileException {
    if (x > sp || x <= fence) {
      throw underflow(off);
    }
    if (sp == x) {
      return;
    }
    if (((sp - x) & 1) != 0) {
      throw malformed("odd number of items for SETITEMS", off);
    }
    Object target = stack[x - 1];
    if (target instanceof Container c) {
      c.addAll(stack, x, sp);
    } else if (target instanceof Obj o && o.state == null) {
      Container d = new Container('d', sp - x);
      d.addAll(stack, x, sp);
      o.state = d;
    } else {
      mutate(target, "SETITEMS", off);
    }
    truncateTo(x);
  }

  private void getMemo(long idx, long off) throws MalformedFileException {
    Object v = memo.get(idx);
    if (v == null) {
      throw malformed("Memo value not found at index " + idx, off);
    }
    push(v);
  }

  private void putMemo(long idx, long off) throws MalformedFileException {
    if (sp <= fence) {
      throw underflow(off);
    }
    memo.put(idx, stack[sp - 1]);
    if (memo.size() > maxMemo) {
      throw limit("memo", "pickle memo larger than " + maxMemo + " entries");
    }
  }

  private void ext(int code, long off) throws MalformedFileException {
    if (code <= 0) {
      throw malformed("EXT specifies code <= 0", off);
    }
    imports++;
    reporter.report(
        Severity.HIGH,
        RULE_EXT,
        "imports through copyreg extension code "
            + code
            + ": the global it names is invisible in the file and chosen by the loading program",
        off);
    push(new Obj(null));
  }

  private void build(long off) throws IOException {
    if (sp - 2 < fence) {
      throw underflow(off);
    }
    Object state = pop(off);
    Object inst = stack[sp - 1];
    if (inst instanceof Obj o) {
      o.state = state;
      if (joblib && o.origin != null && isJoblibWrapper(o.origin)) {
        // joblib reads the array from the file itself, after the current frame's bytes
        if (frameEnd >= 0) {
          if (in.offset() != frameEnd) {
            frameViolation("a joblib array starts inside a FRAME", off);
          }
          frameEnd = -1;
        }
        stack[sp - 1] = JoblibArrays.readArray(this, o, off);
      }
    } else {
      mutate(inst, "BUILD", off);
    }
  }

  private static boolean isJoblibWrapper(Global g) {
    return g.module().equals("joblib.numpy_pickle")
        && (g.name().equals("NumpyArrayWrapper") || g.name().equals("NDArrayWrapper"));
  }

  private Persistent persistent(Object pid, long off) {
    if (persistentIds != null) {
      persistentIds.accept(PersistentId.of(pid, off));
    }
    return new Persistent(pid);
  }

  // ---------------------------------------------------------------- for JoblibArrays

  PickleInput input() {
    return in;
  }

  Reporter reporter() {
    return reporter;
  }

  /** Runs a nested pickle stream on the same input (joblib object arrays). */
  void runNested(long off) throws IOException {
    if (nesting >= 8) {
      throw malformed("joblib object arrays nested too deeply", off);
    }
    PickleMachine inner =
        new PickleMachine(ctx, in, reporter, embedded, joblib, verdicts, nesting + 1);
    if (!inner.runStream()) {
      throw malformed("joblib object array: pickle data was truncated", off);
    }
    imports += inner.imports;
    opcodes += inner.opcodes;
  }
}
