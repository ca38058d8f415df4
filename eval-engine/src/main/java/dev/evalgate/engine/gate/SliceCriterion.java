package dev.evalgate.engine.gate;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.Slice;
import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Finding;
import dev.evalgate.engine.stats.Holm;
import dev.evalgate.engine.stats.Judgement;
import dev.evalgate.engine.stats.PairedProportions;
import dev.evalgate.engine.stats.Power;
import dev.evalgate.engine.stats.WorstOf;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code no-slice-regresses} criterion about one challenger: in every slice of the cases with
 * at least {@code min-cases} paired cases, its pass rate is no worse than the control's by more
 * than the margin (Newcombe's paired interval per slice, as {@code non-inferior} judges the whole;
 * with {@code dataset.cluster}, over the slice's clusters, as {@code non-inferior} does: a slice
 * with fewer than 2 clusters cannot hold).
 *
 * <p>It holds when every judged slice holds (an intersection-union test: no adjustment, and a
 * challenger worse in any slice passes it at most alpha of the time). It is violated when Holm's
 * procedure across the judged slices, at the level the verdict's family gives the criterion, finds
 * a slice worse than the margin ({@link WorstOf}); the message names each slice it found. A slice
 * with fewer than {@code min-cases} paired cases is not judged and is listed as such; when no slice
 * has that many the criterion is inconclusive, never holds.
 */
final class SliceCriterion {
  /** Slices named in one message before "...". */
  private static final int NAMED = 5;

  private static final int EVIDENCE = 10;

  private final CriterionSpec criterion;
  private final String challenger;
  private final String control;
  private final Metric metric;
  private final @Nullable Comparison comparison;
  private final Evaluation evaluation;
  private final long pairs;
  private final List<Judged> judged = new ArrayList<>();
  private final List<String> notJudged = new ArrayList<>();
  private final @Nullable CriterionResult settled;

  /**
   * A slice with enough paired cases: its name, its table, its paired counts and, when the cases
   * come in clusters, its comparison over the slice's clusters.
   */
  private record Judged(
      String name,
      CheckComparison table,
      PairedProportions passes,
      @Nullable PairedClusters clusters) {
    /** What the slice is judged on: over its clusters when its cases come in clusters. */
    Estimate estimate() {
      return clusters == null ? passes : clusters.pairs();
    }

    /** How many times fewer independent cases its paired cases are worth (1 without clusters). */
    double inflation() {
      return clusters == null ? 1 : clusters.inflation();
    }
  }

  private SliceCriterion(
      CriterionSpec criterion,
      String challenger,
      String control,
      Evaluation evaluation,
      @Nullable Comparison comparison) {
    this.criterion = criterion;
    this.challenger = challenger;
    this.control = control;
    this.metric = Metric.parse(criterion.metric());
    this.comparison = comparison;
    this.evaluation = evaluation;
    this.pairs = comparison == null ? 0 : comparison.pairs();
    String key = metric.kind() == Metric.Kind.PASS_ALL_RATE ? "*" : metric.argument();
    for (Slice slice : evaluation.slices()) {
      Slice.Paired paired = slice.paired(challenger).orElse(null);
      CheckComparison table = paired == null ? null : paired.checks().get(key);
      long n = table == null ? 0 : table.n();
      if (paired != null && table != null && n > 0 && n >= criterion.minCases()) {
        PairedProportions passes =
            new PairedProportions(
                table.bothPass(), table.challengerOnly(), table.controlOnly(), table.bothFail());
        // a slice's cases come in the suite's clusters (a conversation's turns usually share its
        // category): it is judged over the clusters, as the whole run is
        Clustered clusters = paired.clustered() == null ? null : paired.clustered().get(key);
        judged.add(
            new Judged(
                slice.name(),
                table,
                passes,
                clusters == null ? null : PairedClusters.of(passes, clusters)));
      } else {
        notJudged.add(slice.name() + " (" + n + ")");
      }
    }
    this.settled = settle(evaluation);
  }

