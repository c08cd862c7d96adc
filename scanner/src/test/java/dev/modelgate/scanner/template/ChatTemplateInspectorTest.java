package dev.modelgate.scanner.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Issue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatTemplateInspectorTest {

  private static List<String> rules(String template) {
    return ChatTemplateInspector.inspect(template).stream().map(Issue::rule).toList();
  }

  private static Severity max(String template) {
    return ChatTemplateInspector.inspect(template).stream()
        .map(Issue::severity)
        .reduce(Severity.NONE, Severity::max);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
            + " + '<|im_end|>\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
        "{%- set ns = namespace(found=false) -%}{%- for m in messages -%}{%- if m.role == 'system' -%}"
            + "{%- set ns.found = true -%}{%- endif -%}{%- endfor -%}{{ ns.found }}",
        "{{ bos_token }}{% for m in messages %}{% if (m['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            + "{{ raise_exception('Conversation roles must alternate user/assistant') }}{% endif %}{% endfor %}",
        "{{ tools | tojson(indent=4) }}{{ message.content.split('</think>')[-1].lstrip('\\n') }}",
        "{{ {'a': {'b': 1}} }}{{ '}}' }}{{ strftime_now('%d %b %Y') }}",
        "{# comment with __class__ and os.popen #}{% raw %}{{ ''.__class__ }}{% endraw %}{{ x }}",
        "{% set system_message = messages[0]['content'] %}{{ 'system' }}{{ message['role'] == 'system' }}",
        "{% for tool in tools %}{{ tool.function.name }}{{ tool['function']['parameters'] | tojson }}{% endfor %}",
      })
  void ordinaryTemplatesAreClean(String template) {
    assertThat(ChatTemplateInspector.inspect(template)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '"',
      value = {
        "{{ ''.__class__.__mro__[1].__subclasses__() }} => chat-template.ssti.dunder => CRITICAL",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }} => chat-template.ssti.gadget => CRITICAL",
        "{{ joiner.__init__.__globals__['os'] }} => chat-template.ssti.gadget => CRITICAL",
        "{{ namespace.__init__.__globals__ }} => chat-template.ssti.gadget => CRITICAL",
        "{{ lipsum.__globals__['os'].popen('id') }} => chat-template.ssti.module => CRITICAL",
        "{{ x.__globals__.__builtins__.eval('1') }} => chat-template.ssti.module => CRITICAL",
        "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('\\137\\137class\\137\\137') }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('\\u005f\\u005fclass\\u005f\\u005f') }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('__cla' ~ 'ss__') }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('_' * 2 ~ 'class' ~ '_' * 2) }} => chat-template.ssti.obfuscation => CRITICAL",
        "{% set u = '_' %}{{ ()|attr(u ~ u ~ 'globals' ~ u ~ u) }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('%c%cclass%c%c'|format(95, 95, 95, 95)) }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('%c%cclass%c%c' % (95, 95, 95, 95)) }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('{0}{0}class{0}{0}'.format('_')) }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr(['_', '_', 'class', '_', '_']|join) }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ ()|attr('__ssalc__'|reverse) }} => chat-template.ssti.obfuscation => CRITICAL",
        "{{ messages|attr('pop') }} => chat-template.ssti.attr-filter => HIGH",
        "{{ m._secret }} => chat-template.ssti.private-attribute => HIGH",
        "{{ self._TemplateReference__context }} => chat-template.ssti.gadget => CRITICAL",
        "{{ x['__class__'] }} => chat-template.ssti.dunder => CRITICAL",
        "{{ x.__len__() }} => chat-template.ssti.dunder => HIGH",
        "{{ x['os'] }} => chat-template.ssti.module => CRITICAL",
        "{% include 'x.jinja' %} => chat-template.include => MEDIUM",
        "{% extends 'base' %} => chat-template.include => MEDIUM",
        "{{ 'unterminated }} => chat-template.unparsable => HIGH",
      })
  void injectionTechniquesAreFound(String template, String rule, Severity severity) {
    assertThat(rules(template)).as(template).contains(rule);
    assertThat(max(template)).as(template).isEqualTo(severity);
  }

  @Test
  void tooLongTemplatesAreALimitFinding() {
    String t = "{{ x }}" + " ".repeat(ChatTemplateInspector.MAX_TEMPLATE_CHARS);
    assertThat(ChatTemplateInspector.inspect(t))
        .singleElement()
        .satisfies(i -> assertThat(i.rule()).isEqualTo(ChatTemplateInspector.RULE_LIMIT))
        .satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.HIGH));
  }

  @Test
  void repeatedFindingsAreReportedOnce() {
    assertThat(ChatTemplateInspector.inspect("{{ a.__class__ }}{{ b.__class__ }}")).hasSize(1);
  }

  @Test
  void largeAdversarialTemplatesAreCheckedInLinearTime() {
    // unbalanced brackets and long operator chains: each token is folded a bounded number of times
    String deep = "{{ " + "(".repeat(40_000) + "'a'" + ")".repeat(40_000) + " }}";
    String chain = "{{ a" + " ~ 'b'".repeat(30_000) + " }}";
    String lists = "{{ " + "['a', ['b', (".repeat(10_000) + "c" + ")]]".repeat(10_000) + " }}";
    String many =
        "{% for m in messages %}{{ m['role'] ~ ': ' ~ m.content|trim }}{% endfor %}".repeat(3_000);
    for (String t : new String[] {deep, chain, lists, many}) {
      long start = System.nanoTime();
      ChatTemplateInspector.inspect(t);
      assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(5_000_000_000L);
    }
  }

  @Test
  void folderBoundsWhatItBuilds() {
    // 'A' * 10**9 would be a memory bomb if evaluated: the folder refuses and the scan ends quickly
    assertThat(ChatTemplateInspector.inspect("{{ ('A' * 1000000000) ~ 'x' }}")).isEmpty();
  }
}
