package dev.evalgate.benchmarks.stats;

import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.Family;
import dev.evalgate.engine.stats.Finding;
import dev.evalgate.engine.stats.Moments;
import dev.evalgate.engine.stats.OrderStatistics;
import dev.evalgate.engine.stats.Percentile;
import dev.evalgate.engine.stats.Proportion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * False PROMOTE and false REJECT rates: every criterion's truth is exactly at its limit, where the
 * gate promises each at most alpha (2.5 % per side at 95 % confidence), alone and in a family of
 * criteria and challengers.
 */
final class DecisionSections {
  static final double ALPHA = 0.025;
  static final double MARGIN = 0.02;
  static final double RHO = 0.5;

  private DecisionSections() {}

  static List<Section> all() {
    return List.of(atTheLimit(), family());
  }

  /** One criterion whose truth is at its limit: both errors at most 2.5 %. */
  static Section atTheLimit() {
    List<Section.Scenario> rows = new ArrayList<>();
    for (double p : new double[] {0.5, 0.9, 0.99}) {
      double[] cells = Draws.cells(p, p - MARGIN, RHO);
      rows.add(
          row(
              String.format(
                  Locale.ROOT,
                  "non-inferior pass rate, margin 2 pp: control %s %%, challenger %s %% (Newcombe)",
                  Tally.percent(p),
                  Tally.percent(p - MARGIN)),
              (random, n) -> Claim.nonInferior(Draws.table(random, n, cells), MARGIN, true)));
    }
    for (double p : new double[] {0.5, 0.9, 0.99}) {
      rows.add(
          row(
              String.format(
                  Locale.ROOT,
                  "at-least pass rate %s %%, true rate %s %% (exact)",
                  Tally.percent(p),
                  Tally.percent(p)),
              (random, n) -> Claim.atLeast(new Proportion(Draws.binomial(random, n, p), n), p)));
    }
    rows.add(
        row(
            "at-most error rate 1 %, true rate 1 % (exact)",
            (random, n) -> Claim.atMost(new Proportion(Draws.binomial(random, n, 0.01), n), 0.01)));
    double median = 800;
    double sigma = 0.5;
    double trueP95 =
        median
            * Math.exp(
                sigma * new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.95));
    rows.add(
        row(
            "at-most latency p95, limit at the true p95 (order statistics)",
            (random, n) -> {
              double[] values = new double[n];
              for (int i = 0; i < n; i++) {
                values[i] = Draws.logNormal(random, median, sigma);
              }
              return Claim.atMost(new Percentile(OrderStatistics.of(values), 0.95), trueP95);
            }));
    double costMedian = 0.001;
    double trueCostPer1k = 1000 * Draws.logNormalMean(costMedian, 0.8);
    rows.add(
        row(
            "at-most cost per 1K calls, limit at the true mean (plain t, skewness ignored;"
                + " log-normal costs)",
            (random, n) -> {
              Moments moments = new Moments();
              for (int i = 0; i < n; i++) {
                moments.add(Draws.logNormal(random, costMedian, 0.8));
              }
              return Claim.atMost(moments.meanEstimate().scaled(1000), trueCostPer1k);
            }));
    rows.add(
        row(
            "at-most cost per 1K calls, limit at the true mean (skew-aware t, Hall; log-normal"
                + " costs; what the gate uses)",
            (random, n) -> {
              Moments moments = new Moments();
              for (int i = 0; i < n; i++) {
                moments.add(Draws.logNormal(random, costMedian, 0.8));
              }
              return Claim.atMost(moments.skewAwareMean().scaled(1000), trueCostPer1k);
            }));
    rows.add(
        row(
            "ratio-at-most cost 0.8, true ratio 0.8 (delta method, paired)",
            (random, n) -> {
              Moments moments = new Moments();
              double scale = 0.8 / Math.exp(0.3 * 0.3 / 2);
              for (int i = 0; i < n; i++) {
                double control = Draws.logNormal(random, costMedian, 0.5);
                moments.add(scale * control * Math.exp(0.3 * random.nextGaussian()), control);
              }
              return Claim.ratioAtMost(moments.pairedRatio(), 0.8);
            }));
    return new Section(
        "errors-at-limit",
        "False PROMOTE and false REJECT of one criterion whose truth is at its limit",
        "The challenger is exactly at the limit, so a PROMOTE and a REJECT are both errors; each"
            + " must happen at most 2.5 % of the time (the gate's 95 % confidence, one-sided). Each"
            + " cell: false PROMOTE % / false REJECT %. Paired outcomes are correlated (phi 0.5);"
            + " latencies and costs log-normal as in the coverage tables.",
        CoverageSections.header("criterion"),
        rows);
  }

  /**
   * Two challengers with three criteria each (two non-inferior pass rates, one at-most rate): the
   * chance of any false verdict, with the family control of {@link Family} and with each criterion
   * judged alone at 2.5 %.
   */
  static Section family() {
    List<Section.Scenario> rows = new ArrayList<>();
    double p = 0.9;
    double[] atMargin = Draws.cells(p, p - MARGIN, RHO);
    double[] clearlyBetter = Draws.cells(p, p + 0.05, RHO);
    for (boolean holm : new boolean[] {true, false}) {
      String how = holm ? "Family: Holm across the verdict" : "each criterion alone at 2.5 %";
      rows.add(
          new Section.Scenario(
              "family all-at-limit holm=" + holm,
              (random, runs) -> {
                List<String> row =
                    new ArrayList<>(List.of("every criterion at its limit: any false REJECT", how));
                for (int n : CoverageSections.SIZES) {
                  long wrong = 0;
                  for (int r = 0; r < runs; r++) {
                    List<List<Claim>> claims =
                        List.of(
                            criteria(random, n, atMargin, atMargin, 0.03),
                            criteria(random, n, atMargin, atMargin, 0.03));
                    wrong += rulings(claims, holm).contains(Family.Ruling.REJECT) ? 1 : 0;
                  }
                  row.add(Tally.percent(wrong, runs));
                }
                return row;
              }));
    }
    for (boolean holm : new boolean[] {true, false}) {
      String how = holm ? "Family: Holm across the verdict" : "each criterion alone at 2.5 %";
      rows.add(
          new Section.Scenario(
              "family one-at-limit holm=" + holm,
              (random, runs) -> {
                List<String> row =
                    new ArrayList<>(
                        List.of(
                            "one criterion of each at its limit, two clearly met: any false"
                                + " PROMOTE",
                            how));
                for (int n : CoverageSections.SIZES) {
                  long wrong = 0;
                  for (int r = 0; r < runs; r++) {
                    List<List<Claim>> claims =
                        List.of(
                            criteria(random, n, atMargin, clearlyBetter, 0.01),
                            criteria(random, n, atMargin, clearlyBetter, 0.01));
                    wrong += rulings(claims, holm).contains(Family.Ruling.PROMOTE) ? 1 : 0;
                  }
                  row.add(Tally.percent(wrong, runs));
                }
                return row;
              }));
    }
    return new Section(
        "errors-family",
        "False verdicts of a family: two challengers, three criteria each",
        "Each challenger has non-inferior pass-rate(a) and pass-rate(b) (margin 2 pp, control 90 %,"
            + " phi 0.5) and at-most over-refusal-rate 3 %. First rows: every criterion exactly at"
            + " its limit, so any REJECT is false; judged alone, six chances of 2.5 % add up, while"
            + " the family keeps the chance of any false REJECT at most 2.5 %. Last rows:"
            + " pass-rate(a) at its margin, pass-rate(b) 5 pp better and over-refusal 1 %, so any"
            + " PROMOTE is false; alone each challenger is promoted up to 2.5 % of the time (up to"
            + " 5 % for either), the family keeps either at most 2.5 %. Each cell: the share of"
            + " runs with such a false verdict, %.",
        CoverageSections.header("truth", "judged"),
        rows);
  }

  private static List<Claim> criteria(
      SplittableRandom random, int n, double[] first, double[] second, double overRefusal) {
    return List.of(
        Claim.nonInferior(Draws.table(random, n, first), MARGIN, true),
        Claim.nonInferior(Draws.table(random, n, second), MARGIN, true),
        Claim.atMost(new Proportion(Draws.binomial(random, n, overRefusal), n), 0.03));
  }

  private static List<Family.Ruling> rulings(List<List<Claim>> claims, boolean holm) {
    if (holm) {
      return Family.decide(claims, ALPHA).outcomes().stream().map(Family.Outcome::ruling).toList();
    }
    List<Family.Ruling> rulings = new ArrayList<>();
    for (List<Claim> challenger : claims) {
      List<Finding> findings =
          challenger.stream().map(c -> c.judge(ALPHA, ALPHA).finding()).toList();
      rulings.add(
          findings.contains(Finding.VIOLATED)
              ? Family.Ruling.REJECT
              : findings.stream().allMatch(f -> f == Finding.HOLDS)
                  ? Family.Ruling.PROMOTE
                  : Family.Ruling.INCONCLUSIVE);
    }
    return rulings;
  }

  @FunctionalInterface
  interface ClaimDraw {
    Claim claim(SplittableRandom random, int n);
  }

  /**
   * A row over the sizes: "false PROMOTE % / false REJECT %" of one criterion judged at 2.5 % per
   * side.
   */
  private static Section.Scenario row(String label, ClaimDraw draw) {
    return new Section.Scenario(
        label,
        (random, runs) -> {
          List<String> row = new ArrayList<>(List.of(label));
          for (int n : CoverageSections.SIZES) {
            long promoted = 0;
            long rejected = 0;
            for (int r = 0; r < runs; r++) {
              Family.Ruling ruling =
                  Family.decide(List.of(List.of(draw.claim(random, n))), ALPHA)
                      .outcomes()
                      .get(0)
                      .ruling();
              promoted += ruling == Family.Ruling.PROMOTE ? 1 : 0;
              rejected += ruling == Family.Ruling.REJECT ? 1 : 0;
            }
            row.add(Tally.percent(promoted, runs) + " / " + Tally.percent(rejected, runs));
          }
          return row;
        });
  }
}
