package dev.evalgate.benchmarks.stats;

import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.Family;
import dev.evalgate.engine.stats.GroupSequential;
import dev.evalgate.engine.stats.PairedProportions;
import dev.evalgate.engine.stats.SequentialPlan;
import dev.evalgate.engine.stats.Spending;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A run that stops when decided ({@code gate.sequential: { looks: 5 }}) against the fixed run of
 * the same planned cases: its false PROMOTE and false REJECT rates at the margin, and the calls it
 * makes, as a share of the fixed run's, as the challenger's true difference grows.
 */
final class SequentialSections {
  static final int LOOKS = 5;
  static final int[] PLANNED = {200, 1_000, 10_000};
  static final double CONTROL = 0.9;

  /** The levels at each look of five equally spaced ones, O'Brien-Fleming-type spending. */
  private static final Family.Levels[] LEVELS = levels();

  private SequentialSections() {}

  static List<Section> all() {
    return List.of(sequential());
  }

  private static Family.Levels[] levels() {
    SequentialPlan plan = new SequentialPlan(Spending.OBRIEN_FLEMING);
    double[] fractions = GroupSequential.equallySpaced(LOOKS);
    Family.Levels[] levels = new Family.Levels[LOOKS];
    for (int k = 0; k < LOOKS; k++) {
      levels[k] = plan.levels(Arrays.copyOf(fractions, k + 1));
    }
    return levels;
  }

  static Section sequential() {
    List<Section.Scenario> rows = new ArrayList<>();
    double margin = DecisionSections.MARGIN;
    double[] truths = {-margin, 0, margin, 2 * margin};
    String[] names = {
      "at the margin (-2 pp)",
      "no difference",
      "+2 pp (the margin better)",
      "+4 pp (twice the margin better)"
    };
    for (int t = 0; t < truths.length; t++) {
      double[] cells = Draws.cells(CONTROL, CONTROL + truths[t], DecisionSections.RHO);
      String truth = names[t];
      rows.add(
          new Section.Scenario(
              "sequential " + truths[t],
              (random, runs) -> {
                List<String> row = new ArrayList<>(List.of(truth));
                for (int planned : PLANNED) {
                  row.add(cell(random, runs, planned, cells, margin));
                }
                return row;
              }));
    }
    List<String> header = new ArrayList<>(List.of("challenger's true difference"));
    for (int planned : PLANNED) {
      header.add(String.format(Locale.ROOT, "%,d cases", planned));
    }
    return new Section(
        "sequential",
        "Stopping when decided: 5 looks against a fixed run",
        "One non-inferior pass-rate criterion (margin 2 pp, control 90 %, phi 0.5), judged after"
            + " each fifth of the planned cases with O'Brien-Fleming-type alpha spending (one-sided"
            + " 2.5 %), the run stopping at the first look whose verdict is PROMOTE or REJECT; the"
            + " fixed run judges all the planned cases once. Each cell: sequential PROMOTE % /"
            + " REJECT %, the calls it made as % of the fixed run's (mean); then the fixed run's"
            + " PROMOTE % / REJECT %. At the margin both verdicts are errors (at most 2.5 % each);"
            + " a sequential run never makes more calls than the planned ones.",
        header,
        rows);
  }

  private static String cell(
      SplittableRandom random, int runs, int planned, double[] cells, double margin) {
    long promote = 0;
    long reject = 0;
    long calls = 0;
    long fixedPromote = 0;
    long fixedReject = 0;
    for (int r = 0; r < runs; r++) {
      long[] counts = new long[4];
      int drawn = 0;
      Family.State state = Family.State.none();
      Family.Ruling ruling = Family.Ruling.INCONCLUSIVE;
      int used = planned;
      for (int k = 1; k <= LOOKS; k++) {
        int target = (int) Math.ceil((double) planned * k / LOOKS);
        while (drawn < target) {
          counts[Draws.pair(random, cells)]++;
          drawn++;
        }
        Family.Result look =
            Family.decide(
                List.of(List.of(claim(counts, margin))),
                DecisionSections.ALPHA,
                LEVELS[k - 1],
                state);
        state = look.state();
        ruling = look.outcomes().get(0).ruling();
        if (ruling != Family.Ruling.INCONCLUSIVE) {
          used = target;
          break;
        }
      }
      // the fixed run of the same cases: those drawn so far, then the rest
      while (drawn < planned) {
        counts[Draws.pair(random, cells)]++;
        drawn++;
      }
      Family.Ruling fixed =
          Family.decide(List.of(List.of(claim(counts, margin))), DecisionSections.ALPHA)
              .outcomes()
              .get(0)
              .ruling();
      promote += ruling == Family.Ruling.PROMOTE ? 1 : 0;
      reject += ruling == Family.Ruling.REJECT ? 1 : 0;
      fixedPromote += fixed == Family.Ruling.PROMOTE ? 1 : 0;
      fixedReject += fixed == Family.Ruling.REJECT ? 1 : 0;
      calls += used;
    }
    return Tally.percent(promote, runs)
        + " / "
        + Tally.percent(reject, runs)
        + ", calls "
        + Tally.percent(calls, (long) runs * planned)
        + " %; fixed "
        + Tally.percent(fixedPromote, runs)
        + " / "
        + Tally.percent(fixedReject, runs);
  }

  private static Claim claim(long[] counts, double margin) {
    return Claim.nonInferior(
        new PairedProportions(counts[0], counts[1], counts[2], counts[3]), margin, true);
  }
}
