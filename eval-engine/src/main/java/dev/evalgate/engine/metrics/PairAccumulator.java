package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.Flakiness;
import dev.evalgate.engine.stats.Interval;
import dev.evalgate.engine.stats.Moments;
import dev.evalgate.engine.stats.PairedBootstrap;
import dev.evalgate.engine.stats.PairedProportions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Compares one challenger with the control, case by case. */
final class PairAccumulator {
  static final String ALL_CHECKS = "*";

  private final String challenger;
  private final String control;
  private final List<String> checks;
  private final PairTable[] tables;
  private final PairTable all = new PairTable(ALL_CHECKS);
  private final PairTable notRefused = new PairTable("not-refused");
  private final PairedBootstrap latency;
  private final PairedBootstrap tokens;
  private final PairedBootstrap cost;
  private final PairedBootstrap calls;
  private final PairedBootstrap caseTokens;

  /**
   * The spread of each paired difference, which the gate's t bounds need (the bootstraps give 95 %
   * intervals only).
   */
  private final Moments latencySpread = new Moments();

  private final Moments tokensSpread = new Moments();
  private final Moments costSpread = new Moments();
  private final Moments callsSpread = new Moments();
  private final Moments caseTokensSpread = new Moments();

  /** Per check, then {@code *}: "stable over the repeats" paired, when the suite repeats cases. */
  private final PairTable[] stability;

  /**
   * With clusters: per check, then {@code *}, each cluster's 2x2 counts (both pass, challenger
   * only, control only, both fail). Memory grows with the clusters, not the cases.
   */
  private final @Nullable List<Map<String, long[]>> byCluster;

  private boolean costUnknown;
  private long excluded;

  PairAccumulator(String challenger, String control, List<String> checks, long seed) {
    this(challenger, control, checks, seed, false);
  }

  /**
   * @param clustered whether cases come in clusters ({@code dataset.cluster})
   */
  PairAccumulator(
      String challenger, String control, List<String> checks, long seed, boolean clustered) {
    this.byCluster = clustered ? new ArrayList<>() : null;
    if (byCluster != null) {
      for (int i = 0; i <= checks.size(); i++) {
        byCluster.add(new HashMap<>());
      }
    }
    this.challenger = challenger;
    this.control = control;
    this.checks = checks;
    this.tables = checks.stream().map(PairTable::new).toArray(PairTable[]::new);
    this.latency = new PairedBootstrap(seed);
    this.tokens = new PairedBootstrap(seed + 1);
    this.cost = new PairedBootstrap(seed + 2);
    this.calls = new PairedBootstrap(seed + 3);
    this.caseTokens = new PairedBootstrap(seed + 4);
    this.stability = new PairTable[checks.size() + 1];
    for (int i = 0; i < stability.length; i++) {
      stability[i] = new PairTable(i < checks.size() ? checks.get(i) : ALL_CHECKS);
    }
  }

  /**
   * Pairs one case's stability over its repeats: per check (and {@code *}) whether each variant
   * passed all or none of them (stable, the good outcome) or some (flaky), on cases counted in both
   * ({@link RepeatLedger#passes}); {@code null} when a variant did not answer every repeat.
   */
  void acceptRepeats(
      String caseId, int @Nullable [] controlPasses, int @Nullable [] challengerPasses, int k) {
    if (controlPasses == null || challengerPasses == null) {
      return;
    }
    for (int i = 0; i < stability.length; i++) {
      if (controlPasses[i] != RepeatLedger.UNCOUNTED
          && challengerPasses[i] != RepeatLedger.UNCOUNTED) {
        stability[i].add(caseId, stable(controlPasses[i], k), stable(challengerPasses[i], k));
      }
    }
  }

  private static boolean stable(int passes, int k) {
    return Flakiness.classify(passes, k) != Flakiness.Stability.FLAKY;
  }

  void accept(String caseId, CaseSummary controlCase, CaseSummary challengerCase) {
    accept(caseId, null, controlCase, challengerCase);
  }

