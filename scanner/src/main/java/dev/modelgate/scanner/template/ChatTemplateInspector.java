package dev.modelgate.scanner.template;

import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Issue;
import dev.modelgate.scanner.check.Snippets;
import dev.modelgate.scanner.template.JinjaLexer.Block;
import dev.modelgate.scanner.template.JinjaLexer.Kind;
import dev.modelgate.scanner.template.JinjaLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds server-side template injection in a Jinja chat template (GGUF {@code
 * tokenizer.chat_template*}, {@code tokenizer_config.json} {@code chat_template}) without rendering
 * it. Chat templates only format messages; reaching Python internals from one is never needed, so
 * every path to them is reported: dunder attributes ({@code __class__}, {@code __globals__}, …),
 * the Jinja globals used as gadgets ({@code cycler}, {@code joiner}, {@code namespace}, {@code
 * lipsum}, {@code self}), module and function names ({@code os}, {@code popen}, {@code eval}, …),
 * the {@code attr} filter, private attributes, and names built from pieces (concatenation, escapes,
 * {@code format}, {@code join}, {@code reverse}). Comments and {@code raw} blocks are text and
 * never flagged.
 */
public final class ChatTemplateInspector {
  /** Longest template examined; real chat templates are a few KB. */
  public static final int MAX_TEMPLATE_CHARS = 256 * 1024;

  public static final String RULE_DUNDER = "chat-template.ssti.dunder";
  public static final String RULE_GADGET = "chat-template.ssti.gadget";
  public static final String RULE_MODULE = "chat-template.ssti.module";
  public static final String RULE_OBFUSCATION = "chat-template.ssti.obfuscation";
  public static final String RULE_ATTR_FILTER = "chat-template.ssti.attr-filter";
  public static final String RULE_PRIVATE = "chat-template.ssti.private-attribute";
  public static final String RULE_INCLUDE = "chat-template.include";
  public static final String RULE_UNPARSABLE = "chat-template.unparsable";
  public static final String RULE_LIMIT = "chat-template.limit";

  /** Dunder names that lead from any object to classes, modules, globals or code. */
  private static final Set<String> ESCAPE_DUNDERS =
      Set.of(
          "class",
          "mro",
          "base",
          "bases",
          "subclasses",
          "globals",
          "builtins",
          "import",
          "init",
          "dict",
          "getattribute",
          "getattr",
          "code",
          "func",
          "self",
          "module",
          "loader",
          "spec",
          "reduce",
          "reduce_ex",
          "call",
          "closure",
          "wrapped",
          "objclass",
          "func_globals",
          "new",
          "getitem",
          "traceback",
          "frame",
          "f_globals",
          "tb_frame",
          "qualname",
          "name");

  /** Jinja globals whose attributes lead to module globals (the classic gadget chains). */
  private static final Set<String> GADGET_GLOBALS =
      Set.of(
          "cycler",
          "joiner",
          "namespace",
          "lipsum",
          "self",
          "range",
          "dict",
          "config",
          "request",
          "url_for",
          "get_flashed_messages",
          "environment");

  /** Attribute names that lead to modules or functions that only code execution needs. */
  private static final Set<String> CODE_ATTRIBUTES =
      Set.of(
          "os",
          "subprocess",
          "popen",
          "system",
          "eval",
          "exec",
          "execfile",
          "import_module",
          "importlib",
          "check_output",
          "check_call",
          "getoutput",
          "getstatusoutput",
          "spawnv",
          "spawnl",
          "execv",
          "execve",
          "posix",
          "builtins",
          "sys",
          "modules",
          "runpy",
          "pty",
          "ctypes",
          "pickle",
          "marshal",
          "shutil",
          "globals",
          "getattr",
          "setattr",
          "delattr",
          "breakpoint",
          "Popen");

