package dev.evalgate.engine.stats;

/**
 * One criterion judged: its finding, and the numbers a report shows beside it.
 *
 * @param finding HOLDS, VIOLATED or INCONCLUSIVE
 * @param estimate the point estimate
 * @param interval the interval the finding was read from: the bound on the claimed side at {@code
 *     alphaHolds}, the other at {@code alphaViolated}; the limit is outside it unless INCONCLUSIVE
 * @param side the side of the limit the criterion claims
 * @param limit the limit
 * @param pHolds the one-sided p-value of "the criterion does not hold" (small when it holds)
 * @param pViolated the one-sided p-value of "the criterion holds" (small when it is violated)
 * @param n observations behind the estimate
 * @param alphaHolds the one-sided level the claimed side was judged at (lower than the gate's alpha
 *     under multiplicity control or at an early look)
 * @param alphaViolated the one-sided level the other side was judged at
 */
public record Judgement(
    Finding finding,
    double estimate,
    Interval interval,
    Side side,
    double limit,
    double pHolds,
    double pViolated,
    long n,
    double alphaHolds,
    double alphaViolated) {

  /** The interval's confidence: 1 minus both one-sided levels (0.95 for 0.025 on each side). */
  public double confidence() {
    return 1 - alphaHolds - alphaViolated;
  }
}
