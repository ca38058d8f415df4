package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusterBootstrap;
import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.Flakiness;
import dev.evalgate.engine.stats.Interval;
import dev.evalgate.engine.stats.Moments;
import dev.evalgate.engine.stats.PairedBootstrap;
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

  /** With clusters: per check, then {@code *}, each cluster's 2x2 counts. */
  private final @Nullable List<PairClusters> byCluster;

  /** With clusters: each cluster's 2x2 counts of "not refused". */
  private final @Nullable PairClusters notRefusedByCluster;

  /** With clusters: as {@link #stability}, each cluster's 2x2 counts of "stable". */
  private final @Nullable List<PairClusters> stabilityByCluster;

  /**
   * With clusters: per cluster, its pairs and the sums of their latency, output-token, cost, calls
   * and tokens-per-case differences, for the cluster bootstrap of each mean.
   */
  private final @Nullable Map<String, double[]> clusterSums;

  private final long seed;
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
    this.seed = seed;
    this.byCluster = clustered ? new ArrayList<>() : null;
    this.clusterSums = clustered ? new HashMap<>() : null;
    this.notRefusedByCluster = clustered ? new PairClusters() : null;
    this.stabilityByCluster = clustered ? new ArrayList<>() : null;
    if (byCluster != null && stabilityByCluster != null) {
      for (int i = 0; i <= checks.size(); i++) {
        byCluster.add(new PairClusters());
        stabilityByCluster.add(new PairClusters());
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
   *
   * @param cluster the case's cluster; {@code null}: a cluster of its own
   */
  void acceptRepeats(
      String caseId,
      @Nullable String cluster,
      int @Nullable [] controlPasses,
      int @Nullable [] challengerPasses,
      int k) {
    if (controlPasses == null || challengerPasses == null) {
      return;
    }
    String key = ClusterTallies.key(caseId, cluster);
    for (int i = 0; i < stability.length; i++) {
      if (controlPasses[i] != RepeatLedger.UNCOUNTED
          && challengerPasses[i] != RepeatLedger.UNCOUNTED) {
        boolean control = stable(controlPasses[i], k);
        boolean challenger = stable(challengerPasses[i], k);
        stability[i].add(caseId, control, challenger);
        if (stabilityByCluster != null) {
          stabilityByCluster.get(i).add(key, control, challenger);
        }
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
    String key = ClusterTallies.key(caseId, cluster);
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
      if (notRefusedByCluster != null) {
        notRefusedByCluster.add(key, !controlCase.refused(), !challengerCase.refused());
      }
    }
    latency.add(challengerCase.latencyMs() - controlCase.latencyMs());
    latencySpread.add(challengerCase.latencyMs() - controlCase.latencyMs());
    tokens.add(challengerCase.outputTokens() - controlCase.outputTokens());
    calls.add(challengerCase.calls() - controlCase.calls());
    callsSpread.add(challengerCase.calls() - controlCase.calls());
    caseTokens.add(challengerCase.tokens() - controlCase.tokens());
    caseTokensSpread.add(challengerCase.tokens() - controlCase.tokens());
    tokensSpread.add(challengerCase.outputTokens() - controlCase.outputTokens());
    if (clusterSums != null) {
      double[] sums = clusterSums.computeIfAbsent(key, k -> new double[6]);
      sums[0]++;
      sums[1] += challengerCase.latencyMs() - controlCase.latencyMs();
      sums[2] += challengerCase.outputTokens() - controlCase.outputTokens();
      if (controlCase.costUsd() != null && challengerCase.costUsd() != null) {
        sums[3] += challengerCase.costUsd() - controlCase.costUsd();
      }
      sums[4] += challengerCase.calls() - controlCase.calls();
      sums[5] += challengerCase.tokens() - controlCase.tokens();
    }
    if (controlCase.costUsd() == null || challengerCase.costUsd() == null) {
      costUnknown = true;
    } else {
      cost.add(challengerCase.costUsd() - controlCase.costUsd());
      costSpread.add(challengerCase.costUsd() - controlCase.costUsd());
    }
  }

  private void cluster(int table, String key, boolean control, boolean challenger) {
    if (byCluster != null) {
      byCluster.get(table).add(key, control, challenger);
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
      byCheck.put(check, byCluster.get(i).finish(check, confidence));
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
            () -> clustered(difference(latency, latencySpread, confidence), 1, confidence),
            executor);
    CompletableFuture<Difference> tokensDifference =
        CompletableFuture.supplyAsync(
            () -> clustered(difference(tokens, tokensSpread, confidence), 2, confidence), executor);
    CompletableFuture<Difference> callsDifference =
        CompletableFuture.supplyAsync(
            () -> clustered(difference(calls, callsSpread, confidence), 4, confidence), executor);
    CompletableFuture<Difference> caseTokensDifference =
        CompletableFuture.supplyAsync(
            () -> clustered(difference(caseTokens, caseTokensSpread, confidence), 5, confidence),
            executor);
    Difference costDifference =
        costUnknown ? null : clustered(difference(cost, costSpread, confidence), 3, confidence);
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
        clusteredFinish(confidence),
        notRefused.n() == 0 || notRefusedByCluster == null
            ? null
            : notRefusedByCluster.finish(notRefused.name(), confidence),
        stabilityClusteredFinish(confidence));
  }

  /** {@link #stabilityFinish} over the clusters; {@code null} without clusters or repeats. */
  private @Nullable Map<String, Clustered> stabilityClusteredFinish(double confidence) {
    if (stabilityByCluster == null || stability[stability.length - 1].n() == 0) {
      return null;
    }
    Map<String, Clustered> byCheck = new LinkedHashMap<>();
    for (int i = 0; i < stability.length; i++) {
      byCheck.put(
          stability[i].name(), stabilityByCluster.get(i).finish(stability[i].name(), confidence));
    }
    return byCheck;
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

  /**
   * With clusters, the difference with a cluster bootstrap interval (whole clusters resampled,
   * seeded by the challenger's seed and the quantity) and its design effect: the mean's variance
   * over clusters (ratio estimator, {@code K/(K-1) Σ (T_k - n_k m)² / N²}) over {@code sd² / N}.
   * Unchanged without clusters or with fewer than 2, where their variation is unknown.
   */
  private Difference clustered(Difference plain, int quantity, double confidence) {
    if (clusterSums == null || clusterSums.size() < 2 || plain.sd() == null) {
      return plain;
    }
    int k = clusterSums.size();
    long[] sizes = new long[k];
    double[] totals = new double[k];
    int i = 0;
    // in the clusters' order, so that a merge of shards resamples as the whole run does
    for (double[] sums : new java.util.TreeMap<>(clusterSums).values()) {
      sizes[i] = (long) sums[0];
      totals[i] = sums[quantity];
      i++;
    }
    double n = plain.n();
    double overClusters = ClusteredMean.varianceOverClusters(sizes, totals, plain.mean(), n);
    double independent = plain.sd() * plain.sd() / n;
    double effect =
        independent > 0 ? overClusters / independent : overClusters > 0 ? Double.NaN : 1;
    if (Double.isNaN(effect)) {
      // every pair the same within its cluster, clusters apart: no independent spread to compare
      return plain;
    }
    Interval interval =
        ClusterBootstrap.mean(sizes, totals, seed + 10 + quantity).interval(confidence);
    return new Difference(
        plain.n(),
        plain.mean(),
        interval.low(),
        interval.high(),
        plain.sd(),
        plain.skewness(),
        effect);
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
