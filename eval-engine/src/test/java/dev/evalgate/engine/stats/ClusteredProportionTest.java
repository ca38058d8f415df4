package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteredProportionTest {
  @Test
  void withoutADesignEffectItIsTheExactProportion() {
    Proportion counted = new Proportion(96, 120);
    // so many clusters that t is z: every case counts once
    ClusteredProportion clustered = new ClusteredProportion(counted, 1, 100_000_000);

    assertThat(clustered.lower(0.025)).isCloseTo(counted.lower(0.025), within(1e-6));
    assertThat(clustered.upper(0.025)).isCloseTo(counted.upper(0.025), within(1e-6));
    for (double limit : new double[] {0.6, 0.7, 0.8, 0.9}) {
      assertThat(clustered.lowerP(limit, true))
          .isCloseTo(counted.lowerP(limit, true), within(1e-6));
      assertThat(clustered.upperP(limit, true))
          .isCloseTo(counted.upperP(limit, true), within(1e-6));
    }
  }

  @Test
  void clustersThatPassOrFailWholeCountAboutOnceEach() {
    // 10 conversations of 4 turns: 5 pass every turn, 5 fail every turn. The variance over
    // clusters is m * K / (K - 1) = 4 * 10 / 9 times the independent one
    List<long[]> clusters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clusters.add(new long[] {4, i < 5 ? 4 : 0});
    }
    assertThat(ClusteredProportion.designEffect(clusters)).isCloseTo(40.0 / 9, within(1e-12));

    ClusteredProportion clustered = new ClusteredProportion(new Proportion(20, 40), 40.0 / 9, 10);
    // 9 effective cases, fewer still for the 9 degrees of freedom: far wider than 40 independent
    assertThat(clustered.lower(0.025)).isLessThan(new Proportion(20, 40).lower(0.025) - 0.1);
    assertThat(new ClusteredProportion(new Proportion(20, 40), 40.0 / 9, 1).interval(0.95))
        .as("one cluster bounds nothing")
        .isEqualTo(new Interval(0, 1));
  }

  @Test
  void clustersThatVaryLessThanIndependentCasesNeverNarrowTheBounds() {
    // every conversation passes 2 of its 4 turns: no variation between clusters
    List<long[]> clusters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clusters.add(new long[] {4, 2});
    }
    assertThat(ClusteredProportion.designEffect(clusters)).isEqualTo(1);
    assertThat(ClusteredProportion.designEffect(List.of(new long[] {40, 20})))
        .as("one cluster: nothing is known of how clusters vary")
        .isInfinite();
  }

  @Test
  void tenClustersAllPassingButOneAreBoundAsIfAClusterMightFailWhole() {
    // 10 conversations of 20 turns, 199 turns pass: the one failure is alone in its conversation,
    // so the clusters look like independent cases (design effect 1.005) and the measured design
    // effect alone would bound the rate at 96.6 % from below. Ten clusters cannot show that no
    // conversation goes wrong as a whole, which the bounds take in as half a cluster more that went
    // the other way (20 turns, 0.1 passing). By hand: p = 0.995; the measured design effect leaves
    // deviations S = 1.00503 * 0.995 * 0.005 * 200 * 9/10 = 0.9; with the half cluster N' = 210,
    // p' = (199 + 0.05) / 210 = 0.947857, deviations 0.9 + (0.995 - p')^2 * 200^2 / 10 + (0.1 -
    // 20 p')^2 / 2 = 187.5949, variance over clusters 10.5/9.5 * 187.5949 / 210^2 = 0.0047015,
    // over p'(1 - p') / 210 = 0.00023535: 19.976. Korn and Graubard's factor at 9 degrees of
    // freedom, (1.959964 / 2.262157)^2 = 0.750673, leaves 7.4782 effective passes of 7.5157
    // cases, whose exact lower bound (the 2.5 % point of Beta(7.4782, 1.0376), by scipy) is 0.60495
    List<long[]> clusters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clusters.add(new long[] {20, i == 0 ? 19 : 20});
    }
    double measured = ClusteredProportion.designEffect(clusters);
    assertThat(measured).isCloseTo(200.0 / 199, within(1e-12));

    ClusteredProportion clustered = new ClusteredProportion(new Proportion(199, 200), measured, 10);

    assertThat(clustered.boundingDesignEffect()).isCloseTo(19.976, within(0.001));
    assertThat(clustered.lower(0.025)).isCloseTo(0.60495, within(0.0001));
    assertThat(clustered.upper(0.025)).isGreaterThan(0.9999);
    assertThat(clustered.lowerP(0.6, true)).isLessThan(0.025);
    assertThat(clustered.lowerP(0.61, true)).isGreaterThan(0.025);
  }

  @Test
  void theBoundingDesignEffectAddsNothingAtOneHalfAndLessAsClustersGrowInNumber() {
    // at a rate of one half a cluster that went the other way is a cluster like the rest
    ClusteredProportion half = new ClusteredProportion(new Proportion(100, 200), 1.7, 10);
    assertThat(half.boundingDesignEffect()).isEqualTo(1.7);
    // at 94 % with no sign of clustering, the half cluster weighs less the more clusters there are
    double previous = Double.POSITIVE_INFINITY;
    for (int k : new int[] {10, 100, 1_000, 10_000}) {
      double bounding =
          new ClusteredProportion(new Proportion(94L * k, 100L * k), 1, 5 * k)
              .boundingDesignEffect();
      assertThat(bounding).isLessThan(previous).isGreaterThanOrEqualTo(1);
      previous = bounding;
    }
    assertThat(previous).isCloseTo(1, within(0.01));
    // a design effect already as large as the half cluster would make it is kept
    assertThat(new ClusteredProportion(new Proportion(96, 120), 4.14, 30).boundingDesignEffect())
        .isEqualTo(4.14);
  }
}
