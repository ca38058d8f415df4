package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The versioned weights are read only when they score the features the code computes. */
class LogisticModelTest {

  @Test
  void theShippedModelsScoreTheFeaturesTheCodeComputes() {
    assertThat(ReferenceSupport.model().names()).isEqualTo(ReferenceSupport.FEATURES);
    assertThat(GroundingSupport.model().names()).isEqualTo(GroundingSupport.FEATURES);
  }

  @Test
  void aModelForOtherFeaturesIsRefusedWithTheCommandThatRetrainsIt() {
    assertThatThrownBy(() -> LogisticModel.load(CheckModels.GROUNDED, List.of("coverage")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "model dev/evalgate/checks/models/grounded.tsv scores features [coverage,"
                + " context_coverage,")
        .hasMessageEndingWith(
            "but the code computes [coverage]; retrain it (benchmarks/train-checks.sh)");
    assertThatThrownBy(
            () -> LogisticModel.load("dev/evalgate/checks/models/missing.tsv", List.of("x")))
        .hasMessage("model dev/evalgate/checks/models/missing.tsv is missing from the class path");
  }

  @Test
  void theProbabilityIsTheLogisticOfTheWeightedSum() {
    LogisticModel model = new LogisticModel(List.of("a", "b"), new double[] {2, -1}, 0.5);
    assertThat(model.probability(new double[] {1, 2.5})).isEqualTo(0.5);
    assertThat(model.probability(new double[] {1, 0})).isEqualTo(1 / (1 + Math.exp(-2.5)));
  }
}
