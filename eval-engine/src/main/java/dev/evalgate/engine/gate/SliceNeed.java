package dev.evalgate.engine.gate;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.Slice;
import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.PairedProportions;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code no-slice-regresses} criterion needs: each slice with paired cases needs the paired
 * cases that show it non-inferior (at least min-cases), over its own clusters when the cases come
 * in clusters; the count is the paired cases at which the slice that needs most has them, if the
 * slices keep the run's shares. The plan's row and the gate's INCONCLUSIVE reason both state it.
 *
 * @param total the run's paired cases of the criterion's check
 * @param cases the paired cases that decide it, or {@code null} when no count does
 * @param reason {@code the slice that needs most, category=billing, about 120 of its paired cases
 *     at its pilot share of 50.0%; observed discordance 2.0%, difference -2.0 pp}, or why there is
 *     no count
 */
record SliceNeed(long total, @Nullable Long cases, String reason) {

  /**
   * @param alpha the one-sided level the criterion is judged at
   * @param undecided whether the gate left the criterion undecided: then a slice its interval does
   *     not show within the margin needs more than its pairs ({@link Planning#needs})
   */
  static SliceNeed of(
      CriterionSpec criterion,
      String challenger,
      @Nullable Comparison comparison,
      Evaluation evaluation,
      double alpha,
      boolean undecided) {
    Metric metric = Metric.parse(criterion.metric());
    String key = metric.kind() == Metric.Kind.PASS_ALL_RATE ? "*" : metric.argument();
    CheckComparison whole = comparison == null ? null : comparison.checks().get(key);
    long total = whole == null ? 0 : whole.n();
    if (total == 0) {
      return new SliceNeed(0, null, "the report has no data for it: no paired results");
    }
    double most = 0;
    String reason = "";
    for (Slice slice : evaluation.slices()) {
      Slice.Paired paired = slice.paired(challenger).orElse(null);
      CheckComparison table = paired == null ? null : paired.checks().get(key);
      if (paired == null || table == null || table.n() == 0) {
        continue;
      }
      PairedProportions passes =
          new PairedProportions(
              table.bothPass(), table.challengerOnly(), table.controlOnly(), table.bothFail());
      Clustered over = paired.clustered() == null ? null : paired.clustered().get(key);
      PairedClusters clustered = over == null ? null : PairedClusters.of(passes, over);
      SamplePlan.PairedNeed need =
          SamplePlan.PairedNeed.of(passes, clustered, criterion.limit(), alpha, 1);
      // of a criterion the gate left undecided, a slice its interval does not show within the
      // margin is undecided too (none is violated), so it needs more than its pilot's pairs
      boolean open =
          undecided
              && !Claim.nonInferior(
                      clustered == null ? passes : clustered.pairs(), criterion.limit(), true)
                  .holdsAt(alpha);
      if (need.cases() == null) {
        return new SliceNeed(total, null, slice.name() + ": " + need.figures() + need.why());
      }
      long needed = Math.max(criterion.minCases(), need.cases());
      // the run at which this slice has them, if it keeps its share of the paired cases
      double cases = (double) needed * total / table.n();
      if (cases > most) {
        most = cases;
        reason =
            "the slice that needs most, "
                + slice.name()
                + ", "
                // a slice under min-cases is not judged yet: its count rests on a handful of pairs
                + (table.n() < criterion.minCases()
                    ? notJudgedYet(table.n(), criterion.minCases())
                    : "")
                + (open ? Planning.needs(needed, table.n()) : "about " + Planning.count(needed))
                + " of its paired cases at its pilot share of "
                + Format.value(Metric.Unit.RATE, (double) table.n() / total)
                + "; "
                + need.figures();
      }
    }
    if (most == 0) {
      return new SliceNeed(total, null, "the report has no data for it: no slice has paired cases");
    }
    return new SliceNeed(total, Planning.roundUp(most), reason);
  }

  /**
   * "has 5 of the 20 paired cases a slice needs before it is judged; then, if what its 5 showed is
   * the truth, ": what precedes the count of a slice under {@code min-cases}, which the gate does
   * not judge until it has them, so that its count, planned from so few pairs, is read as the guess
   * it is.
   */
  static String notJudgedYet(long pairs, long minCases) {
    return "has "
        + pairs
        + " of the "
        + minCases
        + " paired cases a slice needs before it is judged; then, if what its "
        + pairs
        + " showed is the truth, ";
  }
}
