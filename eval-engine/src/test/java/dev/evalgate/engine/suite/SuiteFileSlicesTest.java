package dev.evalgate.engine.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.SuiteSpec;
import org.junit.jupiter.api.Test;

/** {@code slices} and {@code no-slice-regresses} in a suite file, and their mistakes. */
class SuiteFileSlicesTest {
  final SuiteFileLoaderTest files = new SuiteFileLoaderTest();

  static final String SLICED =
      SuiteFileLoaderTest.VALID.replace("checks:", "slices: [category, customer_tier]\nchecks:")
          + "    - no-slice-regresses: { metric: pass-rate(contains), margin: 5pp, min-cases: 30"
          + " }\n";

  SuiteSpec load(String yaml) {
    return files.load(yaml);
  }

  @Test
  void slicesAreFieldsOfTheRowsAndTheCriterionKeepsItsMinimum() {
    SuiteSpec suite = load(SLICED);

    assertThat(suite.dataset().slices()).containsExactly("category", "customer_tier");
    CriterionSpec criterion = suite.gate().criteria().get(4);
    assertThat(criterion.kind()).isEqualTo(CriterionSpec.Kind.NO_SLICE_REGRESSES);
    assertThat(criterion.metric()).isEqualTo("pass-rate(contains)");
    assertThat(criterion.limit()).isEqualTo(0.05);
    assertThat(criterion.minCases()).isEqualTo(30);
    assertThat(criterion.line()).isEqualTo(24);
    assertThat(criterion.text())
        .isEqualTo(
            "no-slice-regresses: { metric: pass-rate(contains), margin: 5pp, min-cases: 30 }");
    assertThat(load(SuiteFileLoaderTest.VALID).dataset().slices()).isEmpty();
  }

  @Test
  void slicesThatAreNoListOfFieldsNameTheLine() {
    assertThatThrownBy(() -> load(SLICED.replace("[category, customer_tier]", "category")))
        .isInstanceOf(SuiteFileException.class)
        .hasMessage(
            "evals/s.yaml:14: slices must be a list of fields of the dataset's rows, e.g. slices:"
                + " [category, customer_tier], but was \"category\"");
    assertThatThrownBy(() -> load(SLICED.replace("[category, customer_tier]", "[]")))
        .hasMessage(
            "evals/s.yaml:14: slices must be a list of fields of the dataset's rows, e.g. slices:"
                + " [category, customer_tier], but was an empty list");
    assertThatThrownBy(
            () -> load(SLICED.replace("[category, customer_tier]", "[category, { a: 1 }]")))
        .hasMessage(
            "evals/s.yaml:14: each of slices must be a field's name, a list of fields of the"
                + " dataset's rows, e.g. slices: [category, customer_tier], but was an object");
    assertThatThrownBy(
            () -> load(SLICED.replace("[category, customer_tier]", "[category, category]")))
        .hasMessage(
            "evals/s.yaml:14: slices names the field 'category' twice; expected each field once");
  }

  @Test
  void noSliceRegressesNeedsItsMinimumAndAPassRate() {
    assertThatThrownBy(() -> load(SLICED.replace(", min-cases: 30 }", " }")))
        .hasMessage(
            "evals/s.yaml:24: missing 'min-cases'; expected the paired cases a slice needs to be"
                + " judged, e.g. 30");
    assertThatThrownBy(() -> load(SLICED.replace("min-cases: 30 }", "min-cases: 0 }")))
        .hasMessage("evals/s.yaml:24: min-cases must be a whole number (1 or more), but was 0");
    assertThatThrownBy(() -> load(SLICED.replace("margin: 5pp, min", "limit: 5pp, min")))
        .hasMessage(
            "evals/s.yaml:24: unknown key 'limit' in no-slice-regresses; expected one of:"
                + " confidence, margin, metric, min-cases, variant");
  }

  @Test
  void theClusterFieldIsADatasetKey() {
    SuiteSpec suite =
        load(
            SuiteFileLoaderTest.VALID.replace(
                "limit: 3 }", "limit: 3, cluster: conversation_id }"));

    assertThat(suite.dataset().cluster()).isEqualTo("conversation_id");
    assertThat(load(SuiteFileLoaderTest.VALID).dataset().cluster()).isNull();
    assertThatThrownBy(
            () -> load(SuiteFileLoaderTest.VALID.replace("limit: 3 }", "limit: 3, cluster: [a] }")))
        .hasMessage("evals/s.yaml:3: dataset cluster must be text, but was a list");
  }
}