  /** Bare variable names that no chat template passes in but an injected one would use. */
  private static final Set<String> CODE_NAMES =
      Set.of(
          "os",
          "subprocess",
          "popen",
          "eval",
          "exec",
          "execfile",
          "importlib",
          "import_module",
          "builtins",
          "posix",
          "runpy",
          "pty",
          "ctypes",
          "getattr",
          "setattr",
          "breakpoint",
          "Popen");

  /** Strings that are flagged when used as a subscript or attr() argument. */
  private static final Set<String> CODE_SUBSCRIPTS =
      Set.of(
          "os",
          "subprocess",
          "popen",
          "eval",
          "exec",
          "importlib",
          "import_module",
          "builtins",
          "sys",
          "posix",
          "check_output",
          "getoutput",
          "runpy",
          "pty",
          "ctypes",
          "Popen");

  private static final Pattern DUNDER = Pattern.compile("__([A-Za-z_][A-Za-z0-9_]*?)__");

  private ChatTemplateInspector() {}

  /** The issues in {@code template}; empty for an ordinary template. */
  public static List<Issue> inspect(String template) {
    Map<String, Issue> issues = new LinkedHashMap<>();
    if (template.length() > MAX_TEMPLATE_CHARS) {
      add(
          issues,
          Severity.HIGH,
          RULE_LIMIT,
          "chat template of "
              + template.length()
              + " characters is longer than the "
              + MAX_TEMPLATE_CHARS
              + " examined; it was not checked");
      return List.copyOf(issues.values());
    }
    List<Block> blocks;
    try {
      blocks = JinjaLexer.blocks(template);
    } catch (JinjaLexer.LexException e) {
      add(
          issues,
          Severity.HIGH,
          RULE_UNPARSABLE,
          "chat template is not valid Jinja (" + e.getMessage() + "); it was not fully checked");
      return List.copyOf(issues.values());
    }
    Map<String, Object> constants = new HashMap<>();
    for (Block b : blocks) {
      inspectBlock(b, constants, issues);
    }
    return List.copyOf(issues.values());
  }

  private static void inspectBlock(Block b, Map<String, Object> constants, Map<String, Issue> out) {
    List<Token> t = b.tokens();
    if (b.statement() && !t.isEmpty() && t.get(0).kind() == Kind.NAME) {
      String kw = t.get(0).text();
      if (Set.of("include", "import", "from", "extends").contains(kw)) {
        add(
            out,
            Severity.MEDIUM,
            RULE_INCLUDE,
            "chat template uses {% " + kw + " %}, loading other templates that are not part of it");
      }
    }
    for (int k = 0; k < t.size(); k++) {
      Token tok = t.get(k);
      Token prev = k > 0 ? t.get(k - 1) : null;
      Token next = k + 1 < t.size() ? t.get(k + 1) : null;
      boolean attribute = prev != null && prev.is(".");
      if (tok.kind() == Kind.NAME) {
        checkName(tok.text(), attribute, next, out);
        if (prev != null && prev.is("|") && tok.text().equals("attr")) {
          add(
              out,
              Severity.HIGH,
              RULE_ATTR_FILTER,
              "chat template uses the attr filter, which reaches object attributes by computed name");
        }
      } else if (tok.kind() == Kind.STRING) {
        checkString(tok, prev, next, out);
      }
    }
    foldConstants(b, constants, out);
  }

  private static void checkName(
      String name, boolean attribute, Token next, Map<String, Issue> out) {
    Matcher m = DUNDER.matcher(name);
    if (m.matches()) {
      boolean escape = ESCAPE_DUNDERS.contains(m.group(1));
      add(
          out,
          escape ? Severity.CRITICAL : Severity.HIGH,
          RULE_DUNDER,
          "chat template accesses "
              + name
              + (escape ? ", a path from template objects to Python internals (SSTI)" : ""));
      return;
    }
    if (attribute && name.startsWith("_")) {
      add(
          out,
          Severity.HIGH,
          RULE_PRIVATE,
          "chat template reads the private attribute ." + name + " of a template object");
      return;
    }
    if (!attribute
        && GADGET_GLOBALS.contains(name)
        && next != null
        && (next.is(".") || next.is("|"))) {
      add(
          out,
          Severity.CRITICAL,
          RULE_GADGET,
          "chat template reaches into the Jinja global '"
              + name
              + "', the start of a known gadget chain to module globals (SSTI)");
      return;
    }
    boolean assigned = next != null && next.is("=");
    if (attribute ? CODE_ATTRIBUTES.contains(name) : CODE_NAMES.contains(name) && !assigned) {
      add(
          out,
          attribute ? Severity.CRITICAL : Severity.HIGH,
          RULE_MODULE,
          "chat template refers to "
              + (attribute ? "." : "")
              + name
              + ", a module or function used only to run code");
    }
  }

