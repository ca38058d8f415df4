package dev.evalgate.benchmarks.stats;

import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.ClusteredPercentile;
import dev.evalgate.engine.stats.ClusteredProportion;
import dev.evalgate.engine.stats.IndependentBootstrap;
import dev.evalgate.engine.stats.IndependentProportions;
import dev.evalgate.engine.stats.Interval;
import dev.evalgate.engine.stats.Mean;
import dev.evalgate.engine.stats.Moments;
import dev.evalgate.engine.stats.OrderStatistics;
import dev.evalgate.engine.stats.PairedBootstrap;
import dev.evalgate.engine.stats.PairedProportions;
import dev.evalgate.engine.stats.Percentile;
import dev.evalgate.engine.stats.Proportion;
import dev.evalgate.engine.stats.Proportions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/** How often the 95 % intervals cover the truth. */
final class CoverageSections {
  static final int[] SIZES = {50, 200, 1_000, 10_000};
  static final double CONFIDENCE = 0.95;

  /** The normal quantile of {@link #CONFIDENCE}. */
  private static final double Z =
      new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);

  private CoverageSections() {}

  static List<Section> all() {
    return List.of(
        paired(),
        clustered(),
        clusteredRefusals(),
        clusteredRates(),
        clusteredMeans(),
        clusteredPercentiles(),
        rates(),
        others());
  }

  /** Newcombe's paired interval over pass rates, correlations and differences. */
  static Section paired() {
    List<Section.Scenario> rows = new ArrayList<>();
    for (double p : new double[] {0.5, 0.9, 0.99}) {
      for (double rho : new double[] {0, 0.5}) {
        for (double d : new double[] {0, -0.02}) {
          String key = String.format(Locale.ROOT, "paired p=%s rho=%s d=%s", p, rho, d);
          rows.add(
              new Section.Scenario(
                  key,
                  (random, runs) -> {
                    double[] cells = Draws.cells(p, p + d, rho);
                    List<String> row =
                        new ArrayList<>(List.of(Tally.percent(p), Tally.percent(p + d), fmt(rho)));
                    for (int n : SIZES) {
                      Tally tally = new Tally();
                      for (int r = 0; r < runs; r++) {
                        tally.cover(Draws.table(random, n, cells).interval(CONFIDENCE), d);
                      }
                      row.add(tally.coverageCell());
                    }
                    return row;
                  }));
        }
      }
    }
    return new Section(
        "coverage-paired",
        "Coverage of the paired difference (Newcombe's hybrid score interval, method 10)",
        "Control and challenger answer the same n cases; each pass rate as given, the two outcomes"
            + " correlated with phi = rho. Each cell: the share of runs whose 95 % interval held"
            + " the true difference, then (in brackets) the share whose interval lay wholly above /"
            + " wholly below it, each a one-sided error the gate needs at most 2.5 %.",
        header("control %", "challenger %", "rho"),
        rows);
  }

  /**
   * Paired cases in clusters (turns of one conversation, questions on one document): the plain
   * paired interval, which takes every case as independent, beside the cluster-adjusted one.
   */
  static Section clustered() {
    List<Section.Scenario> rows = pairedRows("clustered", true, PASS_RATES);
    return new Section(
        "coverage-clustered",
        "Coverage of the paired difference when cases come in clusters",
        "Control and challenger answer n cases in clusters of the given size (n/size clusters);"
            + " each case's pair of outcomes has pass rates p and p - 2 pp, correlated with phi ="
            + " 0.5, and with probability "
            + CLUSTER_SHARE
            + " it is its cluster's own pair (so the cases of a cluster move together) instead of"
            + " a fresh draw: the true difference stays -2 pp. The plain interval counts every case"
            + " as independent evidence; the cluster-adjusted one (Obuchowski's ratio-estimator"
            + " variance over clusters, applied to Newcombe's interval as Rao and Scott's design"
            + " effect, stats.ClusteredPairs) counts the clusters, on the bounding design effect"
            + " (at least what half a cluster more whose pairs all went against the observed"
            + " difference would show), which the gate decides on, and on the measured one, both"
            + " on the same draws. Each cell: coverage (above / below), and for the adjusted"
            + " intervals the mean design effect (bounding or measured) and mean width (pp).",
        header("control %", "cluster size", "interval"),
        rows);
  }

  /** The control's pass rates of the clustered sections. */
  private static final double[] PASS_RATES = {0.5, 0.9};

  /**
   * The rows of a paired clustered section at the control's pass rates {@code rates}: the plain
   * paired interval beside the one over the clusters, which the gate judges.
   */
  private static List<Section.Scenario> pairedRows(String name, boolean widths, double[] rates) {
    return clusteredRows(
        name,
        true,
        List.of(
            "Newcombe (as if independent)",
            "cluster-adjusted, bounding design effect (decides)",
            "cluster-adjusted, measured design effect"),
        widths,
        new double[] {CLUSTER_SHARE},
        rates,
        (clusters, variant) -> {
          ClusteredPairs pairs = ClusteredPairs.of(clusters);
          return switch (variant) {
            case 0 -> new Drawn(pairs.total().interval(CONFIDENCE), pairs.designEffect());
            case 1 -> new Drawn(pairs.interval(CONFIDENCE), pairs.boundingDesignEffect());
            default -> new Drawn(measured(pairs), pairs.designEffect());
          };
        });
  }

  /**
   * The paired refusal difference when cases come in clusters: "not refused" near 1 (the control
   * refusing 3 % or 1 % of the answers, the challenger 2 pp more), which non-inferior on
   * refusal-rate judges over the clusters with the same interval as a pass rate.
   */
  static Section clusteredRefusals() {
    List<Section.Scenario> rows = pairedRows("clustered refusal", true, new double[] {0.97, 0.99});
    return new Section(
        "coverage-clustered-refusals",
        "Coverage of the paired refusal difference when cases come in clusters",
        "The draws of the paired section above with \"not refused\" as the outcome, near 1: the"
            + " control declines 3 % or 1 % of the answers, the challenger 2 pp more (true"
            + " difference in \"not refused\" -2 pp), in clusters of the given size, half of a"
            + " cluster's cases repeating its own pair. non-inferior on refusal-rate decides on the"
            + " cluster-adjusted interval (bounding design effect) with dataset.cluster; the"
            + " measured design effect beside it on the same draws. Each cell: coverage (above /"
            + " below), and for the adjusted intervals the mean design effect (bounding or"
            + " measured) and mean width (pp).",
        header("control not refused %", "cluster size", "interval"),
        rows);
  }

  /**
   * One variant's pass rate when its cases come in clusters: the exact interval as if the cases
   * were independent beside the one on the effective counts that at-least / at-most decide on.
   */
  static Section clusteredRates() {
    List<Section.Scenario> rows =
        clusteredRows(
            "clustered rate",
            false,
            List.of(
                "exact, as if independent",
                "effective counts, measured design effect",
                "effective counts, bounding design effect (decides)"),
            true,
            new double[] {CLUSTER_SHARE, 0},
            PASS_RATES,
            (clusters, variant) -> {
              // the challenger's side of the paired draws
              List<long[]> byCluster = new ArrayList<>();
              long passes = 0;
              long cases = 0;
              for (PairedProportions cluster : clusters) {
                long x = cluster.bothPass() + cluster.challengerOnly();
                byCluster.add(new long[] {cluster.n(), x});
                passes += x;
                cases += cluster.n();
              }
              Proportion counted = new Proportion(passes, cases);
              double designEffect = ClusteredProportion.designEffect(byCluster);
              ClusteredProportion clustered =
                  new ClusteredProportion(counted, designEffect, byCluster.size());
              return new Drawn(
                  switch (variant) {
                    case 0 -> counted.interval(CONFIDENCE);
                    case 1 -> measured(counted, designEffect, byCluster.size());
                    default -> clustered.interval(CONFIDENCE);
                  },
                  designEffect);
            });
    return new Section(
        "coverage-clustered-rates",
        "Coverage of one variant's pass rate when cases come in clusters",
        "The challenger's side of the clustered draws above: n cases in clusters of the given"
            + " size, true pass rate p - 2 pp, half of a cluster's cases repeating its own outcome"
            + " (together 50 %), or none of them (together 0 %: independent cases that only come"
            + " in clusters, where any adjustment costs width and buys nothing)."
            + " The exact interval as if the cases were independent beside the exact interval on"
            + " the effective counts (successes and cases divided by the rate's design effect over"
            + " the clusters, shrunk by Korn and Graubard's degrees-of-freedom factor;"
            + " stats.ClusteredProportion), with the design effect as measured and with the"
            + " bounding design effect (at least what half a cluster more that went the other way"
            + " would show), which a per-variant at-least / at-most on a pass rate decides on with"
            + " dataset.cluster; both on the same draws. Each cell: coverage (above / below), and"
            + " for the adjusted intervals the mean design effect as measured and the mean width"
            + " of the interval.",
        header("true rate %", "cluster size", "together %", "interval"),
        rows);
  }

  /**
   * One variant's mean latency when its answers come in clusters: the skew-aware t interval as if
   * the answers were independent beside the one on the effective answers ({@code
   * stats.ClusteredMean}) that at-least / at-most on a mean decide on with dataset.cluster or
   * repeats.
   */
  static Section clusteredMeans() {
    double truth = MEDIAN_MS * Math.exp((BETWEEN * BETWEEN + WITHIN_CLUSTER * WITHIN_CLUSTER) / 2);
    List<Section.Scenario> rows = new ArrayList<>();
    for (int size : new int[] {5, 20}) {
      for (boolean adjusted : new boolean[] {false, true}) {
        rows.add(
            row(
                String.format(
                    Locale.ROOT,
                    "clusters of %d, %s",
                    size,
                    adjusted
                        ? "effective answers (ClusteredMean, decides)"
                        : "as if independent (skew-aware t)"),
                (random, n) -> {
                  Moments moments = new Moments();
                  int k = (n + size - 1) / size;
                  long[] sizes = new long[k];
                  double[] totals = new double[k];
                  double[] values = clusteredLatencies(random, n, size);
                  for (int i = 0; i < n; i++) {
                    moments.add(values[i]);
                    sizes[i / size]++;
                    totals[i / size] += values[i];
                  }
                  Mean plain = moments.skewAwareMean();
                  return (adjusted
                          ? new ClusteredMean(
                              plain,
                              Math.min(
                                  Double.MAX_VALUE,
                                  ClusteredMean.designEffect(sizes, totals, plain.sd())),
                              k)
                          : plain)
                      .interval(CONFIDENCE);
                },
                truth,
                1));
      }
    }
    return new Section(
        "coverage-clustered-means",
        "Coverage of one variant's mean when its answers come in clusters",
        "Log-normal latencies (median 800 ms) whose clusters share a log-scale effect as large as"
            + " each answer's own (sd 0.35 each: half the log variance between clusters), in"
            + " clusters of 5 and 20 answers. The skew-aware t interval as if the answers were"
            + " independent beside the one on the effective answers (the mean's design effect over"
            + " the clusters and Korn and Graubard's factor; stats.ClusteredMean), which a"
            + " per-variant at-least / at-most on a mean decides on with dataset.cluster or"
            + " repeats. Each cell: coverage of the true mean (above / below).",
        header("interval"),
        rows);
  }

  /**
   * One variant's latency percentile when its answers come in clusters: the order-statistics
   * interval as if the answers were independent beside the one on the effective answers ({@code
   * stats.ClusteredPercentile}, the design effect of the share at or below the sample percentile)
   * that at-least / at-most on a percentile decide on with dataset.cluster or repeats.
   */
  static Section clusteredPercentiles() {
    double sd = Math.sqrt(BETWEEN * BETWEEN + WITHIN_CLUSTER * WITHIN_CLUSTER);
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    List<Section.Scenario> rows = new ArrayList<>();
    for (double level : new double[] {0.5, 0.95}) {
      double truth = MEDIAN_MS * Math.exp(sd * normal.inverseCumulativeProbability(level));
      for (int size : new int[] {5, 20}) {
        for (boolean adjusted : new boolean[] {false, true}) {
          rows.add(
              row(
                  String.format(
                      Locale.ROOT,
                      "p%d, clusters of %d, %s",
                      Math.round(level * 100),
                      size,
                      adjusted
                          ? "effective answers (ClusteredPercentile, decides)"
                          : "as if independent (order statistics)"),
                  (random, n) -> {
                    int k = (n + size - 1) / size;
                    double[] values = clusteredLatencies(random, n, size);
                    Percentile plain = new Percentile(OrderStatistics.of(values), level);
                    if (!adjusted) {
                      return plain.interval(CONFIDENCE);
                    }
                    double at = plain.value();
                    List<long[]> counts = new ArrayList<>();
                    for (int c = 0; c < k; c++) {
                      counts.add(new long[2]);
                    }
                    for (int i = 0; i < n; i++) {
                      long[] count = counts.get(i / size);
                      count[0]++;
                      count[1] += values[i] <= at ? 1 : 0;
                    }
                    return new ClusteredPercentile(
                            plain, ClusteredProportion.designEffect(counts), k)
                        .interval(CONFIDENCE);
                  },
                  truth,
                  1));
        }
      }
    }
    return new Section(
        "coverage-clustered-percentiles",
        "Coverage of one variant's latency percentile when its answers come in clusters",
        "Log-normal latencies (median 800 ms) whose clusters share a log-scale effect as large as"
            + " each answer's own (sd 0.35 each), in clusters of 5 and 20 answers; the true p50"
            + " and p95 of that distribution. The order-statistics interval as if the answers were"
            + " independent beside the one on the effective answers (the design effect of the"
            + " share at or below the sample percentile over the clusters, and Korn and Graubard's"
            + " factor; stats.ClusteredPercentile), which a per-variant at-least / at-most on a"
            + " percentile decides on with dataset.cluster or repeats. Each cell: coverage of the"
            + " true percentile (above / below).",
        header("interval"),
        rows);
  }

  /**
   * The exact interval on the effective counts with the design effect as measured, which is how
   * stats.ClusteredProportion bounded a rate before it took the bounding design effect: kept here
   * as the comparison that shows why.
   */
  /** The cluster-adjusted paired interval on the measured design effect (before the bounding). */
  private static Interval measured(ClusteredPairs pairs) {
    double f = Math.max(1, pairs.designEffect());
    PairedProportions total = pairs.total();
    return Double.isInfinite(f)
        ? new Interval(-1, 1)
        : Proportions.pairedDifferenceAtZ(
            total.bothPass() / f,
            total.challengerOnly() / f,
            total.controlOnly() / f,
            total.bothFail() / f,
            Z);
  }

  private static Interval measured(Proportion counted, double designEffect, int clusters) {
    double shrink =
        ClusteredProportion.degreesOfFreedomFactor(clusters) / Math.max(1, designEffect);
    double successes = counted.successes() * shrink;
    double cases = counted.n() * shrink;
    double tail = (1 - CONFIDENCE) / 2;
    double low =
        counted.successes() == 0 || clusters < 2 || Double.isInfinite(designEffect)
            ? 0
            : new BetaDistribution(null, successes, cases - successes + 1, 1e-15)
                .inverseCumulativeProbability(tail);
    double high =
        counted.successes() == counted.n() || clusters < 2 || Double.isInfinite(designEffect)
            ? 1
            : new BetaDistribution(null, successes + 1, cases - successes, 1e-15)
                .inverseCumulativeProbability(1 - tail);
    return new Interval(low, high);
  }

  /** The clustered latencies' median (ms) and log-scale spreads between and within clusters. */
  static final double MEDIAN_MS = 800;

  static final double BETWEEN = 0.35;
  static final double WITHIN_CLUSTER = 0.35;

  /**
   * {@code n} log-normal latencies in clusters of {@code size} (answer i in cluster i / size), each
   * cluster sharing a log-scale effect: what the clustered mean and percentile sections draw.
   */
  static double[] clusteredLatencies(SplittableRandom random, int n, int size) {
    double[] values = new double[n];
    for (int c = 0; c * size < n; c++) {
      double effect = BETWEEN * random.nextGaussian();
      for (int i = c * size; i < Math.min(n, (c + 1) * size); i++) {
        values[i] = MEDIAN_MS * Math.exp(effect + WITHIN_CLUSTER * random.nextGaussian());
      }
    }
    return values;
  }

  /** An interval drawn from clustered cases, and the design effect measured on them. */
  private record Drawn(Interval interval, double designEffect) {}

  /** What one run of clustered draws gives: variant 0 the plain interval, the others adjusted. */
  private interface ClusteredEstimate {
    Drawn of(List<PairedProportions> clusters, int variant);
  }

  /**
   * The rows of a clustered section: per pass rate p (control; the challenger's is p - 2 pp) and
   * cluster size, one row per variant (the plain interval first, then the adjusted ones), each cell
   * the coverage of the truth (the difference, -2 pp, when {@code difference}, else the
   * challenger's rate) and, adjusted, the mean design effect and, with {@code widths}, the mean
   * width; per share of a cluster's cases that repeat its own pair (a column when more than one).
   * The adjusted variants share their draws (one seed), so they are compared on the same samples;
   * the first two keep the keys they always had, so their figures do not move.
   */
  private static List<Section.Scenario> clusteredRows(
      String name,
      boolean difference,
      List<String> labels,
      boolean widths,
      double[] shares,
      double[] rates,
      ClusteredEstimate estimate) {
    List<Section.Scenario> rows = new ArrayList<>();
    for (double share : shares) {
      for (double p : rates) {
        for (int size : new int[] {5, 20}) {
          for (int v = 0; v < labels.size(); v++) {
            int variant = v;
            boolean adjusted = variant > 0;
            String key =
                String.format(Locale.ROOT, "%s p=%s size=%d adjusted=%s", name, p, size, adjusted)
                    + (share == CLUSTER_SHARE ? "" : " share=" + share);
            rows.add(
                new Section.Scenario(
                    key,
                    (random, runs) -> {
                      double d = -0.02;
                      double truth = difference ? d : p + d;
                      double[] cells = Draws.cells(p, p + d, 0.5);
                      List<String> row =
                          new ArrayList<>(
                              List.of(Tally.percent(difference ? p : truth), String.valueOf(size)));
                      if (shares.length > 1) {
                        row.add(Tally.percent(share));
                      }
                      row.add(labels.get(variant));
                      for (int n : SIZES) {
                        Tally tally = new Tally();
                        double effects = 0;
                        double width = 0;
                        for (int r = 0; r < runs; r++) {
                          Drawn drawn =
                              estimate.of(Draws.clusters(random, n, size, share, cells), variant);
                          tally.cover(drawn.interval(), truth);
                          effects += Math.min(drawn.designEffect(), 100);
                          width += drawn.interval().high() - drawn.interval().low();
                        }
                        row.add(
                            tally.coverageCell()
                                + (adjusted
                                    ? String.format(Locale.ROOT, " deff %.1f", effects / runs)
                                    : "")
                                + (adjusted && widths
                                    ? String.format(Locale.ROOT, " w %.1f", 100 * width / runs)
                                    : ""));
                      }
                      return row;
                    }));
          }
        }
      }
    }
    return rows;
  }

  /** The share of a cluster's cases that repeat the cluster's own pair. */
  static final double CLUSTER_SHARE = 0.5;

  /**
   * Single rates near 0, in the middle and near 1: Wilson's interval beside the exact one the gate
   * decides on.
   */
  static Section rates() {
    List<Section.Scenario> rows = new ArrayList<>();
    for (double p : new double[] {0.001, 0.01, 0.5, 0.9, 0.99, 0.999}) {
      for (boolean exact : new boolean[] {false, true}) {
        String key = String.format(Locale.ROOT, "rate p=%s exact=%s", p, exact);
        rows.add(
            new Section.Scenario(
                key,
                (random, runs) -> {
                  List<String> row =
                      new ArrayList<>(
                          List.of(Tally.percent(p), exact ? "exact (decides)" : "Wilson (shown)"));
                  for (int n : SIZES) {
                    Tally tally = new Tally();
                    for (int r = 0; r < runs; r++) {
                      Proportion rate = new Proportion(Draws.binomial(random, n, p), n);
                      tally.cover(exact ? rate.interval(CONFIDENCE) : rate.wilson(CONFIDENCE), p);
                    }
                    row.add(tally.coverageCell());
                  }
                  return row;
                }));
      }
    }
    return new Section(
        "coverage-rates",
        "Coverage of single rates near 0, in the middle and near 1",
        "A rate (pass rate, error rate) on n observations. Wilson's score interval is the one"
            + " reports show beside a rate; the exact (Clopper-Pearson) interval is the one at-most"
            + " / at-least criteria are decided on.",
        header("true rate %", "interval"),
        rows);
  }

  /** Percentiles, means, ratios, bootstraps and independent samples. */
  static Section others() {
    List<Section.Scenario> rows = new ArrayList<>();
    double median = 800;
    double sigma = 0.5;
    double z95 = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.95);
    double trueP95 = median * Math.exp(sigma * z95);
    rows.add(
        row(
            "latency p95: order statistics (log-normal latencies)",
            (random, n) -> {
              double[] values = new double[n];
              for (int i = 0; i < n; i++) {
                values[i] = Draws.logNormal(random, median, sigma);
              }
              return new Percentile(OrderStatistics.of(values), 0.95).interval(CONFIDENCE);
            },
            trueP95,
            1));
    double costMedian = 0.001;
    double costSigma = 0.8;
    rows.add(
        row(
            "cost per 1K calls: plain t interval, skewness ignored (log-normal costs, CV 0.95)",
            (random, n) -> {
              Moments moments = new Moments();
              for (int i = 0; i < n; i++) {
                moments.add(Draws.logNormal(random, costMedian, costSigma));
              }
              return moments.meanEstimate().scaled(1000).interval(CONFIDENCE);
            },
            1000 * Draws.logNormalMean(costMedian, costSigma),
            1));
    rows.add(
        row(
            "cost per 1K calls: skew-aware t interval, Hall (log-normal costs, CV 0.95)",
            (random, n) -> {
              Moments moments = new Moments();
              for (int i = 0; i < n; i++) {
                moments.add(Draws.logNormal(random, costMedian, costSigma));
              }
              return moments.skewAwareMean().scaled(1000).interval(CONFIDENCE);
            },
            1000 * Draws.logNormalMean(costMedian, costSigma),
            1));
    double ratioNoise = 0.3;
    double trueRatio = 0.6 * Math.exp(ratioNoise * ratioNoise / 2);
    rows.add(
        row(
            "cost ratio challenger/control: delta method, paired",
            (random, n) -> {
              Moments moments = new Moments();
              for (int i = 0; i < n; i++) {
                double control = Draws.logNormal(random, costMedian, 0.5);
                moments.add(0.6 * control * Math.exp(ratioNoise * random.nextGaussian()), control);
              }
              return moments.pairedRatio().interval(CONFIDENCE);
            },
            trueRatio,
            1));
    double slowdown = 0.1;
    double noise = 0.25;
    double trueLatencyDifference =
        Draws.logNormalMean(median, sigma) * (Math.exp(slowdown + noise * noise / 2) - 1);
    rows.add(
        row(
            "mean latency difference: paired bootstrap",
            (random, n) -> {
              PairedBootstrap bootstrap = new PairedBootstrap(random.nextLong());
              for (int i = 0; i < n; i++) {
                double control = Draws.logNormal(random, median, sigma);
                bootstrap.add(
                    control * Math.exp(slowdown + noise * random.nextGaussian()) - control);
              }
              return bootstrap.estimate().interval(CONFIDENCE);
            },
            trueLatencyDifference,
            10));
    rows.add(
        row(
            "pass rate difference, different cases: Newcombe (0.9 vs 0.88)",
            (random, n) ->
                new IndependentProportions(
                        Draws.binomial(random, n, 0.88), n, Draws.binomial(random, n, 0.9), n)
                    .interval(CONFIDENCE),
            -0.02,
            1));
    double challengerMedian = 700;
    double trueIndependent =
        Draws.logNormalMean(challengerMedian, sigma) - Draws.logNormalMean(median, sigma);
    rows.add(
        row(
            "mean latency difference, different cases: bootstrap",
            (random, n) -> {
              IndependentBootstrap bootstrap = new IndependentBootstrap(random.nextLong());
              for (int i = 0; i < n; i++) {
                bootstrap.addChallenger(Draws.logNormal(random, challengerMedian, sigma));
                bootstrap.addControl(Draws.logNormal(random, median, sigma));
              }
              return bootstrap.estimate().interval(CONFIDENCE);
            },
            trueIndependent,
            10));
    return new Section(
        "coverage-other",
        "Coverage of the other gated numbers",
        "Latencies are log-normal (median 800 ms, sigma 0.5), costs per call log-normal (sigma 0.8,"
            + " a long tail). n is the cases per variant. The bootstraps resample 1,000 times per"
            + " run, so at 10,000 cases they run a tenth of the runs (the count is in the cell).",
        header("number and interval"),
        rows);
  }

  /**
   * A row over the sizes: {@code draw} makes one run's interval; {@code thinAt10k} divides the runs
   * at 10,000 cases.
   */
  private static Section.Scenario row(
      String label, IntervalDraw draw, double truth, int thinAt10k) {
    return new Section.Scenario(
        label,
        (random, runs) -> {
          List<String> row = new ArrayList<>(List.of(label));
          for (int n : SIZES) {
            int r = n == 10_000 ? Math.max(1, runs / thinAt10k) : runs;
            Tally tally = new Tally();
            for (int i = 0; i < r; i++) {
              tally.cover(draw.interval(random, n), truth);
            }
            row.add(tally.coverageCell() + (r == runs ? "" : " [" + r + " runs]"));
          }
          return row;
        });
  }

  @FunctionalInterface
  interface IntervalDraw {
    Interval interval(SplittableRandom random, int n);
  }

  static List<String> header(String... first) {
    List<String> header = new ArrayList<>(List.of(first));
    for (int n : SIZES) {
      header.add(String.format(Locale.ROOT, "n=%,d", n));
    }
    return header;
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%s", x);
  }
}
