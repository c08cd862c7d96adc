package dev.modelgate.scanner.template;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Issue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A stand-alone chat template ({@code chat_template.jinja} in Hugging Face repos): Jinja text that
 * formats chat messages. Recognised by content (Jinja delimiters plus the variables chat templates
 * use, or Jinja statements), checked with {@link ChatTemplateInspector}. Text that does not lex as
 * Jinja is only LOW here, since it may not be a template at all.
 */
public final class ChatTemplateScanner implements FormatScanner {
  private static final String[] CHAT_WORDS = {
    "messages", "message[", "message.", "bos_token", "eos_token", "add_generation_prompt"
  };

  @Override
  public String format() {
    return "chat-template";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("jinja", "j2");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  /** Text with Jinja blocks that mentions chat variables; below the structural score. */
  @Override
  public int detect(Probe probe) {
    String text = probe.headTextOrNull();
    if (text == null) {
      return Detection.NO;
    }
    if (!text.contains("{%") && !text.contains("{{")) {
      return Detection.NO;
    }
    for (String w : CHAT_WORDS) {
      if (text.contains(w)) {
        return Detection.LIKELY - 10;
      }
    }
    boolean statements = text.contains("{%") && (text.contains("endfor") || text.contains("endif"));
    return statements ? Detection.LIKELY - 10 : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    long size = source.size();
    if (size > 4L * ChatTemplateInspector.MAX_TEMPLATE_CHARS) {
      ctx.report(
          Severity.HIGH,
          ChatTemplateInspector.RULE_LIMIT,
          "chat template of " + size + " bytes is too long to examine",
          -1);
      return;
    }
    ctx.chargeBytes(size);
    String text = new String(source.readFully(0, (int) size), StandardCharsets.UTF_8);
    for (Issue i : ChatTemplateInspector.inspect(text)) {
      // recognised by content only: text that does not lex as Jinja may simply not be a template
      Severity s =
          i.rule().equals(ChatTemplateInspector.RULE_UNPARSABLE) ? Severity.LOW : i.severity();
      ctx.report(s, i.rule(), i.message(), -1);
    }
  }
}
