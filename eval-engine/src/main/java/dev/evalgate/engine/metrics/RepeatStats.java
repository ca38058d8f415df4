package dev.evalgate.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.evalgate.engine.stats.Flakiness;
import dev.evalgate.engine.stats.Proportion;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How consistent a check is across {@code k} repeats of each case: the flakiness ledger. Each case
 * is stable-pass (passed all k), stable-fail (passed none) or flaky (passed some); the first
 * {@value RunAccumulator#LISTED} flaky cases are listed with their pass counts.
 *
 * @param k repeats per case
 * @param cases cases with all k repeats answered
 * @param passAll share of cases passing in all k repeats (pass^k)
 * @param passAny share of cases passing in at least one repeat (pass@k)
 * @param flipRate share of cases whose outcome differs between repeats: the flaky rate
 * @param flakyCases the first flaky cases in dataset order, each with its pass count; empty in a
 *     report written before they were listed
 * @param clusters with {@code dataset.cluster}, the clusters holding the cases; {@code null} (left
 *     out of report.json) without
 * @param passAllDesignEffect with clusters, pass^k's design effect over them ({@code null} with
 *     fewer than 2)
 * @param passAnyDesignEffect with clusters, pass@k's design effect over them
 * @param flipRateDesignEffect with clusters, the flaky rate's design effect over them
 */
public record RepeatStats(
    int k,
    long cases,
    double passAll,
    double passAny,
    double flipRate,
    List<FlakyCase> flakyCases,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer clusters,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double passAllDesignEffect,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double passAnyDesignEffect,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double flipRateDesignEffect) {

  /** A case that passed some of its repeats and failed the others: {@code passes} of k. */
  public record FlakyCase(String caseId, int passes) {}

  /** A ledger of cases that are not in clusters. */
  public RepeatStats(
      int k,
      long cases,
      double passAll,
      double passAny,
      double flipRate,
      List<FlakyCase> flakyCases) {
    this(k, cases, passAll, passAny, flipRate, flakyCases, null, null, null, null);
  }

  public RepeatStats {
    // a report written before the ledger listed flaky cases has none
    flakyCases = flakyCases == null ? List.of() : List.copyOf(flakyCases);
  }

  /** Cases that passed every repeat. */
  public long stablePass() {
    return Math.round(passAll * cases);
  }

  /** Cases that passed no repeat. */
  public long stableFail() {
    return cases - Math.round(passAny * cases);
  }

  /** Cases that passed some repeats and failed others. */
  public long flaky() {
    return Math.round(flipRate * cases);
  }

  /** Cases of a stability. */
  public long count(Flakiness.Stability stability) {
    return switch (stability) {
      case STABLE_PASS -> stablePass();
      case STABLE_FAIL -> stableFail();
      case FLAKY -> flaky();
    };
  }

  /** The flaky rate with its exact bounds. */
  public Proportion flakyRate() {
    return new Proportion(flaky(), cases);
  }
}
