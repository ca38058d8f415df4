package dev.evalgate.engine.stats;

/**
 * A criterion as a statistical claim: an estimate, a limit and the side of the limit the true value
 * is claimed to be on. Judging it at two one-sided levels gives HOLDS when the bound on the claimed
 * side is beyond the limit, VIOLATED when the other bound is short of it, INCONCLUSIVE when the
 * limit is inside the interval between them.
 *
 * <p>Each finding is a one-sided test: a challenger truly at the limit is found to hold at most
 * {@code alphaHolds} of the time and to violate it at most {@code alphaViolated} of the time
 * (exactly for the exact procedures, approximately for the others; the simulation in {@code
 * benchmarks} measures both). {@link Family} controls these rates across a verdict's criteria and
 * challengers.
 *
 * <pre>{@code
 * Claim schema = Claim.nonInferior(new PairedProportions(180, 6, 9, 5), 0.02, true);
 * Judgement j = schema.judge(0.025, 0.025);   // j.finding(), j.interval(), j.pHolds()
 * }</pre>
 *
 * @param estimate the estimate of the gated number
 * @param side the side of the limit the criterion claims
 * @param limit the limit on the estimate's scale
 */
public record Claim(Estimate estimate, Side side, double limit) {

  /**
   * Non-inferiority of a difference (challenger minus control) within a margin: at least {@code
   * -margin} when higher is better (pass rates), at most {@code +margin} when lower is better
   * (latency, cost, refusal rate).
   */
  public static Claim nonInferior(Estimate difference, double margin, boolean higherIsBetter) {
    requireMargin(margin);
    return higherIsBetter
        ? new Claim(difference, Side.AT_LEAST, -margin)
        : new Claim(difference, Side.AT_MOST, margin);
  }

  /**
   * Superiority of a difference (challenger minus control) by at least {@code margin} (0 for plain
   * superiority): above {@code margin} when higher is better, below {@code -margin} otherwise.
   */
  public static Claim superior(Estimate difference, double margin, boolean higherIsBetter) {
    requireMargin(margin);
    return higherIsBetter
        ? new Claim(difference, Side.AT_LEAST, margin)
        : new Claim(difference, Side.AT_MOST, -margin);
  }

  /** The value (a rate, a percentile, a mean cost) is at most the limit. */
  public static Claim atMost(Estimate value, double limit) {
    return new Claim(value, Side.AT_MOST, limit);
  }

  /** The value is at least the limit. */
  public static Claim atLeast(Estimate value, double limit) {
    return new Claim(value, Side.AT_LEAST, limit);
  }

  /** A ratio (challenger over control) is at most the limit. */
  public static Claim ratioAtMost(Ratio ratio, double limit) {
    return new Claim(ratio, Side.AT_MOST, limit);
  }

  private static void requireMargin(double margin) {
    if (!(margin >= 0)) {
      throw new IllegalArgumentException("a margin must be 0 or more, but was " + margin);
    }
  }

  /**
   * The p-value of "the criterion does not hold": the smallest one-sided level at which it holds.
   */
  public double pHolds() {
    return side == Side.AT_LEAST ? estimate.lowerP(limit, true) : estimate.upperP(limit, true);
  }

  /** The p-value of "the criterion holds": the smallest one-sided level at which it is violated. */
  public double pViolated() {
    return side == Side.AT_LEAST ? estimate.upperP(limit, false) : estimate.lowerP(limit, false);
  }

  /** Whether it holds at a one-sided level: the bound on the claimed side reaches the limit. */
  public boolean holdsAt(double alpha) {
    return side == Side.AT_LEAST ? estimate.lower(alpha) >= limit : estimate.upper(alpha) <= limit;
  }

  /** Whether it is violated at a one-sided level: the other bound falls short of the limit. */
  public boolean violatedAt(double alpha) {
    return side == Side.AT_LEAST ? estimate.upper(alpha) < limit : estimate.lower(alpha) > limit;
  }

  /** The criterion judged at one level per side (0.025 each for a gate at 95 % confidence). */
  public Judgement judge(double alphaHolds, double alphaViolated) {
    Finding finding =
        holdsAt(alphaHolds)
            ? Finding.HOLDS
            : violatedAt(alphaViolated) ? Finding.VIOLATED : Finding.INCONCLUSIVE;
    Interval interval =
        side == Side.AT_LEAST
            ? new Interval(estimate.lower(alphaHolds), estimate.upper(alphaViolated))
            : new Interval(estimate.lower(alphaViolated), estimate.upper(alphaHolds));
    return new Judgement(
        finding,
        estimate.value(),
        interval,
        side,
        limit,
        pHolds(),
        pViolated(),
        estimate.n(),
        alphaHolds,
        alphaViolated);
  }
}
