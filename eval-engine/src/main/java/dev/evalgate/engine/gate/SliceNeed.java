package dev.evalgate.engine.gate;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.Slice;
import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.PairedProportions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code no-slice-regresses} criterion needs: each slice with paired cases needs the paired
 * cases that show it non-inferior (at least min-cases), over its own clusters when the cases come
 * in clusters; the count is the smallest run of paired cases at which every slice judged at that
 * size (at least min-cases paired cases, if the slices keep the run's shares) has them, and the
 * slices still under min-cases there are named. The plan's row and the gate's INCONCLUSIVE reason
 * both state it.
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
    List<Candidate> candidates = new ArrayList<>();
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
      double share = (double) table.n() / total;
      candidates.add(
          new Candidate(
              slice.name(),
              table.n(),
              // the runs at which this slice is judged, and has the cases it needs, if it keeps its
              // share of the paired cases
              criterion.minCases() / share,
              needed / share,
              "the slice that needs most, "
                  + slice.name()
                  + ", "
                  // a slice under min-cases is not judged yet: its count rests on a handful of
                  // pairs
                  + (table.n() < criterion.minCases()
                      ? notJudgedYet(table.n(), criterion.minCases())
                      : "")
                  + (open ? Planning.needs(needed, table.n()) : "about " + Planning.count(needed))
                  + " of its paired cases at its pilot share of "
                  + Format.value(Metric.Unit.RATE, share)
                  + "; "
                  + need.figures()));
    }
    if (candidates.isEmpty()) {
      return new SliceNeed(total, null, "the report has no data for it: no slice has paired cases");
    }
    // a slice counts once the run is large enough for it to be judged: the smallest run at which
    // every slice then judged has its cases (at least the run at which the first slice is judged)
    double most =
        candidates.stream()
            .filter(c -> c.pairs() >= criterion.minCases())
            .mapToDouble(Candidate::cases)
            .max()
            .orElse(candidates.stream().mapToDouble(Candidate::judgedFrom).min().orElse(0));
    for (boolean grown = true; grown; ) {
      grown = false;
      for (Candidate c : candidates) {
        if (c.judgedFrom() <= most && c.cases() > most) {
          most = c.cases();
          grown = true;
        }
      }
    }
    double run = most;
    Candidate driving =
        candidates.stream()
            .filter(c -> c.judgedFrom() <= run)
            .max(Comparator.comparingDouble(Candidate::cases))
            .orElseThrow();
    List<String> unjudged =
        candidates.stream()
            .filter(c -> c.judgedFrom() > run)
            .map(c -> c.name() + " (" + c.pairs() + " in the pilot)")
            .toList();
    String reason =
        driving.reason()
            + (unjudged.isEmpty()
                ? ""
                : "; at that size still under the "
                    + criterion.minCases()
                    + " paired cases a slice needs to be judged, so not counted: "
                    + String.join(", ", unjudged));
    return new SliceNeed(total, Planning.roundUp(most), reason);
  }

  /**
   * A slice's need.
   *
   * @param pairs its paired cases in the pilot
   * @param judgedFrom the run at which it has min-cases paired cases, so is judged
   * @param cases the run at which it has the paired cases it needs
   * @param reason what the row says of it when it needs most
   */
  private record Candidate(
      String name, long pairs, double judgedFrom, double cases, String reason) {}

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
