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
}
