package dev.evalgate.benchmarks.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sparse fit is the dense Newton fit, with a penalty of its own per feature. */
class SparseLogisticFitTest {
  private static List<LogisticFit.Example> examples() {
    Random random = new Random(7);
    List<LogisticFit.Example> examples = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double[] x = new double[5];
      for (int j = 0; j < x.length; j++) {
        // mostly zeros, as hashed words are
        x[j] = random.nextInt(3) == 0 ? random.nextGaussian() : 0;
      }
      boolean y = 1.5 * x[0] - x[2] + 0.5 * random.nextGaussian() > 0;
      examples.add(new LogisticFit.Example(x, y, 0.5 + random.nextDouble()));
    }
    return examples;
  }

  private static List<SparseLogisticFit.Example> sparse(List<LogisticFit.Example> dense) {
    return dense.stream().map(e -> SparseLogisticFit.Example.of(e.x(), e.y(), e.weight())).toList();
  }

  @Test
  void givesTheDenseFitsWeightsWhenEveryFeatureHasTheSamePenalty() {
    List<LogisticFit.Example> dense = examples();
    double[] ridge = new double[5];
    Arrays.fill(ridge, 2.0);

    double[] expected = LogisticFit.fit(dense, 5, 2.0);
    double[] actual = SparseLogisticFit.fit(sparse(dense), ridge, null);

    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("weight %d", i).isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void aFeaturesOwnPenaltyShrinksOnlyItsWeight() {
    List<SparseLogisticFit.Example> examples = sparse(examples());
    double[] light = {1, 1, 1, 1, 1};
    double[] heavy = {1e6, 1, 1, 1, 1};

    double[] free = SparseLogisticFit.fit(examples, light, null);
    double[] held = SparseLogisticFit.fit(examples, heavy, null);

    assertThat(free[0]).isGreaterThan(1);
    assertThat(held[0]).isCloseTo(0, within(1e-3));
    assertThat(held[2]).isLessThan(-0.5);
  }

  @Test
  void startingFromAnotherFitReachesTheSameWeights() {
    // as each round of the refusal model's training starts from the previous round's weights
    List<SparseLogisticFit.Example> examples = sparse(examples());
    double[] ridge = {0.5, 0.5, 0.5, 0.5, 0.5};
    double[] previous = SparseLogisticFit.fit(examples, new double[] {9, 0.1, 9, 0.1, 9}, null);
    double[] cold = SparseLogisticFit.fit(examples, ridge, null);
    double[] warm = SparseLogisticFit.fit(examples, ridge, previous);

    for (int i = 0; i < cold.length; i++) {
      assertThat(warm[i]).as("weight %d", i).isCloseTo(cold[i], within(1e-8));
    }
  }
}
