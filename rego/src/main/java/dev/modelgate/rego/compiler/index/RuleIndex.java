package dev.modelgate.rego.compiler.index;

import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.compiler.CompiledRule;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rule index of one rule set (all rules, or all functions, of one name), built once at compile
 * time. Every branch (a rule and each rule of its else chain) gets a bit; for every indexed key, a
 * table says which branches stay possible for a given value of the key. A lookup resolves each key
 * once and intersects; the branches left are the candidates. This is the same filter as OPA's trie
 * (a branch survives iff every condition it states holds; a branch that states nothing about a key
 * does not care about it), with bitsets instead of a tree.
 */
public final class RuleIndex {
  /**
   * At most this many keys (the most often constrained) are indexed: each costs two bitsets over
   * the rule set, so a hostile policy with a distinct key per rule cannot make the index quadratic.
   * Conditions on further keys are not checked by the index (those rules stay candidates).
   */
  static final int MAX_KEYS = 64;

  /** Resolves a ground reference against the current input and data; null if undefined. */
  public interface RefResolver {
    Value resolve(Term.Ref ref);
  }

  private final List<CompiledRule> roots;
  private final int[] rootOfBranch;
  private final Map<CompiledRule, Integer> branchIds;
  private final long[] everything;
  private final List<KeyTable> tables;

  /** Each branch's place in OPA's evaluation order (see {@link #evaluationOrder}). */
  private final int[] rank;

  private RuleIndex(
      List<CompiledRule> roots,
      int[] rootOfBranch,
      Map<CompiledRule, Integer> branchIds,
      List<KeyTable> tables,
      int[] rank) {
    this.roots = roots;
    this.rootOfBranch = rootOfBranch;
    this.branchIds = branchIds;
    this.tables = tables;
    this.rank = rank;
    this.everything = new long[words(rootOfBranch.length)];
    for (int i = 0; i < rootOfBranch.length; i++) {
      everything[i >>> 6] |= 1L << i;
    }
  }

  /**
   * Builds the index of a rule set, or returns null when no branch states an indexable condition
   * (then there is nothing to gain).
   *
   * @param rules the rule set's non-default rules (else chains hang off them)
   * @param isVirtualData true for data paths that rules define (never indexed)
   */
  public static RuleIndex build(List<CompiledRule> rules, Predicate<List<Value>> isVirtualData) {
    if (rules.isEmpty()) {
      return null;
    }
    Constraints reader = new Constraints(isVirtualData);
    List<Map<IndexKey, Constraint>> conditions = new ArrayList<>();
    List<Integer> rootOf = new ArrayList<>();
    Map<CompiledRule, Integer> ids = new IdentityHashMap<>();
    Map<IndexKey, Integer> frequency = new LinkedHashMap<>();
    for (int r = 0; r < rules.size(); r++) {
      for (CompiledRule b = rules.get(r); b != null; b = b.elseRule()) {
        Map<IndexKey, Constraint> c = reader.of(b);
        ids.put(b, conditions.size());
        conditions.add(c == null ? new LinkedHashMap<>() : c);
        rootOf.add(r);
        if (c != null) {
          c.keySet().forEach(k -> frequency.merge(k, 1, Integer::sum));
        }
      }
    }
    if (frequency.isEmpty()) {
      return null;
    }
    // Most often constrained keys first: they usually rule out the most, and a lookup stops as
    // soon as nothing is left (first appearance breaks ties, so the order is stable).
    List<IndexKey> keys = new ArrayList<>(frequency.keySet());
    keys.sort(Comparator.comparing(k -> -frequency.get(k)));
    if (keys.size() > MAX_KEYS) {
      keys = new ArrayList<>(keys.subList(0, MAX_KEYS));
      for (Map<IndexKey, Constraint> c : conditions) {
        c.keySet().retainAll(keys);
      }
    }
    int n = conditions.size();
    List<KeyTable> tables = new ArrayList<>(keys.size());
    for (IndexKey k : keys) {
      KeyTable t = new KeyTable(k, words(n));
      for (int i = 0; i < n; i++) {
        t.add(i, conditions.get(i).get(k));
      }
      tables.add(t.finish());
    }
    int[] rootOfBranch = rootOf.stream().mapToInt(Integer::intValue).toArray();
    return new RuleIndex(
        List.copyOf(rules),
        rootOfBranch,
        ids,
        List.copyOf(tables),
        evaluationOrder(conditions, keys));
  }

