package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SequentialPlanTest {
  @Test
  void eachLookMayRejectAtTheTailOfItsBoundary() {
    SequentialPlan plan = new SequentialPlan(Spending.OBRIEN_FLEMING);

    // boundaries 4.877, 3.357, 2.680, 2.290, 2.031 at five equal looks (DeMets and Lan 1994)
    assertThat(plan.levels(0.2, 0.4).at(0.025))
        .isCloseTo(Proportions.upperTail(3.357), within(0.000001));
    assertThat(plan.levels(0.2, 0.4, 0.6, 0.8, 1).at(0.025))
        .isCloseTo(Proportions.upperTail(2.031), within(0.00001));
    assertThat(plan.nominalLevels(0.025, GroupSequential.equallySpaced(5))[4])
        .isCloseTo(0.0211, within(0.00005));
  }

  @Test
  void aLookAtFewerCasesThanPlannedSpendsLess() {
    SequentialPlan plan = new SequentialPlan(Spending.POCOCK);

    double planned = plan.levels(0.25, 0.5).at(0.025);
    double early = plan.levels(0.25, 0.4).at(0.025);

    assertThat(early).isLessThan(planned);
  }
}
