package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HolmTest {
  /** An estimate whose upper bound falls below 0 from level {@code p} on: its p-value is p. */
  record KnownP(double p) implements Estimate {
    @Override
    public double value() {
      return 0;
    }

    @Override
    public long n() {
      return 1;
    }

    @Override
    public double lower(double alpha) {
      return -1;
    }

    @Override
    public double upper(double alpha) {
      return alpha >= p ? -1 : 1;
    }

    @Override
    public double lowerP(double limit, boolean inclusive) {
      return 1;
    }

    @Override
    public double upperP(double limit, boolean inclusive) {
      return p;
    }
  }

  @Test
  void claimsJudgedByTheirBoundsFollowTheTextbookSteps() {
    // the same standard example on claims (slices of a no-slice-regresses criterion): 0.005 and
    // 0.01 are both found at the first step, 0.05/4 (Holm rejects 0.01 at 0.05/3, and at 0.05/4
    // already), then 0.04 and 0.03 are both tested at 0.05/2 and kept
    List<Claim> claims =
        List.of(0.01, 0.04, 0.03, 0.005).stream()
            .map(p -> Claim.atLeast(new KnownP(p), 0))
            .toList();

    Holm.Steps steps = Holm.violations(claims, 0.05);

    assertThat(steps.violated()).containsExactly(true, false, false, true);
    assertThat(steps.levels())
        .containsExactly(new double[] {0.0125, 0.025, 0.025, 0.0125}, within(1e-15));
  }

  @Test
  void eachStepTestsWhatIsLeftAtALargerLevel() {
    // 0.01 <= 0.05/4 at the first step; 0.015 > 0.05/4 but <= 0.05/3 at the second (Bonferroni
    // stops after the first); 0.03 > 0.05/2 at the third stops the procedure
    List<Claim> claims =
        List.of(0.03, 0.015, 0.2, 0.01).stream().map(p -> Claim.atLeast(new KnownP(p), 0)).toList();

    Holm.Steps steps = Holm.violations(claims, 0.05);

    assertThat(steps.violated()).containsExactly(false, true, false, true);
    assertThat(steps.levels())
        .containsExactly(new double[] {0.025, 0.05 / 3, 0.025, 0.0125}, within(1e-15));
  }

  @Test
  void onPairedSlicesTheStepsByBoundsRejectWhatHolmRejectsByPValues() {
    SplittableRandom random = new SplittableRandom(23);
    for (int run = 0; run < 300; run++) {
      List<Claim> claims = new ArrayList<>();
      double[] p = new double[1 + random.nextInt(6)];
      for (int i = 0; i < p.length; i++) {
        int n = 10 + random.nextInt(120);
        int regressions = random.nextInt(n / 3 + 1);
        int improvements = random.nextInt(n / 6 + 1);
        PairedProportions slice =
            new PairedProportions(n - regressions - improvements, improvements, regressions, 0);
        Claim claim = Claim.nonInferior(slice, 0.05, true);
        claims.add(claim);
        p[i] = claim.pViolated();
      }

      assertThat(Holm.violations(claims, 0.025).violated())
          .as("run %d", run)
          .containsExactly(Holm.rejected(p, 0.025));
    }
  }

  @Test
  void rejectsStepByStepUntilAPValueIsTooLarge() {
    // the standard example (Holm-Bonferroni method): four hypotheses at alpha = 0.05 with p = 0.01,
    // 0.04, 0.03, 0.005;
    // 0.005 <= 0.05/4 and 0.01 <= 0.05/3 are rejected, 0.03 > 0.05/2 stops the procedure
    double[] p = {0.01, 0.04, 0.03, 0.005};

    assertThat(Holm.rejected(p, 0.05)).containsExactly(true, false, false, true);
    // Bonferroni would reject only 0.005 (<= 0.0125)
    assertThat(Holm.adjusted(p))
        .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
  }

  @Test
  void adjustedPValuesAreTheLevelsAtWhichEachIsRejected() {
    double[] p = {0.001, 0.2, 0.013, 0.04, 0.011};
    double[] adjusted = Holm.adjusted(p);

    for (double alpha : new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.5}) {
      boolean[] rejected = Holm.rejected(p, alpha);
      for (int i = 0; i < p.length; i++) {
        assertThat(rejected[i]).as("hypothesis %d at %s", i, alpha).isEqualTo(adjusted[i] <= alpha);
      }
    }
  }

  @Test
  void oneHypothesisIsTestedAtAlpha() {
    assertThat(Holm.rejected(new double[] {0.024}, 0.025)).containsExactly(true);
    assertThat(Holm.rejected(new double[] {0.026}, 0.025)).containsExactly(false);
    assertThat(Holm.rejected(new double[0], 0.025)).isEmpty();
  }
}