  /**
   * OPA evaluates the candidates in the order its trie yields them, not in source order: first the
   * rules with no indexed condition at all, then, key by key (most frequent first), those that do
   * not constrain the key, then those that only need it defined, then those that need a scalar (or
   * a flat array: variables before constants, element by element), then glob patterns; the source
   * order breaks ties. Which rule runs first matters for early exit, for which of two conflicting
   * rules is reported, and for print output, so the index keeps OPA's order.
   */
  private static int[] evaluationOrder(
      List<Map<IndexKey, Constraint>> conditions, List<IndexKey> keys) {
    int n = conditions.size();
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(
        (a, b) -> {
          Map<IndexKey, Constraint> ca = conditions.get(a);
          Map<IndexKey, Constraint> cb = conditions.get(b);
          if (ca.isEmpty() != cb.isEmpty()) {
            return ca.isEmpty() ? -1 : 1;
          }
          for (IndexKey k : keys) {
            int c = compareAt(ca.get(k), cb.get(k));
            if (c != 0) {
              return c;
            }
          }
          return Integer.compare(a, b);
        });
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      rank[order.get(i)] = i;
    }
    return rank;
  }

  private static int compareAt(Constraint x, Constraint y) {
    int c = Integer.compare(category(x), category(y));
    if (c != 0
        || !(x instanceof Constraint.ArrayShape ax)
        || !(y instanceof Constraint.ArrayShape ay)) {
      return c;
    }
    for (int i = 0; i < Math.min(ax.elements().size(), ay.elements().size()); i++) {
      boolean anyX = ax.elements().get(i) == null;
      boolean anyY = ay.elements().get(i) == null;
      if (anyX != anyY) {
        return anyX ? -1 : 1;
      }
    }
    return 0;
  }

  private static int category(Constraint c) {
    return switch (c) {
      case null -> 0;
      case Constraint.Defined d -> 1;
      case Constraint.Equal e -> 2;
      case Constraint.ArrayShape a -> 2;
      case Constraint.GlobShape g -> 3;
    };
  }

  /** The keys this index resolves, most frequently constrained first (for tests and docs). */
  public List<IndexKey> keys() {
    return tables.stream().map(t -> t.key).toList();
  }

  /**
   * The candidate rules for the current input.
   *
   * @param refs resolves reference keys (input and base data, with {@code with} applied)
   * @param args the call's argument values for a function's index, else null
   */
  public RuleSelection lookup(RefResolver refs, Value[] args) {
    return new Selected(candidates(refs, args));
  }

  /** Every rule, in the order a lookup would give them (evaluation with indexing off). */
  public RuleSelection all() {
    return new Selected(everything.clone());
  }

  private long[] candidates(RefResolver refs, Value[] args) {
    long[] live = everything.clone();
    for (KeyTable t : tables) {
      Value v;
      if (t.key.arg() >= 0) {
        v = args != null && t.key.arg() < args.length ? args[t.key.arg()] : null;
      } else {
        v = refs.resolve(t.key.ref());
      }
      if (!t.restrict(live, v)) {
        break;
      }
    }
    return live;
  }

  private static int words(int bits) {
    return (bits + 63) >>> 6;
  }

  /** The branches left after a lookup. */
  private final class Selected implements RuleSelection {
    private final long[] live;
    private List<CompiledRule> rules;

    Selected(long[] live) {
      this.live = live;
    }

    @Override
    public List<CompiledRule> rules() {
      if (rules == null) {
        int count = 0;
        for (long w : live) {
          count += Long.bitCount(w);
        }
        long[] byRank = new long[count];
        int k = 0;
        for (int w = 0; w < live.length; w++) {
          for (long bits = live[w]; bits != 0; bits &= bits - 1) {
            int branch = (w << 6) + Long.numberOfTrailingZeros(bits);
            byRank[k++] = ((long) rank[branch] << 32) | branch;
          }
        }
        java.util.Arrays.sort(byRank);
        List<CompiledRule> out = new ArrayList<>();
        java.util.BitSet seen = new java.util.BitSet();
        for (long e : byRank) {
          int root = rootOfBranch[(int) e];
          if (!seen.get(root)) {
            seen.set(root);
            out.add(roots.get(root));
          }
        }
        rules = out;
      }
      return rules;
    }

    @Override
    public boolean admits(CompiledRule branch) {
      Integer id = branchIds.get(branch);
      return id == null || (live[id >>> 6] & (1L << id)) != 0;
    }
  }

  /** For one key: which branches survive each value of it. */
  private static final class KeyTable {
    final IndexKey key;

    /** Branches that state nothing about the key: they survive any value, undefined included. */
    final long[] free;

    /** Branches that only need the key defined. */
    final long[] defined;

    /**
     * Branches that need the key to equal a scalar, by that scalar (sparse: memory stays linear).
     */
    final Map<Value, int[]> equal = new HashMap<>();

    private Map<Value, List<Integer>> equalLists = new HashMap<>();

    /** Branches that need an array or glob shape (few; checked one by one). */
    final List<Constraint> shapes = new ArrayList<>();

    final List<Integer> shapeBranches = new ArrayList<>();

    KeyTable(IndexKey key, int words) {
      this.key = key;
      this.free = new long[words];
      this.defined = new long[words];
    }

    void add(int branch, Constraint c) {
      switch (c) {
        case null -> set(free, branch);
        case Constraint.Defined d -> set(defined, branch);
        case Constraint.Equal e ->
            equalLists.computeIfAbsent(e.value(), x -> new ArrayList<>()).add(branch);
        case Constraint.ArrayShape s -> {
          shapes.add(s);
          shapeBranches.add(branch);
        }
        case Constraint.GlobShape g -> {
          shapes.add(g);
          shapeBranches.add(branch);
        }
      }
    }

    /** Ends building: the equality lists become arrays. */
    KeyTable finish() {
      equalLists.forEach((v, l) -> equal.put(v, l.stream().mapToInt(Integer::intValue).toArray()));
      equalLists = null;
      return this;
    }

    /** Narrows {@code live} to the branches that survive value v; false if none is left. */
    boolean restrict(long[] live, Value v) {
      long[] ok = free.clone();
      if (v != null) {
        for (int w = 0; w < ok.length; w++) {
          ok[w] |= defined[w];
        }
        int[] eq = equal.get(v);
        if (eq != null) {
          for (int b : eq) {
            set(ok, b);
          }
        }
        for (int i = 0; i < shapes.size(); i++) {
          if (shapes.get(i).admits(v)) {
            set(ok, shapeBranches.get(i));
          }
        }
      }
      long any = 0;
      for (int w = 0; w < live.length; w++) {
        live[w] &= ok[w];
        any |= live[w];
      }
      return any != 0;
    }

    private static void set(long[] bits, int i) {
      bits[i >>> 6] |= 1L << i;
    }
  }
}
