package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every estimate's p-values are its bounds read the other way: the p-value of a limit is at most
 * alpha exactly when the bound at alpha reaches the limit. The gate decides on bounds and orders
 * Holm's steps by p-values, so the two must never disagree.
 */
class EstimateContractTest {
  private static final double[] ALPHAS = {0.0005, 0.001, 0.005, 0.0125, 0.025, 0.05, 0.1, 0.25};
  private static final int SAMPLES = 60;

  @TestFactory
  List<DynamicTest> pValuesAgreeWithBounds() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        contract(
            "paired proportions (Newcombe)",
            r -> {
              int n = 1 + r.nextInt(300);
              long[] cells = split(r, n, 4);
              return new PairedProportions(cells[0], cells[1], cells[2], cells[3]);
            }));
    tests.add(
        contract(
            "worst of paired proportions (slices: intersection-union below, Holm above)",
            r -> {
              List<PairedProportions> parts = new ArrayList<>();
              while (parts.size() < 1 + r.nextInt(5)) {
                int n = 1 + r.nextInt(150);
                long[] cells = split(r, n, 4);
                // a part at -1 or +1 (every case moved one way) has p 0.5 for a limit on that
                // edge, where its bound is the limit at every level: an edge of Newcombe's
                // inversion, not of taking the worst
                if (cells[1] < n && cells[2] < n) {
                  parts.add(new PairedProportions(cells[0], cells[1], cells[2], cells[3]));
                }
              }
              return new WorstOf(parts);
            }));
    tests.add(
        contract(
            "independent proportions (Newcombe)",
            r -> {
              int n1 = 1 + r.nextInt(200);
              int n2 = 1 + r.nextInt(200);
              return new IndependentProportions(r.nextInt(n1 + 1), n1, r.nextInt(n2 + 1), n2);
            }));
    tests.add(
        contract(
            "proportion (exact)",
            r -> {
              int n = 1 + r.nextInt(500);
              return new Proportion(r.nextInt(n + 1), n);
            }));
    tests.add(
        contract(
            "percentile (order statistics, with ties)",
            r -> {
              int n = 1 + r.nextInt(400);
              double[] values = new double[n];
              for (int i = 0; i < n; i++) {
                values[i] = Math.round(Math.exp(6 + 0.6 * r.nextGaussian()) / 10) * 10;
              }
              return new Percentile(OrderStatistics.of(values), r.nextBoolean() ? 0.95 : 0.5);
            }));
    tests.add(
        contract(
            "percentile over clusters (effective order statistics, with ties)",
            r -> {
              int n = 1 + r.nextInt(400);
              double[] values = new double[n];
              for (int i = 0; i < n; i++) {
                values[i] = Math.round(Math.exp(6 + 0.6 * r.nextGaussian()) / 10) * 10;
              }
              return new ClusteredPercentile(
                  new Percentile(OrderStatistics.of(values), r.nextBoolean() ? 0.95 : 0.5),
                  1 + 4 * r.nextDouble(),
                  1 + r.nextInt(60));
            }));
    tests.add(
        contract(
            "mean (Student t)",
            r ->
                new Mean(
                    1 + r.nextInt(100), r.nextGaussian(), r.nextInt(5) == 0 ? 0 : r.nextDouble())));
    tests.add(
        contract(
            "paired ratio (delta method)",
            r -> {
              Moments moments = new Moments();
              int n = 2 + r.nextInt(100);
              for (int i = 0; i < n; i++) {
                double base = Math.exp(r.nextGaussian());
                moments.add(base * Math.exp(0.3 * r.nextGaussian()) * 0.8, base);
              }
              return moments.pairedRatio();
            }));
    tests.add(
        contract(
            "paired bootstrap",
            r -> {
              PairedBootstrap bootstrap = new PairedBootstrap(r.nextLong());
              int n = 1 + r.nextInt(200);
              for (int i = 0; i < n; i++) {
                bootstrap.add(Math.round(10 * r.nextGaussian()));
              }
              return bootstrap.estimate();
            }));
    tests.add(
        contract(
            "clustered pairs (Rao-Scott Newcombe)",
            r -> {
              List<PairedProportions> clusters = new ArrayList<>();
              int k = 2 + r.nextInt(30);
              for (int i = 0; i < k; i++) {
                long[] cells = split(r, 1 + r.nextInt(8), 4);
                clusters.add(new PairedProportions(cells[0], cells[1], cells[2], cells[3]));
              }
              return ClusteredPairs.of(clusters);
            }));
    tests.add(
        contract(
            "clustered proportion (Rao-Scott exact)",
            r -> {
              int n = 2 + r.nextInt(300);
              // from 5 clusters: with 2-4 the effective counts fall below 0.1, and a bound near 0
              // underflows a double (the bounds are then [0, 1] in every practical sense)
              return new ClusteredProportion(
                  new Proportion(r.nextInt(n + 1), n), 1 + 5 * r.nextDouble(), 5 + r.nextInt(60));
            }));
    tests.add(
        contract(
            "clustered mean (effective observations)",
            r ->
                new ClusteredMean(
                    new Mean(2 + r.nextInt(300), r.nextGaussian(), r.nextDouble()),
                    1 + 5 * r.nextDouble(),
                    2 + r.nextInt(60))));
    tests.add(
        contract(
            "scaled mean",
            r -> new Mean(2 + r.nextInt(50), r.nextDouble(), r.nextDouble()).scaled(1000)));
    return tests;
  }

  private static DynamicTest contract(String name, Function<SplittableRandom, Estimate> estimates) {
    return DynamicTest.dynamicTest(
        name,
        () -> {
          SplittableRandom random = new SplittableRandom(name.hashCode());
          for (int s = 0; s < SAMPLES; s++) {
            Estimate estimate = estimates.apply(random);
            for (double limit : limits(estimate, random)) {
              for (boolean inclusive : new boolean[] {true, false}) {
                double pLower = estimate.lowerP(limit, inclusive);
                double pUpper = estimate.upperP(limit, inclusive);
                assertThat(pLower).isBetween(0.0, 1.0);
                assertThat(pUpper).isBetween(0.0, 1.0);
                for (double alpha : ALPHAS) {
                  double lower = estimate.lower(alpha);
                  double upper = estimate.upper(alpha);
                  // near-equal bound and limit are rounding; equal ones are ties (order
                  // statistics), which must agree
                  if (Math.abs(pLower - alpha) > 1e-7
                      && (lower == limit || Math.abs(lower - limit) > 1e-7)) {
                    boolean reaches = inclusive ? lower >= limit : lower > limit;
                    assertThat(pLower <= alpha)
                        .as(
                            "%s: lower bound %s at alpha %s vs limit %s (inclusive %s), p %s",
                            estimate, lower, alpha, limit, inclusive, pLower)
                        .isEqualTo(reaches);
                  }
                  if (Math.abs(pUpper - alpha) > 1e-7
                      && (upper == limit || Math.abs(upper - limit) > 1e-7)) {
                    boolean reaches = inclusive ? upper <= limit : upper < limit;
                    assertThat(pUpper <= alpha)
                        .as(
                            "%s: upper bound %s at alpha %s vs limit %s (inclusive %s), p %s",
                            estimate, upper, alpha, limit, inclusive, pUpper)
                        .isEqualTo(reaches);
                  }
                }
              }
            }
          }
        });
  }

  /** Limits around the estimate and its bounds, and exactly at them (ties). */
  private static List<Double> limits(Estimate estimate, SplittableRandom random) {
    List<Double> limits = new ArrayList<>();
    double value = estimate.value();
    double spread = Math.max(1e-3, Math.abs(estimate.upper(0.01) - estimate.lower(0.01)));
    if (Double.isInfinite(spread) || Double.isNaN(value)) {
      spread = 1;
    }
    for (int i = 0; i < 6; i++) {
      limits.add((Double.isNaN(value) ? 0 : value) + spread * (random.nextDouble() * 2 - 1));
    }
    for (double alpha : new double[] {0.025, 0.1}) {
      for (double bound : new double[] {estimate.lower(alpha), estimate.upper(alpha)}) {
        if (!Double.isInfinite(bound)) {
          limits.add(bound);
        }
      }
    }
    return limits;
  }

  /** n split at random over {@code cells} counts. */
  private static long[] split(SplittableRandom random, int n, int cells) {
    long[] counts = new long[cells];
    double[] weights = new double[cells];
    for (int c = 0; c < cells; c++) {
      weights[c] = random.nextInt(4) == 0 ? 0 : random.nextDouble();
    }
    weights[random.nextInt(cells)] += 0.1;
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble() * total;
      int c = 0;
      while (c < cells - 1 && u >= weights[c]) {
        u -= weights[c];
        c++;
      }
      counts[c]++;
    }
    return counts;
  }
}
