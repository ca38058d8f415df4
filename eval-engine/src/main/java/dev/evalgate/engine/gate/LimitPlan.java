package dev.evalgate.engine.gate;

import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.ClusteredPercentile;
import dev.evalgate.engine.stats.ClusteredProportion;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Mean;
import dev.evalgate.engine.stats.Percentile;
import dev.evalgate.engine.stats.Power;
import dev.evalgate.engine.stats.Proportion;
import org.jspecify.annotations.Nullable;

/**
 * The power figures of an at-most or at-least criterion: the minimum detectable effect at its n and
 * the cases that would decide it if the observed value were the truth.
 *
 * @param detectable the smallest distance from the limit that n observations show with 80 % power
 *     (for a percentile: of the share of observations at or below the limit); infinite when n
 *     cannot show it at all; {@code null} when unknown
 * @param cases the cases that decide the criterion with 80 % power if the observed value is the
 *     truth; {@code null} when the value sits on the limit or the figure is unknown
 * @param claimedSide whether the observed value is on the side the criterion claims
 * @param unit how the detectable distance reads
 * @param ofCalls whether it is a share of observations (a percentile's)
 */
record LimitPlan(
    @Nullable Double detectable,
    @Nullable Long cases,
    boolean claimedSide,
    Metric.Unit unit,
    boolean ofCalls) {

  static LimitPlan of(
      Metric metric, Estimate estimate, double limit, boolean atMost, double alpha) {
    long n = estimate.n();
    if (n == 0) {
      return new LimitPlan(null, null, false, metric.unit(), false);
    }
    if (estimate instanceof ClusteredProportion clustered) {
      // clustered cases carry less evidence each: as many cases as the design effect leaves, and
      // the design effect multiplies the cases needed; the one the bounds are taken on, so that
      // near a rate of 0 or 1 the plan is no more hopeful than the judgement
      double designEffect = clustered.boundingDesignEffect();
      if (Double.isInfinite(designEffect)) {
        return new LimitPlan(null, null, false, metric.unit(), false);
      }
      LimitPlan plan =
          share(
              clustered.value(),
              limit,
              Math.max(1, Math.round(n / designEffect)),
              atMost,
              alpha,
              Metric.Unit.RATE,
              false);
      return new LimitPlan(
          plan.detectable(),
          plan.cases() == null ? null : (long) Math.ceil(plan.cases() * designEffect),
          plan.claimedSide(),
          plan.unit(),
          false);
    }
    if (estimate instanceof ClusteredMean clustered) {
      // as for a rate: the effective observations show what they show, and the design effect
      // multiplies the answers needed
      Mean effective = clustered.effective();
      if (effective.n() < 2) {
        return new LimitPlan(null, null, false, metric.unit(), false);
      }
      LimitPlan plan = of(metric, effective, limit, atMost, alpha);
      return new LimitPlan(
          plan.detectable(),
          plan.cases() == null ? null : (long) Math.ceil(plan.cases() * (double) n / effective.n()),
          plan.claimedSide(),
          plan.unit(),
          false);
    }
    if (estimate instanceof Proportion rate) {
      return share(rate.value(), limit, n, atMost, alpha, Metric.Unit.RATE, false);
    }
    if (estimate instanceof ClusteredPercentile clustered) {
      // as for a rate: the share of answers at or below the limit, on the effective answers
      double designEffect = clustered.designEffect();
      if (Double.isInfinite(designEffect)) {
        return new LimitPlan(null, null, false, metric.unit(), true);
      }
      Percentile percentile = clustered.counted();
      LimitPlan plan =
          share(
              (double) percentile.sample().count(limit, true) / n,
              percentile.level(),
              Math.max(1, Math.round(n / designEffect)),
              !atMost,
              alpha,
              Metric.Unit.RATE,
              true);
      return new LimitPlan(
          plan.detectable(),
          plan.cases() == null ? null : (long) Math.ceil(plan.cases() * designEffect),
          plan.claimedSide(),
          plan.unit(),
          true);
    }
    if (estimate instanceof Percentile percentile) {
      // "p95 at most L" holds when at least 95 % of the observations are at or below L
      double share = (double) percentile.sample().count(limit, true) / n;
      return share(share, percentile.level(), n, !atMost, alpha, Metric.Unit.RATE, true);
    }
    if (estimate instanceof Mean mean) {
      double variance = mean.sd() * mean.sd();
      if (!(variance > 0)) {
        return new LimitPlan(
            null, null, atMost ? mean.mean() <= limit : mean.mean() >= limit, metric.unit(), false);
      }
      double distance = Math.abs(mean.mean() - limit);
      return new LimitPlan(
          Power.minimumDetectable(variance, n, alpha, Planning.POWER),
          distance > 0 ? Planning.cases(variance, distance, alpha) : null,
          atMost ? mean.mean() < limit : mean.mean() > limit,
          metric.unit(),
          false);
    }
    return new LimitPlan(null, null, false, metric.unit(), false);
  }

  /** A share judged against a limit: below it when {@code below}. */
  static LimitPlan share(
      double observed,
      double limit,
      long n,
      boolean below,
      double alpha,
      Metric.Unit unit,
      boolean ofCalls) {
    if (!(limit > 0 && limit < 1)) {
      return new LimitPlan(
          null, null, below ? observed <= limit : observed >= limit, unit, ofCalls);
    }
    Double detectable = Power.proportionMinimumDetectable(limit, n, alpha, Planning.POWER, below);
    Long cases = observed == limit ? null : Planning.proportionCases(observed, limit, alpha);
    return new LimitPlan(
        detectable, cases, below ? observed < limit : observed > limit, unit, ofCalls);
  }

  /**
   * "2.9 pp at n=200", "3.1 pp of calls at n=200", "120 ms at n=200", "none at n=50"; {@code null}
   * when unknown.
   */
  @Nullable String detects(long n) {
    if (detectable == null) {
      return null;
    }
    if (Double.isInfinite(detectable)) {
      return "none at n=" + n;
    }
    return Format.delta(unit, detectable) + (ofCalls ? " of calls" : "") + " at n=" + n;
  }
}
