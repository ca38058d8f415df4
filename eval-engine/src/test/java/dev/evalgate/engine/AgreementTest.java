package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.LabelledSuites;
import dev.evalgate.engine.metrics.CheckAgreement;
import dev.evalgate.engine.metrics.ScoreThreshold;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A check measured against people: the dataset's labels give each labelled check its accuracy,
 * precision and recall, a suggested threshold, and the {@code agreement} criterion.
 */
class AgreementTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path output;

  EngineExecutionResults execute(DiscoverySelector selector) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, output.resolve("allure").toString())
        .selectors(selector)
        .execute();
  }

  RunReport report(String suite) throws IOException {
    return ReportReader.read(output.resolve("evalgate").resolve(suite).resolve("report.json"));
  }

  @Test
  void eachLabelledCheckGetsAccuracyPrecisionRecallAndASuggestedThreshold() throws IOException {
    execute(selectClass(LabelledSuites.Refusals.class));
    RunReport report = report("labelled-refusals");

    CheckAgreement refusal = report.evaluation().agreement("refusal").orElseThrow();
    assertThat(refusal.variant()).isEqualTo("recorded");
    assertThat(refusal.accuracy().count()).isEqualTo(4);
    assertThat(refusal.n()).as("the unlabelled a-6 is not counted").isEqualTo(5);
    assertThat(refusal.precision().count()).isEqualTo(2);
    assertThat(refusal.precision().n()).as("the check failed a-2 and a-4").isEqualTo(2);
    assertThat(refusal.recall().n()).as("people fail a-2, a-4 and a-5").isEqualTo(3);
    assertThat(refusal.threshold()).isNotNull();
    assertThat(refusal.threshold().option()).isEqualTo("threshold");

    CheckAgreement scored = report.evaluation().agreement("scored").orElseThrow();
    assertThat(scored.accuracy().rate()).isEqualTo(0.8);
    assertThat(scored.precision().rate()).isEqualTo(1.0);
    assertThat(scored.recall().rate()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(scored.threshold()).isEqualTo(new ScoreThreshold("min-score", 0.5));
    assertThat(scored.suggested())
        .as("between a-3's 0.8 and a-5's 0.6")
        .isCloseTo(0.7, within(1e-9));
    assertThat(scored.suggestedAccuracy()).isEqualTo(1.0);
    assertThat(report.checks().get(1).thresholdOption()).isEqualTo("min-score");
  }

  @Test
  void agreementHoldsWhenItsIntervalIsAboveTheMinimum() throws IOException {
    EngineExecutionResults results = execute(selectClass(LabelledSuites.Refusals.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("criterion:agreement(refusal)"), finishedSuccessfully()));
    assertThat(report("labelled-refusals").gate().criteria().get(0).message())
        .isEqualTo(
            "refusal agrees with people on 80.0% of recorded's labelled answers (95% CI [28.4,"
                + " 99.5]), within the minimum of 20.0% (n=5)");
  }

  @Test
  void agreementTheLabelsCannotShowOrBreakOrDoNotHaveIsNeverAPass() {
    EngineExecutionResults results = execute(selectClass(LabelledSuites.Unproven.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:agreement(refusal)"),
                finishedWithFailure(
                    message(
                        m ->
                            m.startsWith(
                                "refusal agrees with people on 80.0% of recorded's labelled"
                                    + " answers (95% CI [28.4, 99.5]), too close to the minimum"
                                    + " of 90.0% to decide (n=5); needs about ")))))
        .haveExactly(
            1,
            event(
                test("criterion:agreement(scored)"),
                finishedWithFailure(
                    message(
                        "scored agrees with people on 80.0% of recorded's labelled answers, but"
                            + " expected minimum is 100.0% (n=5)"))))
        .haveExactly(
            1,
            event(
                test("criterion:agreement(length)"),
                finishedWithFailure(
                    message(
                        "length agreement with people is unknown, expected minimum is 50.0%: no"
                            + " case has a label for length; add labels to the dataset's rows,"
                            + " e.g. \"labels\": {\"length\": \"pass\"} (or \"fail\"), what the"
                            + " check should conclude"))));
  }

  @Test
  void theLabelsCanDescribeAChallengersAnswers() throws IOException {
    execute(selectClass(LabelledSuites.ChallengerLabelled.class));
    RunReport report = report("labelled-challenger");

    assertThat(report.labelsVariant()).isEqualTo("terse");
    assertThat(report.gate().criteria().get(0).message())
        .isEqualTo(
            "refusal agrees with people on 60.0% of terse's labelled answers (95% CI [14.7,"
                + " 94.7]), within the minimum of 10.0% (n=5)");
    assertThat(report.plan().labelledVariant()).isEqualTo("terse");
  }

  @Test
  void everyReportShowsEachLabelledChecksAgreementAndSuggestedThreshold() throws IOException {
    execute(selectClass(LabelledSuites.Refusals.class));
    Path folder = output.resolve("evalgate").resolve("labelled-refusals");
    RunReport report = report("labelled-refusals");

    assertThat(Summary.console(report))
        .contains(
            "  agreement of scored with people on recorded's answers: accuracy 80.0% [37.6, 96.4]"
                + " n=5, precision 100.0% (2 of 2), recall 66.7% (2 of 3) for failures; min-score"
                + " 0.50, suggested 0.70 (accuracy 100.0%)\n");
    assertThat(Files.readString(folder.resolve("report.md")))
        .contains(
            "### Agreement with people\n\n| check | answers of | labelled | accuracy | precision"
                + " (failures) | recall (failures) | threshold | suggested threshold |\n")
        .contains(
            "| scored | recorded | 5 | 80.0% [37.6, 96.4] | 100.0% (2 of 2) | 66.7% (2 of 3) |"
                + " min-score 0.50 | 0.70 (accuracy 100.0%) |\n");
    assertThat(Files.readString(folder.resolve("report.html")))
        .contains("<section><h2>Agreement with people</h2>")
        .contains(
            "<td>scored</td><td>recorded</td><td>5</td><td>80.0% [37.6, 96.4]</td><td>100.0% (2"
                + " of 2)</td><td>66.7% (2 of 3)</td><td>min-score 0.50</td><td>0.70 (accuracy"
                + " 100.0%)</td>");
    Schema schema;
    try (InputStream in =
        getClass().getResourceAsStream("/dev/evalgate/engine/report/run-report-v1.schema.json")) {
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(JSON.readTree(in));
    }
    JsonNode written = JSON.readTree(folder.resolve("report.json").toFile());
    assertThat(schema.validate(written)).isEmpty();
    assertThat(written.at("/evaluation/agreement/1/suggested").asDouble())
        .isCloseTo(0.7, within(1e-9));
  }

  @Test
  void labelsAreMeasuredWithoutAnAgreementCriterion() throws IOException {
    execute(selectClass(LabelledSuites.BrokenLabels.class));
    Path folder = output.resolve("evalgate").resolve("broken-labels");

    assertThat(report("broken-labels").evaluation().agreement())
        .as("l-1 is labelled, but the suite gates no agreement and its answer is judged")
        .hasSize(1);
    assertThat(Files.readString(folder.resolve("report.md"))).contains("### Agreement with people");
  }

  @Test
  void aRunReadBackFromItsResultsMeasuresTheSameAgreement() throws IOException {
    execute(selectClass(LabelledSuites.Refusals.class));
    Path folder = output.resolve("evalgate").resolve("labelled-refusals");
    RunReport report = report("labelled-refusals");

    // what a merge of shards and a baseline run do: the stored plan, the stored results
    dev.evalgate.engine.evaluation.Evaluator again =
        new dev.evalgate.engine.evaluation.Evaluator(report.plan());
    try (dev.evalgate.engine.report.results.ResultsCursor cursor =
        new dev.evalgate.engine.report.results.ResultsCursor(folder.resolve("results.jsonl"))) {
      while (cursor.next()) {
        again.accept(java.util.Objects.requireNonNull(cursor.current()));
      }
    }

    assertThat(again.finish().evaluation().agreement()).isEqualTo(report.evaluation().agreement());
  }

  @Test
  void aReportWithoutLabelsHasNoAgreementField() throws IOException {
    execute(selectClass(dev.evalgate.engine.fixtures.GreetingSuites.Polite.class));

    JsonNode written =
        JSON.readTree(
            output.resolve("evalgate").resolve("greetings").resolve("report.json").toFile());
    assertThat(written.get("evaluation").has("agreement"))
        .as("a report without labels reads as before labels existed")
        .isFalse();
  }
}