  private static void checkString(Token tok, Token prev, Token next, Map<String, Issue> out) {
    String s = tok.text();
    boolean subscript = prev != null && prev.is("[") && next != null && next.is("]");
    boolean attrArg = prev != null && prev.is("(");
    checkBuilt(s, tok.escaped(), out);
    if ((subscript || attrArg) && CODE_SUBSCRIPTS.contains(s)) {
      add(
          out,
          Severity.CRITICAL,
          RULE_MODULE,
          "chat template looks up "
              + Snippets.quote(s, 40)
              + ", a module or function used only to run code");
    }
    if (subscript && s.startsWith("_") && !DUNDER.matcher(s).matches()) {
      add(
          out,
          Severity.HIGH,
          RULE_PRIVATE,
          "chat template reads the private item " + Snippets.quote(s, 40));
    }
  }

  /** A string value (literal or built) that spells a dunder name. */
  private static void checkBuilt(String s, boolean obfuscated, Map<String, Issue> out) {
    Matcher m = DUNDER.matcher(s);
    String reversed = new StringBuilder(s).reverse().toString();
    Matcher r = DUNDER.matcher(reversed);
    if (m.find()) {
      boolean escape = ESCAPE_DUNDERS.contains(m.group(1).toLowerCase(Locale.ROOT));
      add(
          out,
          escape ? Severity.CRITICAL : Severity.HIGH,
          obfuscated ? RULE_OBFUSCATION : RULE_DUNDER,
          "chat template "
              + (obfuscated ? "builds" : "contains")
              + " the string "
              + Snippets.quote(m.group(), 40)
              + (obfuscated ? " from pieces or escapes, hiding a Python internal (SSTI)" : "")
              + (!obfuscated && escape ? ", the name of a Python internal (SSTI)" : ""));
    } else if (r.find() && ESCAPE_DUNDERS.contains(r.group(1).toLowerCase(Locale.ROOT))) {
      add(
          out,
          Severity.CRITICAL,
          RULE_OBFUSCATION,
          "chat template contains the reversed name "
              + Snippets.quote(s, 40)
              + " of the Python internal "
              + r.group()
              + " (SSTI)");
    }
  }

  /** Evaluates constant string expressions and checks what they build. */
  private static void foldConstants(
      Block b, Map<String, Object> constants, Map<String, Issue> out) {
    List<Token> t = b.tokens();
    List<String> built = new ArrayList<>();
    ConstantFolder folder = new ConstantFolder(t, constants, built);
    int start = 0;
    if (b.statement()
        && t.size() >= 3
        && t.get(0).kind() == Kind.NAME
        && t.get(0).text().equals("set")
        && t.get(1).kind() == Kind.NAME
        && t.get(2).is("=")) {
      Object v = folder.foldAt(3);
      if (v instanceof String || v instanceof List<?>) {
        constants.put(t.get(1).text(), v);
      } else {
        constants.remove(t.get(1).text());
      }
      start = folder.end();
    }
    for (int k = start; k < t.size(); ) {
      folder.foldAt(k);
      k = Math.max(k + 1, folder.end());
    }
    for (String s : built) {
      checkBuilt(s, true, out);
    }
  }

  private static void add(Map<String, Issue> out, Severity s, String rule, String message) {
    out.putIfAbsent(rule + "\0" + message, new Issue(s, rule, message));
  }
}
