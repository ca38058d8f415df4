package dev.evalgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evalgate.engine.stats.ClusteredProportion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSamplesTest {
  @Test
  void smallClustersAreCountedExactly() {
    // 10 conversations of 4 turns: 5 fast on every turn, 5 slow on every turn
    ClusterSamples samples = new ClusterSamples();
    for (int c = 0; c < 10; c++) {
      for (int turn = 0; turn < 4; turn++) {
        samples.add("c:" + c, c < 5 ? 100 : 300);
      }
    }

    assertThat(samples.designEffectAt(200))
        .as("as a rate whose clusters pass or fail whole: 4 x 10/9")
        .isCloseTo(40.0 / 9, within(1e-12));
    assertThat(samples.designEffectAt(1_000)).as("every latency below: no variance").isEqualTo(1);
  }

  @Test
  void aLargeClusterKeepsASampleOfItsLatencies() {
    // three clusters of 1,000: one spread over 1..1000 ms, one all fast, one all slow
    ClusterSamples samples = new ClusterSamples();
    for (int i = 1; i <= 1_000; i++) {
      samples.add("c:spread", i);
      samples.add("c:fast", 0.5);
      samples.add("c:slow", 2_000);
    }
    double exact =
        ClusteredProportion.designEffect(
            List.of(new long[] {1_000, 500}, new long[] {1_000, 1_000}, new long[] {1_000, 0}));

    assertThat(samples.held())
        .as("memory grows with the clusters, not the answers")
        .isEqualTo(3 * ClusterSamples.KEPT);
    assertThat(samples.designEffectAt(500))
        .as("the spread cluster's share at 500 ms read from 64 of its latencies")
        .isCloseTo(exact, within(exact * 0.05));
    ClusterSamples again = new ClusterSamples();
    for (int i = 1; i <= 1_000; i++) {
      again.add("c:spread", i);
      again.add("c:fast", 0.5);
      again.add("c:slow", 2_000);
    }
    assertThat(again.designEffectAt(500))
        .as("the sample is seeded by the cluster: the same cases give the same figure")
        .isEqualTo(samples.designEffectAt(500));
  }
}
