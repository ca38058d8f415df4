package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a non-inferiority margin reads in gate messages. */
class FormatTest {
  @Test
  void aMarginReadsOnTheSideTheChallengerMayBeWorse() {
    assertThat(Format.margin(Metric.parse("pass-rate(schema)"), 0.02)).isEqualTo("margin -2.0 pp");
    assertThat(Format.margin(Metric.parse("latency-mean"), 50)).isEqualTo("margin +50 ms");
  }

  @Test
  void aMarginOfZeroHasNoSide() {
    assertThat(Format.margin(Metric.parse("pass-rate(schema)"), 0)).isEqualTo("margin 0.0 pp");
    assertThat(Format.margin(Metric.parse("latency-mean"), 0)).isEqualTo("margin 0 ms");
  }
}
