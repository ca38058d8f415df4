package dev.evalgate.benchmarks.stats;

import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.Finding;
import dev.evalgate.engine.stats.Moments;
import dev.evalgate.engine.stats.OrderStatistics;
import dev.evalgate.engine.stats.Percentile;
import dev.evalgate.engine.stats.Power;
import dev.evalgate.engine.stats.Proportion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Power curves per criterion kind: the share of runs in which a criterion whose truth is a given
 * distance inside its limit is shown to hold, beside what {@link Power} predicts. Distances are in
 * units of the minimum detectable effect at n (the distance {@link Power} says is decided 80 % of
 * the time), so the column "1 MDE" checks the figure every report states.
 */
final class PowerSections {
  static final double ALPHA = 0.025;
  static final double POWER = 0.8;
  static final double[] MULTIPLES = {0, 0.5, 1, 1.5, 2};
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private PowerSections() {}

  static List<Section> all() {
    List<Section.Scenario> rows = new ArrayList<>();
    for (int n : CoverageSections.SIZES) {
      rows.add(paired(n));
    }
    for (int n : CoverageSections.SIZES) {
      rows.add(rate(n));
    }
    for (int n : CoverageSections.SIZES) {
      rows.add(percentile(n));
    }
    for (int n : CoverageSections.SIZES) {
      rows.add(ratio(n));
    }
    List<String> header = new ArrayList<>(List.of("criterion", "n", "MDE"));
    for (double k : MULTIPLES) {
      header.add(String.format(Locale.ROOT, "%s MDE", k));
    }
    return List.of(
        new Section(
            "power",
            "Power of each criterion kind, simulated (predicted)",
            "The truth lies k minimum detectable effects (MDE: the distance Power predicts is shown"
                + " 80 % of the time at one-sided 2.5 %) inside the limit; each cell is the share"
                + " of runs in which the criterion was shown to hold, then Power's"
                + " normal-approximation prediction in brackets. k = 0 is the limit itself (at most"
                + " 2.5 %). \"-\" marks a truth that does not exist (a rate above 100 %, or rates"
                + " too far apart for phi 0.5); \"none\" an n too small to show the criterion at"
                + " all (a p95 needs 72 latencies before its upper bound is finite at 97.5 %).",
            header,
            rows));
  }

  /** non-inferior pass rate, margin 2 pp, control 80 %, phi 0.5; distances on the difference. */
  static Section.Scenario paired(int n) {
    double control = 0.8;
    double margin = 0.02;
    double psiAtMargin =
        Draws.discordance(Draws.cells(control, control - margin, DecisionSections.RHO));
    double mde =
        Power.minimumDetectable(Power.pairedVariance(psiAtMargin, -margin), n, ALPHA, POWER);
    return curve(
        "non-inferior pass rate (margin 2 pp, control 80 %)",
        n,
        pp(mde),
        mde,
        distance -> {
          double delta = -margin + distance;
          if (control + delta > 1) {
            return null;
          }
          double[] cells;
          try {
            cells = Draws.cells(control, control + delta, DecisionSections.RHO);
          } catch (IllegalArgumentException e) {
            // rates this far apart cannot be correlated this much
            return null;
          }
          double predicted =
              distance == 0
                  ? ALPHA
                  : Power.power(
                      Power.pairedVariance(Draws.discordance(cells), delta), distance, n, ALPHA);
          return new Truth(
              predicted, random -> Claim.nonInferior(Draws.table(random, n, cells), margin, true));
        });
  }

  /** at-least pass rate 90 % (exact bounds). */
  static Section.Scenario rate(int n) {
    double limit = 0.9;
    double mde = Power.proportionMinimumDetectable(limit, n, ALPHA, POWER, false);
    return curve(
        "at-least pass rate 90 %",
        n,
        pp(mde),
        mde,
        distance -> {
          double truth = limit + distance;
          if (truth > 1) {
            return null;
          }
          double predicted = distance == 0 ? ALPHA : Power.proportionPower(truth, limit, n, ALPHA);
          return new Truth(
              predicted,
              random -> Claim.atLeast(new Proportion(Draws.binomial(random, n, truth), n), limit));
        });
  }

