package dev.evalgate.engine.split;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnpairedDifferenceTest {
  private static UnpairedDifference unmeasured(long challengerN, long controlN) {
    return new UnpairedDifference(
        "cost-per-call", null, null, null, null, null, challengerN, controlN, "x");
  }

  @Test
  void aDifferenceThatWasMeasuredNeedsNoReason() {
    assertThat(
            new UnpairedDifference("error-rate", 0.1, 0.0, 0.1, 0.01, 0.2, 70, 80, "x")
                .unmeasured("challenger", "control"))
        .isNull();
  }

  @Test
  void anUnmeasuredDifferenceNamesTheSideWithoutACallOrElseTheUnknownCost() {
    assertThat(unmeasured(70, 0).unmeasured("challenger", "contrl"))
        .isEqualTo("no answered call of contrl counts towards it");
    assertThat(unmeasured(0, 80).unmeasured("challenger", "control"))
        .isEqualTo("no answered call of challenger counts towards it");
    assertThat(unmeasured(0, 0).unmeasured("challenger", "control"))
        .isEqualTo("no answered call of challenger or control counts towards it");
    assertThat(unmeasured(70, 80).unmeasured("challenger", "control"))
        .isEqualTo("a cost is unknown: a variant without a price, or a call without token counts");
  }
}