  /**
   * @param comparison the challenger's comparison with the control over the whole run
   */
  static SliceCriterion of(
      CriterionSpec criterion,
      String challenger,
      String control,
      Evaluation evaluation,
      @Nullable Comparison comparison) {
    return new SliceCriterion(criterion, challenger, control, evaluation, comparison);
  }

  /** The result when no slice can be judged (inconclusive, saying why), else {@code null}. */
  @Nullable CriterionResult settled() {
    return settled;
  }

  private @Nullable CriterionResult settle(Evaluation evaluation) {
    // a field no case has a value for (misspelt, or absent from the rows) puts every case in one
    // slice, which would judge the average again: never a pass
    String unvalued =
        evaluation.sliceFields().stream()
            .filter(
                field ->
                    evaluation.slices().stream()
                        .filter(s -> s.field().equals(field))
                        .allMatch(s -> s.value().equals(Slice.NONE)))
            .findFirst()
            .orElse(null);
    if (unvalued != null) {
      return inconclusive(
          "no case has a value for the field '"
              + unvalued
              + "' that slices names, so every case is in its (none) slice; expected a field of"
              + " the dataset's rows");
    }
    if (!judged.isEmpty()) {
      return null;
    }
    return inconclusive(
        evaluation.slices().isEmpty()
            ? "the run has no slices; expected 'slices: [FIELD, ...]' in the suite, naming fields"
                + " of the dataset's rows"
            : "no slice has the "
                + criterion.minCases()
                + " paired cases min-cases asks for, so none is judged: "
                + named(notJudged));
  }

  /** "challenger correct pass rate cannot be judged slice by slice: {@code reason}". */
  private CriterionResult inconclusive(String reason) {
    return CriterionResult.undecided(
        criterion,
        challenger,
        pairs,
        challenger + " " + metric.label() + " cannot be judged slice by slice: " + reason);
  }

  /** The claim that no judged slice is worse than the margin. */
  Claim claim() {
    return Claim.nonInferior(
        new WorstOf(judged.stream().map(Judged::estimate).toList()), criterion.limit(), true);
  }