  /**
   * at-most latency p95 (order statistics); distances on the share of latencies at or below the
   * limit.
   */
  static Section.Scenario percentile(int n) {
    double median = 800;
    double sigma = 0.5;
    double mde = Power.proportionMinimumDetectable(0.95, n, ALPHA, POWER, false);
    String shown = Double.isInfinite(mde) ? "none" : pp(mde) + " of latencies";
    return curve(
        "at-most latency p95 (log-normal latencies)",
        n,
        shown,
        mde,
        distance -> {
          double share = 0.95 + distance;
          if (share >= 1) {
            return null;
          }
          double limit = median * Math.exp(sigma * NORMAL.inverseCumulativeProbability(share));
          double predicted = distance == 0 ? ALPHA : Power.proportionPower(share, 0.95, n, ALPHA);
          return new Truth(
              predicted,
              random -> {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                  values[i] = Draws.logNormal(random, median, sigma);
                }
                return Claim.atMost(new Percentile(OrderStatistics.of(values), 0.95), limit);
              });
        });
  }

  /**
   * ratio-at-most cost 0.8 (delta method, paired): control costs log-normal (sigma 0.5), the
   * challenger's a constant share of them times log-normal noise (sigma 0.3); the per-pair variance
   * on the log scale is e^(0.5^2) (e^(0.3^2) - 1). Distances on the log of the ratio.
   */
  static Section.Scenario ratio(int n) {
    double limit = 0.8;
    double noise = 0.3;
    double variance = Math.exp(0.25) * (Math.exp(noise * noise) - 1);
    double mde = Power.minimumDetectable(variance, n, ALPHA, POWER);
    String shown = String.format(Locale.ROOT, "%.1f %% of the ratio", 100 * (1 - Math.exp(-mde)));
    return curve(
        "ratio-at-most cost per call 0.8",
        n,
        shown,
        mde,
        distance -> {
          double truth = limit * Math.exp(-distance);
          double scale = truth / Math.exp(noise * noise / 2);
          double predicted = distance == 0 ? ALPHA : Power.power(variance, distance, n, ALPHA);
          return new Truth(
              predicted,
              random -> {
                Moments moments = new Moments();
                for (int i = 0; i < n; i++) {
                  double control = Draws.logNormal(random, 0.001, 0.5);
                  moments.add(scale * control * Math.exp(noise * random.nextGaussian()), control);
                }
                return Claim.ratioAtMost(moments.pairedRatio(), limit);
              });
        });
  }

  /** A truth at one distance: the predicted power and how to draw one run's claim. */
  record Truth(double predicted, java.util.function.Function<SplittableRandom, Claim> draw) {}

  private static Section.Scenario curve(
      String label, int n, String mdeShown, double mde, DoubleFunction<Truth> truthAt) {
    return new Section.Scenario(
        "power " + label + " n=" + n,
        (random, runs) -> {
          List<String> row =
              new ArrayList<>(List.of(label, String.format(Locale.ROOT, "%,d", n), mdeShown));
          for (double k : MULTIPLES) {
            if (Double.isInfinite(mde)) {
              row.add(k == 0 ? cell(random, runs, truthAt.apply(0)) : "none");
              continue;
            }
            Truth truth = truthAt.apply(k * mde);
            row.add(truth == null ? "-" : cell(random, runs, truth));
          }
          return row;
        });
  }

  private static String cell(SplittableRandom random, int runs, Truth truth) {
    long held = 0;
    for (int r = 0; r < runs; r++) {
      if (truth.draw().apply(random).judge(ALPHA, ALPHA).finding() == Finding.HOLDS) {
        held++;
      }
    }
    return Tally.percent(held, runs) + " (" + Tally.percent(truth.predicted()) + ")";
  }

  private static String pp(double share) {
    return String.format(Locale.ROOT, "%.1f pp", 100 * share);
  }
}
