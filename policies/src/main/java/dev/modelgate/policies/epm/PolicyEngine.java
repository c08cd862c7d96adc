package dev.modelgate.policies.epm;

import dev.modelgate.crds.PolicyAction;
import dev.modelgate.crds.PolicyDecision;
import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import dev.modelgate.rego.value.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cloudsmith EPM semantics over compiled ModelPolicies: ascending precedence; each matching policy
 * applies its actions in order; a matching terminal policy stops evaluation; the last SetState
 * wins; a policy that fails to evaluate is logged and quarantines the model (fail closed) without
 * affecting the other policies.
 */
public final class PolicyEngine {

  /** Order of evaluation: precedence, then name, so equal precedences are deterministic. */
  public static final Comparator<CompiledModelPolicy> ORDER =
      Comparator.comparingInt(CompiledModelPolicy::precedence)
          .thenComparing(CompiledModelPolicy::name);

  private final EvalLimits limits;

  public PolicyEngine(EvalLimits limits) {
    this.limits = limits;
  }

  public PolicyEngine() {
    this(EvalLimits.DEFAULT);
  }

  /**
   * Evaluates the policies against one model's input document.
   *
   * @param policies the enabled, valid policies, in any order
   * @param input the input document from {@code PolicyInputBuilder}
   * @param baseline the scanner's verdict, the state before policies
   */
  public PolicyOutcome evaluate(
      List<CompiledModelPolicy> policies, Map<String, Object> input, Baseline baseline) {
    Value inputValue = Values.fromJava(input);
    EvalOptions options =
        EvalOptions.defaults()
            .withInput(inputValue)
            .withLimits(limits)
            .withNowNs(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()))
            .withPrinter(line -> {});
    PolicyAction.State state = baseline.state();
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    List<PolicyDecision> log = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    PolicyDecision base =
        new PolicyDecision(
            Baseline.NAME,
            null,
            baseline.state() == PolicyAction.State.Quarantined,
            false,
            baseline.reasons(),
            List.of("SetState " + baseline.state()));
    log.add(base);

    List<CompiledModelPolicy> ordered = new ArrayList<>(policies);
    ordered.sort(ORDER);
    for (CompiledModelPolicy policy : ordered) {
      long started = System.nanoTime();
      PolicyDecision entry =
          new PolicyDecision(
              policy.name(), policy.precedence(), false, policy.terminal(), List.of(), List.of());
      try {
        boolean matched = matches(policy, options);
        entry.setMatched(matched);
        if (matched) {
          entry.setReasons(reasons(policy, options));
          List<String> applied = new ArrayList<>();
          for (PolicyAction action : policy.actions()) {
            state = apply(action, state, tags);
            applied.add(action.toString());
          }
          entry.setActions(applied);
        }
      } catch (RegoEvalException | PolicyResultException e) {
        entry.setError(e.getMessage());
        failed.add(policy.name());
      }
      entry.setDurationMicros(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
      log.add(entry);
      if (policy.terminal() && Boolean.TRUE.equals(entry.getMatched())) {
        break;
      }
    }
    if (!failed.isEmpty()) {
      state =
          PolicyAction.State
              .Quarantined; // fail closed: an unevaluable policy never lets a model through
    }
    return new PolicyOutcome(state, List.copyOf(tags), log, failed);
  }

  private static PolicyAction.State apply(
      PolicyAction action, PolicyAction.State state, LinkedHashSet<String> tags) {
    return switch (action.getType()) {
      case SetState -> action.getState() == null ? state : action.getState();
      case AddTags -> {
        tags.addAll(action.getTags());
        yield state;
      }
      case RemoveTags -> {
        action.getTags().forEach(tags::remove);
        yield state;
      }
    };
  }

  /** True when the query's value is {@code true}; undefined and {@code false} do not match. */
  private static boolean matches(CompiledModelPolicy policy, EvalOptions options) {
    List<QueryResult> results = policy.match().eval(options);
    if (results.isEmpty()) {
      return false;
    }
    boolean matched = false;
    for (QueryResult r : results) {
      if (r.expressions().isEmpty()) {
        continue;
      }
      Value v = r.expressions().get(r.expressions().size() - 1);
      if (v instanceof BooleanValue b) {
        matched |= b.value();
      } else {
        throw new PolicyResultException(
            "the decision must be a boolean, but the query gave " + ValueJson.write(v));
      }
    }
    return matched;
  }

  /** The policy's {@code reason} strings, sorted (a Rego set has no order of its own). */
  private static List<String> reasons(CompiledModelPolicy policy, EvalOptions options) {
    if (policy.reason() == null) {
      return List.of();
    }
    List<QueryResult> results = policy.reason().eval(options);
    List<String> out = new ArrayList<>();
    for (QueryResult r : results) {
      if (r.expressions().isEmpty()) {
        continue;
      }
      Value v = r.expressions().get(0);
      if (v instanceof SetValue set) {
        for (Value item : set.sorted()) {
          out.add(item instanceof StringValue s ? s.value() : ValueJson.write(item));
        }
      } else if (v instanceof StringValue s) {
        out.add(s.value());
      }
    }
    return out.stream().sorted().toList();
  }

  /** A policy produced a value that is not a decision. */
  static final class PolicyResultException extends RuntimeException {
    PolicyResultException(String message) {
      super(message);
    }
  }
}
