package dev.evalgate.engine.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run that looks at its evidence several times and stops calling when the verdict is decided: a
 * group-sequential design with alpha spending (Lan and DeMets 1983). At each look every test may
 * use only the part of its level the spending function allows by then, so the level over all looks
 * stays what the gate states.
 *
 * <p>Why group-sequential boundaries and not anytime-valid confidence sequences: EvalGate knows its
 * largest run (the dataset) and looks a few times (after each batch of cases), which is what alpha
 * spending is made for. For K = 5 looks with O'Brien-Fleming-type spending a run that goes to the
 * end is about 2 % larger than a fixed run of the same power, and at its last look it decides
 * almost as the fixed run would (one-sided z 2.03 instead of 1.96). Confidence sequences are valid
 * at every case, which EvalGate does not need, and pay for it with intervals wider at every n
 * (about 1.5-2 times at the sizes of a suite), so they would stop later and cost more calls at the
 * margin.
 *
 * <pre>{@code
 * SequentialPlan plan = new SequentialPlan(Spending.OBRIEN_FLEMING);
 * Family.Result look = Family.decide(claims, 0.025, plan.levels(0.2, 0.4), state); // second of five looks
 * if (look.decided()) { ... stop calling }
 * }</pre>
 *
 * @param spending how the level is spent over the looks
 */
public record SequentialPlan(Spending spending) {
  /**
   * The levels at the latest of the looks so far, for {@link Family#decide(java.util.List, double,
   * Family.Levels, Family.State)}: a test at overall level {@code alpha} may reject at this look
   * when its p-value is at most the returned level (the upper tail of its spending boundary). The
   * fractions are the shares of the planned cases answered at each look so far; the last look of a
   * run is at fraction 1 (whatever was answered), so it spends what is left.
   */
  public Family.Levels levels(double... fractionsSoFar) {
    double[] fractions = fractionsSoFar.clone();
    // safe to share between threads (a simulation judges many runs with one design)
    Map<Double, Double> cache = new ConcurrentHashMap<>();
    return alpha ->
        cache.computeIfAbsent(
            alpha,
            a -> {
              double[] upper = GroupSequential.boundaries(spending, a, fractions);
              return Proportions.upperTail(upper[upper.length - 1]);
            });
  }

  /** The nominal one-sided levels at each look of a design with these fractions. */
  public double[] nominalLevels(double alpha, double... fractions) {
    return Arrays.stream(GroupSequential.boundaries(spending, alpha, fractions))
        .map(Proportions::upperTail)
        .toArray();
  }
}