  /** The criterion's result from the judgement of {@link #claim()}. */
  CriterionResult result(Judgement judgement) {
    double margin = criterion.limit();
    int k = judged.size();
    // Holm across the judged slices at the criterion's level: the first at alpha/k, the next at
    // alpha/(k-1), ... until none is found violated
    Holm.Steps holm =
        Holm.violations(
            judged.stream()
                .map(slice -> Claim.nonInferior(slice.estimate(), margin, true))
                .toList(),
            judgement.alphaViolated());
    boolean[] violated = holm.violated();
    double[] violationLevel = holm.levels();
    List<String> listed = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    int worst = 0;
    // the power of the slice that shows the least: what the criterion can detect in every slice
    double leastPower = -1;
    long smallest = 0;
    for (int i = 0; i < k; i++) {
      Judged slice = judged.get(i);
      Judgement own =
          Claim.nonInferior(slice.estimate(), margin, true)
              .judge(judgement.alphaHolds(), violationLevel[i]);
      if (slice.estimate().value() < judged.get(worst).estimate().value()) {
        worst = i;
      }
      long n = slice.estimate().n();
      // clustered cases carry less evidence each: the design effect multiplies their variance
      double detectable =
          Power.minimumDetectable(
              Planning.pairedVariance(slice.passes().discordance(), 0, n) * slice.inflation(),
              n,
              judgement.alphaHolds(),
              Planning.POWER);
      if (detectable > leastPower) {
        leastPower = detectable;
        smallest = n;
      }
      boolean named =
          switch (judgement.finding()) {
            case VIOLATED -> violated[i];
            case INCONCLUSIVE -> own.finding() != Finding.HOLDS;
            case HOLDS -> false;
          };
      if (named) {
        listed.add(describe(slice, own));
        if (violated[i]) {
          slice.table().regressions().stream()
              .limit(Math.max(0, EVIDENCE - evidence.size()))
              .forEach(evidence::add);
        }
      }
    }
    ClaimStatus status =
        switch (judgement.finding()) {
          case HOLDS -> ClaimStatus.HOLDS;
          case VIOLATED -> ClaimStatus.VIOLATED;
          case INCONCLUSIVE -> ClaimStatus.INCONCLUSIVE;
        };
    String subject = challenger + " " + metric.label() + " ";
    String message =
        switch (status) {
          case HOLDS ->
              subject
                  + "is non-inferior to "
                  + control
                  + " in "
                  + (k == 1 ? "its one judged slice" : "all " + k + " judged slices")
                  + "; the worst, "
                  + describe(
                      judged.get(worst),
                      Claim.nonInferior(judged.get(worst).estimate(), margin, true)
                          .judge(judgement.alphaHolds(), violationLevel[worst]));
          case VIOLATED ->
              subject
                  + "is not non-inferior to "
                  + control
                  + " in "
                  + listed.size()
                  + " of "
                  + k
                  + " judged slices (Holm across them): "
                  + named(listed);
          case INCONCLUSIVE ->
              subject
                  + "cannot be shown non-inferior to "
                  + control
                  + " in "
                  + listed.size()
                  + " of "
                  + k
                  + " judged slices: "
                  + named(listed);
        };
    if (!notJudged.isEmpty()) {
      message +=
          "; not judged (fewer than "
              + criterion.minCases()
              + " paired cases): "
              + named(notJudged);
    }
    if (status == ClaimStatus.INCONCLUSIVE) {
      // what the slice that needs most needs, in the words of evalgate:plan's row
      SliceNeed need =
          SliceNeed.of(criterion, challenger, comparison, evaluation, judgement.alphaHolds(), true);
      message +=
          need.cases() == null
              ? "; " + need.reason()
              : "; needs "
                  + Planning.needs(need.cases(), need.total())
                  + " paired cases ("
                  + need.reason()
                  + ")";
    }
    long n = judged.stream().mapToLong(j -> j.estimate().n()).sum();
    return CriterionResult.of(
            criterion,
            challenger,
            status,
            judged.get(worst).estimate().value(),
            judgement.interval().low(),
            judgement.interval().high(),
            n,
            message,
            status == ClaimStatus.VIOLATED ? evidence : List.of())
        .detecting(
            leastPower,
            (Double.isInfinite(leastPower)
                    ? "none"
                    : "Δ " + Format.delta(Metric.Unit.RATE, leastPower))
                + " at n="
                + smallest
                + " (the least a judged slice shows)");
  }

  /**
   * {@code category=billing 80.0% vs 95.0% (Δ -15.0 pp, 98.8% CI [-25.1, -6.2], margin -5.0 pp,
   * n=60)}: a slice's rates over its paired cases, its difference and its interval at the levels it
   * was judged at; with clusters, {@code n=60, 15 clusters, design effect 3.1)}.
   */
  private String describe(Judged slice, Judgement own) {
    return slice.name()
        + " "
        + Format.value(Metric.Unit.RATE, slice.table().challengerRate())
        + " vs "
        + Format.value(Metric.Unit.RATE, slice.table().controlRate())
        + " (Δ "
        + Format.delta(Metric.Unit.RATE, slice.estimate().value())
        + ", "
        + Format.confidence(own.confidence())
        + " CI "
        + Format.bounds(Metric.Unit.RATE, own.interval().low(), own.interval().high())
        + ", "
        + Format.margin(metric, criterion.limit())
        + ", n="
        + slice.estimate().n()
        + (slice.clusters() == null ? "" : slice.clusters().note())
        + ")";
  }

  private static String named(List<String> names) {
    return String.join(", ", names.stream().limit(NAMED).toList())
        + (names.size() > NAMED ? ", ... (" + names.size() + " in all)" : "");
  }
}
