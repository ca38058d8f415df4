package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.Flakiness;
import dev.evalgate.engine.stats.Proportion;
import java.util.List;

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
 */
public record RepeatStats(
    int k,
    long cases,
    double passAll,
    double passAny,
    double flipRate,
    List<FlakyCase> flakyCases) {

  /** A case that passed some of its repeats and failed the others: {@code passes} of k. */
  public record FlakyCase(String caseId, int passes) {}

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