  /**
   * @param cluster the case's cluster; {@code null}: a cluster of its own
   */
  void accept(
      String caseId,
      @Nullable String cluster,
      CaseSummary controlCase,
      CaseSummary challengerCase) {
    if (!controlCase.answered() || !challengerCase.answered()) {
      excluded++;
      return;
    }
    // a case without a cluster value is a cluster of its own; the prefix keeps it from meeting a
    // cluster named like a case id
    String key = cluster != null ? "c:" + cluster : "i:" + caseId;
    for (int i = 0; i < tables.length; i++) {
      // a check is compared on the cases it applied to in both variants
      if (controlCase.applicable()[i] && challengerCase.applicable()[i]) {
        tables[i].add(caseId, controlCase.passes()[i], challengerCase.passes()[i]);
        cluster(i, key, controlCase.passes()[i], challengerCase.passes()[i]);
      }
    }
    all.add(caseId, controlCase.passAll(), challengerCase.passAll());
    cluster(tables.length, key, controlCase.passAll(), challengerCase.passAll());
    if (controlCase.refused() != null && challengerCase.refused() != null) {
      notRefused.add(caseId, !controlCase.refused(), !challengerCase.refused());
    }
    latency.add(challengerCase.latencyMs() - controlCase.latencyMs());
    latencySpread.add(challengerCase.latencyMs() - controlCase.latencyMs());
    tokens.add(challengerCase.outputTokens() - controlCase.outputTokens());
    calls.add(challengerCase.calls() - controlCase.calls());
    callsSpread.add(challengerCase.calls() - controlCase.calls());
    caseTokens.add(challengerCase.tokens() - controlCase.tokens());
    caseTokensSpread.add(challengerCase.tokens() - controlCase.tokens());
    tokensSpread.add(challengerCase.outputTokens() - controlCase.outputTokens());
    if (controlCase.costUsd() == null || challengerCase.costUsd() == null) {
      costUnknown = true;
    } else {
      cost.add(challengerCase.costUsd() - controlCase.costUsd());
      costSpread.add(challengerCase.costUsd() - controlCase.costUsd());
    }
  }

  private void cluster(int table, String key, boolean control, boolean challenger) {
    if (byCluster != null) {
      long[] counts = byCluster.get(table).computeIfAbsent(key, k -> new long[4]);
      counts[control ? (challenger ? 0 : 2) : (challenger ? 1 : 3)]++;
    }
  }

  /** Each check's (and {@code *}'s) comparison over the clusters; {@code null} without. */
  private @Nullable Map<String, Clustered> clusteredFinish(double confidence) {
    if (byCluster == null) {
      return null;
    }
    Map<String, Clustered> byCheck = new LinkedHashMap<>();
    for (int i = 0; i < byCluster.size(); i++) {
      String check = i < checks.size() ? checks.get(i) : ALL_CHECKS;
      List<PairedProportions> clusters = new ArrayList<>();
      for (long[] c : byCluster.get(i).values()) {
        clusters.add(new PairedProportions(c[0], c[1], c[2], c[3]));
      }
      ClusteredPairs pairs = ClusteredPairs.of(clusters);
      Interval interval = pairs.interval(confidence);
      byCheck.put(
          check,
          new Clustered(
              check,
              pairs.clusters(),
              Double.isInfinite(pairs.designEffect()) ? null : pairs.designEffect(),
              interval.low(),
              interval.high(),
              pairs.durkalski().statistic(),
              pairs.obuchowski().statistic()));
    }
    return byCheck;
  }

  /**
   * The comparison. The bootstrap intervals (latency, output tokens, cost, calls and tokens per
   * case: up to 20 million draws each) are independent and seeded, so all but the cost's run on
   * {@code executor} while this thread draws the cost's; the result is the same on any executor.
   */
  Comparison finish(double confidence, Executor executor) {
    CompletableFuture<Difference> latencyDifference =
        CompletableFuture.supplyAsync(
            () -> difference(latency, latencySpread, confidence), executor);
    CompletableFuture<Difference> tokensDifference =
        CompletableFuture.supplyAsync(() -> difference(tokens, tokensSpread, confidence), executor);
    CompletableFuture<Difference> callsDifference =
        CompletableFuture.supplyAsync(() -> difference(calls, callsSpread, confidence), executor);
    CompletableFuture<Difference> caseTokensDifference =
        CompletableFuture.supplyAsync(
            () -> difference(caseTokens, caseTokensSpread, confidence), executor);
    Difference costDifference = costUnknown ? null : difference(cost, costSpread, confidence);
    Map<String, CheckComparison> byCheck = new LinkedHashMap<>();
    for (int i = 0; i < tables.length; i++) {
      byCheck.put(checks.get(i), tables[i].finish(confidence));
    }
    byCheck.put(ALL_CHECKS, all.finish(confidence));
    return new Comparison(
        challenger,
        control,
        all.n(),
        excluded,
        byCheck,
        notRefused.n() == 0 ? null : notRefused.finish(confidence),
        latencyDifference.join(),
        tokensDifference.join(),
        costDifference,
        callsDifference.join(),
        caseTokensDifference.join(),
        stabilityFinish(confidence),
        clusteredFinish(confidence));
  }

  private @Nullable Map<String, CheckComparison> stabilityFinish(double confidence) {
    if (stability[stability.length - 1].n() == 0) {
      return null;
    }
    Map<String, CheckComparison> byCheck = new LinkedHashMap<>();
    for (PairTable table : stability) {
      CheckComparison c = table.finish(confidence);
      byCheck.put(c.check(), c);
    }
    return byCheck;
  }

  private static Difference difference(
      PairedBootstrap bootstrap, Moments spread, double confidence) {
    Interval interval = bootstrap.interval(confidence);
    return new Difference(
        bootstrap.count(),
        bootstrap.mean(),
        interval.low(),
        interval.high(),
        Math.sqrt(spread.variance()),
        spread.skewness());
  }
}
