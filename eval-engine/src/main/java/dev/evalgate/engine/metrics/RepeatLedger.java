package dev.evalgate.engine.metrics;

import dev.evalgate.api.CheckResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.stats.Flakiness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One variant's flakiness ledger over {@code k} repeats: per check (and {@code *}, "passes every
 * check"), how many cases passed all, some or none of their repeats, and the first {@value
 * RunAccumulator#LISTED} flaky cases with their pass counts. A case counts for a check when all its
 * repeats answered and the check applied in every one.
 */
public final class RepeatLedger {
  /** The pass count of a case a check was not counted for (an errored or not-applicable repeat). */
  static final int UNCOUNTED = -1;

  private final List<String> checks;
  private final int k;
  private final Flakiness[] flakiness;
  private final List<List<RepeatStats.FlakyCase>> flaky = new ArrayList<>();

  /**
   * With clusters ({@code dataset.cluster}): per cluster and per check (and {@code *}), its counted
   * cases, stable passes, cases passing at least once and flaky cases.
   */
  private final @Nullable ClusterTallies clusters;

  RepeatLedger(List<String> checks, int k) {
    this(checks, k, false);
  }

  /**
   * @param clustered whether the cases come in clusters ({@code dataset.cluster}): pass^k, pass@k
   *     and the flaky rate then carry their clusters and design effects
   */
  RepeatLedger(List<String> checks, int k, boolean clustered) {
    this.checks = checks;
    this.k = k;
    this.clusters = clustered ? new ClusterTallies(4 * (checks.size() + 1), 0) : null;
    this.flakiness = new Flakiness[checks.size() + 1];
    for (int i = 0; i < flakiness.length; i++) {
      flakiness[i] = new Flakiness(k);
      flaky.add(new ArrayList<>());
    }
  }

  /**
   * The pass counts of one case's repeats: one per check, then {@code *} (the repeats failing no
   * check), {@link #UNCOUNTED} where the case does not count.
   */
  static int[] passes(List<VariantOutcome> outcomes, List<String> checks) {
    int[] passes = new int[checks.size() + 1];
    if (outcomes.stream().anyMatch(VariantOutcome::errored)) {
      java.util.Arrays.fill(passes, UNCOUNTED);
      return passes;
    }
    checks:
    for (int i = 0; i < checks.size(); i++) {
      for (VariantOutcome outcome : outcomes) {
        CheckResult r = outcome.check(checks.get(i));
        if (r != null && !r.applicable()) {
          passes[i] = UNCOUNTED;
          continue checks;
        }
        if (r != null && r.passed()) {
          passes[i]++;
        }
      }
    }
    for (VariantOutcome outcome : outcomes) {
      if (outcome.passedAll()) {
        passes[checks.size()]++;
      }
    }
    return passes;
  }

  /**
   * Whether one variant's repeats of a case disagree on a check they all answered and it applied to
   * in all of them (the ledger's "flaky" for some check); false for a single answer.
   */
  public static boolean flaky(List<VariantOutcome> repeats) {
    if (repeats.size() < 2) {
      return false;
    }
    List<String> checks = repeats.get(0).checks().stream().map(CheckResult::check).toList();
    int[] passes = passes(repeats, checks);
    for (int i = 0; i < checks.size(); i++) {
      if (passes[i] > 0 && passes[i] < repeats.size()) {
        return true;
      }
    }
    return false;
  }

  /** Adds one case's pass counts (from {@link #passes}) over all k repeats. */
  void add(String caseId, int[] passes, int answers) {
    add(caseId, null, passes, answers);
  }

  /**
   * Adds one case's pass counts (from {@link #passes}) over all k repeats, the case in {@code
   * cluster} ({@code null}: a cluster of its own).
   */
  void add(String caseId, @Nullable String cluster, int[] passes, int answers) {
    if (answers != k) {
      // a case with fewer repeats than the suite's (a partial run): no stability to state
      return;
    }
    long[] tally = clusters == null ? null : clusters.of(ClusterTallies.key(caseId, cluster));
    for (int i = 0; i < passes.length; i++) {
      if (passes[i] == UNCOUNTED) {
        continue;
      }
      flakiness[i].add(passes[i]);
      if (tally != null) {
        Flakiness.Stability stability = Flakiness.classify(passes[i], k);
        tally[4 * i]++;
        tally[4 * i + 1] += stability == Flakiness.Stability.STABLE_PASS ? 1 : 0;
        tally[4 * i + 2] += stability == Flakiness.Stability.STABLE_FAIL ? 0 : 1;
        tally[4 * i + 3] += stability == Flakiness.Stability.FLAKY ? 1 : 0;
      }
      if (Flakiness.classify(passes[i], k) == Flakiness.Stability.FLAKY
          && flaky.get(i).size() < RunAccumulator.LISTED) {
        flaky.get(i).add(new RepeatStats.FlakyCase(caseId, passes[i]));
      }
    }
  }

  /** The ledger per check in suite order, then {@code *}. */
  Map<String, RepeatStats> finish() {
    Map<String, RepeatStats> stats = new LinkedHashMap<>();
    for (int i = 0; i < flakiness.length; i++) {
      Flakiness f = flakiness[i];
      long n = f.cases();
      stats.put(
          i < checks.size() ? checks.get(i) : PairAccumulator.ALL_CHECKS,
          new RepeatStats(
              k,
              n,
              ratio(f.count(Flakiness.Stability.STABLE_PASS), n),
              ratio(n - f.count(Flakiness.Stability.STABLE_FAIL), n),
              ratio(f.count(Flakiness.Stability.FLAKY), n),
              flaky.get(i),
              clusters == null ? null : clusters.ofRate(4 * i, 4 * i).clusters(),
              designEffect(4 * i, 4 * i + 1),
              designEffect(4 * i, 4 * i + 2),
              designEffect(4 * i, 4 * i + 3)));
    }
    return stats;
  }

  /**
   * The design effect of the share of counted cases (counter {@code n}) in counter {@code count}
   * over the clusters, as report.json keeps it: {@code null} without clusters or with fewer than 2.
   */
  private @Nullable Double designEffect(int n, int count) {
    if (clusters == null) {
      return null;
    }
    double effect = clusters.ofRate(n, count).designEffect();
    return Double.isInfinite(effect) ? null : effect;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
