package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.fixtures.ReportSchema;
import dev.evalgate.engine.fixtures.SlicedSuites;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.SamplePlan;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.RepeatStats;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Cases in clusters ({@code dataset.cluster}): pass rates are compared over the clusters, and every
 * report states the design effect.
 */
class ClustersTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path output;

  EngineExecutionResults execute(DiscoverySelector selector) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .selectors(selector)
        .execute();
  }

  RunReport report(String suite) throws IOException {
    return ReportReader.read(output.resolve("evalgate").resolve(suite).resolve("report.json"));
  }

  @Test
  void casesThatMoveTogetherAreJudgedOverTheirClusters() throws IOException {
    execute(selectClass(SlicedSuites.Clustered.class));
    execute(selectClass(SlicedSuites.Unclustered.class));

    assertThat(report("unclustered").gate().criteria().get(0).message())
        .as("120 cases taken as independent: a false certainty")
        .isEqualTo(
            "challenger correct pass rate 80.0% is not non-inferior to control 93.3% (Δ -13.3 pp,"
                + " 95% CI [-22.4, -4.2], margin -2.0 pp, n=120)");
    RunReport clustered = report("clustered");
    assertThat(clustered.gate().criteria().get(0).message())
        .isEqualTo(
            "challenger correct pass rate 80.0% cannot be shown non-inferior to control 93.3% (Δ"
                + " -13.3 pp, 95% CI [-32.2, 6.2], margin -2.0 pp, n=120, 30 clusters, design"
                + " effect 4.1); the difference is beyond the margin (observed discordance 26.7%,"
                + " difference -13.3 pp): more cases would rather show it violated");
    assertThat(clustered.gate().criteria().get(0).detects())
        .as("each conversation counts about once: twice the effect of 120 independent cases")
        .isEqualTo("Δ 26.9 pp at n=120");
    assertThat(clustered.gate().verdicts().get(0).decision()).isEqualTo(Decision.INCONCLUSIVE);
  }

  @Test
  void aLimitOnAPassRateIsJudgedOverTheClustersToo() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredLimit.class));
    execute(selectClass(SlicedSuites.UnclusteredLimit.class));

    assertThat(report("unclustered-limit").gate().criteria().get(0).message())
        .as("120 cases taken as independent")
        .isEqualTo(
            "challenger correct pass rate is 80.0% (95% CI [71.7, 86.7]), within the minimum of"
                + " 70.0% (n=120)");
    assertThat(report("clustered-limit").gate().criteria().get(0).message())
        .as("the challenger's failures come whole conversations at a time")
        .isEqualTo(
            "challenger correct pass rate is 80.0% (95% CI [60.1, 92.9]), too close to the minimum"
                + " of 70.0% to decide (n=120, 30 clusters, design effect 4.1); needs about 663"
                + " cases to show it within the minimum if 80.0% is the truth");
    assertThat(report("clustered-limit").gate().verdicts().get(0).decision())
        .isEqualTo(Decision.INCONCLUSIVE);
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .contains(report("clustered-limit").gate().criteria().get(0).message());
  }

  @Test
  void aRateNearOneOverFewClustersIsNotClaimedFromClustersThatHappenToLookAlike()
      throws IOException {
    execute(selectClass(SlicedSuites.ClusteredOneFailure.class));
    execute(selectClass(SlicedSuites.UnclusteredOneFailure.class));

    assertThat(report("unclustered-one-failure").gate().criteria().get(0).message())
        .isEqualTo(
            "challenger correct pass rate is 99.2% (95% CI [95.4, 100.0]), within the minimum of"
                + " 90.0% (n=120)");
    // one failing turn leaves the 30 conversations alike (design effect 1.0), which 30 cannot
    // show of conversations in general: the bounds take half a conversation more that failed
    assertThat(report("clustered-one-failure").gate().criteria().get(0).message())
        .isEqualTo(
            "challenger correct pass rate is 99.2% (95% CI [88.8, 100.0]), too close to the minimum"
                + " of 90.0% to decide (n=120, 30 clusters, design effect 1.0, bounding 3.0); needs"
                + " about 162 cases to show it within the minimum if 99.2% is the truth");
    assertThat(report("clustered-one-failure").gate().criteria().get(0).detects())
        .as("planned on the design effect the bounds take, not the measured 1.0")
        .isEqualTo("9.9 pp at n=120");
    assertThat(report("clustered-one-failure").gate().verdicts().get(0).decision())
        .isEqualTo(Decision.INCONCLUSIVE);
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .as("METRICS.md shows the gate's own message")
        .contains(report("clustered-one-failure").gate().criteria().get(0).message());
  }

  @Test
  void aLimitOnARefusalRateIsJudgedOverTheClustersToo() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredRefusals.class));
    execute(selectClass(SlicedSuites.UnclusteredRefusals.class));

    assertThat(report("unclustered-refusals").gate().criteria().get(0).message())
        .as("120 answers taken as independent")
        .isEqualTo(
            "challenger refusal rate is 20.0% (95% CI [13.3, 28.3]), within the maximum of 30.0%"
                + " (n=120)");
    assertThat(report("clustered-refusals").gate().criteria().get(0).message())
        .as("the challenger declines whole conversations at a time")
        .isEqualTo(
            "challenger refusal rate is 20.0% (95% CI [7.1, 39.9]), too close to the maximum of"
                + " 30.0% to decide (n=120, 30 clusters, design effect 4.1); needs about 663 cases"
                + " to show it within the maximum if 20.0% is the truth");
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .as("METRICS.md shows the gate's own message")
        .contains(report("clustered-refusals").gate().criteria().get(0).message());
    Rate refusal = report("clustered-refusals").evaluation().variants().get(1).refusal();
    assertThat(refusal.clusters()).isEqualTo(30);
    assertThat(refusal.designEffect()).isCloseTo(4.14, within(0.01));
    JsonNode written =
        JSON.readTree(
            output
                .resolve("evalgate")
                .resolve("clustered-refusals")
                .resolve("report.json")
                .toFile());
    assertThat(ReportSchema.runReport().validate(written)).isEmpty();
    assertThat(written.at("/evaluation/variants/1/errorRate").has("designEffect"))
        .as("every rate of a clustered run carries its clusters")
        .isTrue();
    assertThat(
            JSON.readTree(
                    output
                        .resolve("evalgate")
                        .resolve("unclustered-refusals")
                        .resolve("report.json")
                        .toFile())
                .at("/evaluation/variants/1/refusal")
                .has("clusters"))
        .as("and a run without clusters writes none")
        .isFalse();
  }

  @Test
  void aLimitOnAMeanIsJudgedOverTheClustersToo() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredLength.class));
    execute(selectClass(SlicedSuites.UnclusteredLength.class));

    assertThat(report("unclustered-length").gate().criteria().get(0).message())
        .as("120 answers taken as independent")
        .isEqualTo(
            "challenger mean output characters is 11.4 (95% CI [8.0, 14.8]), within the maximum of"
                + " 16.0 (n=120)");
    assertThat(report("clustered-length").gate().criteria().get(0).message())
        .as("the long answers come whole conversations at a time")
        .isEqualTo(
            "challenger mean output characters is 11.4 (95% CI [3.8, 19.0]), too close to the"
                + " maximum of 16.0 to decide (n=120, 30 clusters, design effect 4.1); needs about"
                + " 647 cases to show it within the maximum if 11.4 is the truth");
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .contains(report("clustered-length").gate().criteria().get(0).message());
    JsonNode written =
        JSON.readTree(
            output.resolve("evalgate").resolve("clustered-length").resolve("report.json").toFile());
    assertThat(ReportSchema.runReport().validate(written)).isEmpty();
    assertThat(written.at("/evaluation/variants/1/outputChars/designEffect").asDouble())
        .as("as the pass rate's, but over the answers' unbiased spread: 4.14 x 119/120")
        .isCloseTo(4.10, within(0.01));
    assertThat(written.at("/evaluation/variants/1/outputChars/clusters").asInt()).isEqualTo(30);
  }

  @Test
  void aLimitOnAPercentileIsJudgedOverTheClustersToo() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredLatency.class));
    execute(selectClass(SlicedSuites.UnclusteredLatency.class));

    assertThat(report("unclustered-latency").gate().criteria().get(0).message())
        .as("120 latencies taken as independent")
        .isEqualTo(
            "challenger latency p50 is 1,000 ms (95% CI [1,000, 1,000]), within the maximum of"
                + " 2,500 ms (n=120)");
    assertThat(report("clustered-latency").gate().criteria().get(0).message())
        .as("the slow answers come whole conversations at a time")
        .isEqualTo(
            "challenger latency p50 is 1,000 ms (95% CI [1,000, 3,000]), too close to the maximum"
                + " of 2,500 ms to decide (n=120, 30 clusters, design effect 4.1); needs about 286"
                + " cases to show it within the maximum if 1,000 ms is the truth");
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .contains(report("clustered-latency").gate().criteria().get(0).message());
    JsonNode written =
        JSON.readTree(
            output
                .resolve("evalgate")
                .resolve("clustered-latency")
                .resolve("report.json")
                .toFile());
    assertThat(ReportSchema.runReport().validate(written)).isEmpty();
    assertThat(
            written.at("/evaluation/variants/1/latencyMs/percentileDesignEffects/p50").asDouble())
        .as("20 of 30 conversations fast on every turn, 10 slow on every turn: 4 x 30/29")
        .isCloseTo(4.14, within(0.01));
    assertThat(written.at("/evaluation/variants/1/latencyMs/clusters").asInt()).isEqualTo(30);
    assertThat(
            JSON.readTree(
                    output
                        .resolve("evalgate")
                        .resolve("unclustered-latency")
                        .resolve("report.json")
                        .toFile())
                .at("/evaluation/variants/1/latencyMs")
                .has("percentileDesignEffects"))
        .as("a run without clusters writes none")
        .isFalse();
  }

  @Test
  void aClusteredReportWrittenBeforePercentilesKeptTheirDesignEffectSaysSo() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredLatency.class));
    Path file = output.resolve("evalgate").resolve("clustered-latency").resolve("report.json");
    // what a report of session 7 held: clusters, and no percentileDesignEffects
    JsonNode older = JSON.readTree(file.toFile());
    assertThat(
            ((com.fasterxml.jackson.databind.node.ObjectNode)
                    older.at("/evaluation/variants/1/latencyMs"))
                .remove("percentileDesignEffects"))
        .isNotNull();
    Files.writeString(file, JSON.writeValueAsString(older));
    RunReport report = report("clustered-latency");

    assertThat(Evaluator.judge(report.plan(), report.evaluation()).criteria().get(0).message())
        .as("30 clusters are enough to measure it: the cause is the report's age, not the clusters")
        .isEqualTo(
            "challenger latency p50 is 1,000 ms (95% CI [-∞, ∞]), too few observations to decide"
                + " against the maximum of 2,500 ms (n=120, 30 clusters, design effect unknown (the"
                + " report was written before this estimate kept its design effect; run the suite"
                + " again))");
  }

  @Test
  void aRatioOfMeansTakesEachOnItsEffectiveAnswers() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredRatio.class));
    execute(selectClass(SlicedSuites.UnclusteredRatio.class));

    assertThat(report("unclustered-ratio").gate().criteria().get(0).message())
        .as("a ratio of means, the answers taken as independent")
        .isEqualTo(
            "challenger mean output characters is 11.4, 5.52 × control's 2.1 (95% CI [4.10,"
                + " 7.42]), within the maximum ratio of 8.00 (n=120)");
    assertThat(report("clustered-ratio").gate().criteria().get(0).message())
        .as("each mean on its effective answers")
        .isEqualTo(
            "challenger mean output characters is 11.4, 5.52 × control's 2.1 (95% CI [2.91,"
                + " 10.44]), too close to the maximum ratio of 8.00 to decide (n=120, 30 clusters,"
                + " design effect 4.1); needs about 739 cases to show it within the maximum ratio"
                + " if 5.52 is the truth");
  }

  @Test
  void aRepeatedCaseIsAClusterOfItsAnswers() throws IOException {
    execute(selectClass(SlicedSuites.RepeatedLimit.class));

    assertThat(report("repeated-limit").gate().criteria().get(0).message())
        .as("4 answers to one case are not 4 cases' evidence")
        .isEqualTo(
            "challenger correct pass rate is 80.0% (95% CI [60.1, 92.9]), too close to the minimum"
                + " of 70.0% to decide (n=120, 30 cases of 4 answers, design effect 4.1); needs"
                + " about 663 answers to show it within the minimum if 80.0% is the truth");
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .contains(report("repeated-limit").gate().criteria().get(0).message());
    assertThat(report("repeated-limit").evaluation().variants().get(1).checks().get("correct"))
        .extracting(Rate::clusters, Rate::designEffect)
        .satisfies(
            clusters -> {
              assertThat(clusters.get(0)).isEqualTo(30);
              assertThat((Double) clusters.get(1)).isCloseTo(4.14, within(0.01));
            });
  }

  @Test
  void aRepeatedSuiteWithClustersNamesTheClustersEvenWithoutAChallenger() throws IOException {
    execute(selectClass(SlicedSuites.ControlOnlyRepeated.class));

    assertThat(report("control-only-repeated").gate().criteria().get(0).message())
        .as("the clusters are the 30 conversations, not 30 cases of 2 answers")
        .isEqualTo(
            "control correct pass rate is 80.0% (95% CI [60.1, 92.9]), too close to the minimum of"
                + " 70.0% to decide (n=240, 30 clusters, design effect 8.3); needs about 1,325"
                + " answers to show it within the minimum if 80.0% is the truth");
  }

  @Test
  void aLimitOnAFlakyRateIsJudgedOverTheSuitesClusters() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredFlaky.class));
    execute(selectClass(SlicedSuites.UnclusteredFlaky.class));

    assertThat(report("unclustered-flaky").gate().criteria().get(0).message())
        .as("120 cases taken as independent")
        .isEqualTo(
            "challenger correct flaky rate is 20.0% (95% CI [13.3, 28.3]), within the maximum of"
                + " 30.0% (n=120)");
    assertThat(report("clustered-flaky").gate().criteria().get(0).message())
        .as("the flaky cases come whole conversations at a time")
        .isEqualTo(
            "challenger correct flaky rate is 20.0% (95% CI [7.1, 39.9]), too close to the maximum"
                + " of 30.0% to decide (n=120, 30 clusters, design effect 4.1); needs about 663"
                + " cases to show it within the maximum if 20.0% is the truth");
    assertThat(report("clustered-flaky").evaluation().variants().get(1).repeats().get("correct"))
        .satisfies(
            ledger -> {
              assertThat(ledger.clusters()).isEqualTo(30);
              assertThat(ledger.flipRateDesignEffect()).isCloseTo(4.14, within(0.01));
            });
    assertThat(
            ReportSchema.runReport()
                .validate(
                    JSON.readTree(
                        output
                            .resolve("evalgate")
                            .resolve("clustered-flaky")
                            .resolve("report.json")
                            .toFile())))
        .isEmpty();
    assertThat(report("unclustered-flaky").evaluation().variants().get(1).repeats().get("correct"))
        .extracting(RepeatStats::clusters)
        .isNull();
  }

  @Test
  void eachSliceIsJudgedOverItsOwnClusters() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredSlices.class));
    execute(selectClass(SlicedSuites.UnclusteredSlices.class));

    assertThat(report("unclustered-slices").gate().criteria().get(0).message())
        .as("64 billing turns taken as independent: it holds with a certainty it does not have")
        .isEqualTo(
            "challenger correct pass rate is non-inferior to control in all 2 judged slices; the"
                + " worst, category=billing 87.5% vs 87.5% (Δ 0.0 pp, 96.2% CI [-12.6, 14.6],"
                + " margin -15.0 pp, n=64)");
    RunReport clustered = report("clustered-slices");
    assertThat(clustered.gate().criteria().get(0).message())
        .as(
            "the billing turns moved 4 conversations at a time; the shipping turns, with no"
                + " discordant pair in 14 conversations, are not claimed from conversations that"
                + " happen to look alike")
        .isEqualTo(
            "challenger correct pass rate cannot be shown non-inferior to control in 2 of 2 judged"
                + " slices: category=billing 87.5% vs 87.5% (Δ 0.0 pp, 96.2% CI [-27.3, 31.3],"
                + " margin -15.0 pp, n=64, 16 clusters, design effect 4.3), category=shipping"
                + " 100.0% vs 100.0% (Δ 0.0 pp, 96.2% CI [-22.8, 27.8], margin -15.0 pp, n=56, 14"
                + " clusters, design effect 1.0, bounding 4.3); needs about 720 paired cases (the"
                + " slice that needs most, category=billing, about 380 of its paired cases at its"
                + " pilot share of 53.3%; observed discordance 25.0%, difference 0.0 pp, design"
                + " effect 4.3 over 16 clusters)");
    assertThat(clustered.gate().verdicts().get(0).decision()).isEqualTo(Decision.INCONCLUSIVE);
    Clustered billing =
        Objects.requireNonNull(
                clustered.evaluation().slices().get(0).comparisons().get(0).clustered())
            .get("correct");
    assertThat(billing.clusters()).isEqualTo(16);
    JsonNode written =
        JSON.readTree(
            output.resolve("evalgate").resolve("clustered-slices").resolve("report.json").toFile());
    assertThat(ReportSchema.runReport().validate(written)).isEmpty();
    assertThat(written.at("/evaluation/slices/0/comparisons/0/clustered/correct/clusters").asInt())
        .isEqualTo(16);
    assertThat(written.at("/evaluation/comparisons/0/clustered/correct").has("note")).isFalse();
    assertThat(
            Files.readString(
                output.resolve("evalgate").resolve("clustered-slices").resolve("report.md")))
        .as("report.md's slice table shows the interval over the clusters")
        .contains("Δ 0.0 pp [-27.3, 27.3] n=64, 16 clusters, design effect 4.3; 8 worse, 8 better")
        .as("and names the bounding design effect the shipping slice's interval takes")
        .contains("n=56, 14 clusters, design effect 1.0, bounding 4.3; 0 worse, 0 better");
    assertThat(
            JSON.readTree(
                    output
                        .resolve("evalgate")
                        .resolve("unclustered-slices")
                        .resolve("report.json")
                        .toFile())
                .at("/evaluation/slices/0/comparisons/0")
                .has("clustered"))
        .as("a slice without clusters has no clustered field")
        .isFalse();
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .as("METRICS.md shows the gate's own message")
        .contains(clustered.gate().criteria().get(0).message());
  }

  /**
   * evalgate:plan on a clustered pilot counts what its gate's INCONCLUSIVE reason says the cases
   * need: the same design effects, the answers of a repeated case counted k to a case.
   */
  @Test
  void aPlanFromAClusteredPilotNeedsWhatItsGateSays() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredLimit.class));
    execute(selectClass(SlicedSuites.ClusteredRefusals.class));
    execute(selectClass(SlicedSuites.ClusteredLength.class));
    execute(selectClass(SlicedSuites.ClusteredRatio.class));
    execute(selectClass(SlicedSuites.ClusteredFlaky.class));
    execute(selectClass(SlicedSuites.RepeatedLimit.class));

    java.util.regex.Pattern needs =
        java.util.regex.Pattern.compile("needs about ([0-9,]+) (answers|cases)");
    for (String suite :
        List.of(
            "clustered-limit",
            "clustered-refusals",
            "clustered-length",
            "clustered-ratio",
            "clustered-flaky",
            "repeated-limit")) {
      RunReport pilot = report(suite);
      java.util.regex.Matcher said = needs.matcher(pilot.gate().criteria().get(0).message());
      assertThat(said.find()).as(suite).isTrue();
      long count = Long.parseLong(said.group(1).replace(",", ""));
      int repeats = pilot.evaluation().repeats();
      SamplePlan.Row row = plan(pilot).get(0);
      assertThat(row.cases())
          .as(suite + ": the plan's cases, each answered as often as in the pilot: " + row.text())
          .isEqualTo(said.group(2).equals("answers") ? (count + repeats - 1) / repeats : count);
      assertThat(row.reason()).as(suite).contains("design effect 4.1 over 30 ");
    }
    assertThat(plan(report("clustered-limit")).get(0).text())
        .isEqualTo(
            "challenger at-least: { metric: pass-rate(correct), limit: 70% }: about 663 cases x 1"
                + " repeat (pilot: 120; observed 80.0%, to show it within 70.0%; design effect 4.1"
                + " over 30 clusters)");
    assertThat(plan(report("repeated-limit")).get(0).text())
        .isEqualTo(
            "challenger at-least: { metric: pass-rate(correct), limit: 70% }: about 166 cases x 4"
                + " repeats (pilot: 30; observed 80.0%, to show it within 70.0%; design effect 4.1"
                + " over 30 cases of 4 answers)");
  }

  @Test
  void aPlanFromAClusteredPilotPlansPairedRatesAndSlicesOverTheirClusters() throws IOException {
    execute(selectClass(SlicedSuites.Clustered.class));
    execute(selectClass(SlicedSuites.ClusteredSlices.class));
    execute(selectClass(SlicedSuites.UnclusteredSlices.class));

    assertThat(plan(report("clustered")).get(0).text())
        .as("as the gate says: beyond the margin, no count")
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(correct), limit: 2pp }: observed"
                + " discordance 26.7%, difference -13.3 pp, design effect 4.1 over 30 clusters:"
                + " beyond the margin, more cases would rather show it violated");
    assertThat(plan(report("clustered-slices")).get(0).text())
        .as("billing over its 16 conversations; 380 / 0.533 paired cases in all")
        .isEqualTo(
            "challenger no-slice-regresses: { metric: pass-rate(correct), margin: 15pp, min-cases:"
                + " 20 }: about 720 cases x 1 repeat (pilot: 120; the slice that needs most,"
                + " category=billing, about 380 of its paired cases at its pilot share of 53.3%;"
                + " observed discordance 25.0%, difference 0.0 pp, design effect 4.3 over 16"
                + " clusters)");
    assertThat(plan(report("unclustered-slices")).get(0).text())
        .as("the same turns taken as independent")
        .isEqualTo(
            "challenger no-slice-regresses: { metric: pass-rate(correct), margin: 15pp, min-cases:"
                + " 20 }: about 170 cases x 1 repeat (pilot: 120; the slice that needs most,"
                + " category=billing, about 88 of its paired cases at its pilot share of 53.3%;"
                + " observed discordance 25.0%, difference 0.0 pp)");
  }

  static List<SamplePlan.Row> plan(RunReport pilot) {
    return SamplePlan.plan("control", List.of("challenger"), pilot.policy(), pilot.evaluation());
  }

  @Test
  void aClusteredRateWithNoAnswersIsUndecidedNotACrash() throws IOException {
    execute(selectClass(SlicedSuites.ClusteredNoEvidence.class));

    assertThat(report("clustered-no-evidence").gate().criteria().get(0).message())
        .as("the suite ran and said why it cannot judge (it threw 'at least one cluster' before)")
        .isEqualTo(
            "challenger under-refusal rate has no evidence (n=0): no answered case of challenger"
                + " expects a refusal (the case's 'expect' field or a refusal check's expect:"
                + " refuse)");
    assertThat(report("clustered-no-evidence").gate().verdicts().get(0).decision())
        .isEqualTo(Decision.INCONCLUSIVE);
  }

  @Test
  void metricsMdShowsTheGatesOwnMessage() throws IOException {
    execute(selectClass(SlicedSuites.Clustered.class));
    String documented =
        "challenger correct pass rate 80.0% cannot be shown non-inferior to control 93.3% (Δ -13.3"
            + " pp, 95% CI [-32.2, 6.2], margin -2.0 pp, n=120, 30 clusters, design effect 4.1); ";

    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .contains(documented + "...");
    assertThat(report("clustered").gate().criteria().get(0).message()).startsWith(documented);
  }

  @Test
  void theDesignEffectIsInEveryReportAndTheClustersInTheResults() throws IOException {
    execute(selectClass(SlicedSuites.Clustered.class));
    Path folder = output.resolve("evalgate").resolve("clustered");
    RunReport report = report("clustered");

    Clustered correct = report.evaluation().comparisons().get(0).clustered().get("correct");
    assertThat(correct.clusters()).isEqualTo(30);
    // every turn of a conversation moves with it: about the cluster size, times K/(K-1)
    assertThat(correct.designEffect()).isCloseTo(4.14, within(0.01));
    String line =
        "clusters of challenger vs control: 30 clusters; design effect: every check 4.1, correct"
            + " 4.1 (pass rates are compared over the clusters: their variance is that many times"
            + " an independent case's)";
    assertThat(Summary.console(report)).contains("  " + line + "\n");
    assertThat(Files.readString(folder.resolve("report.md")))
        .contains("### Clusters\n\n- " + line + "\n");
    assertThat(Files.readAllLines(folder.resolve("results.jsonl")).get(0))
        .endsWith(",\"cluster\":\"conv-01\"}");
    Schema schema = ReportSchema.runReport();
    assertThat(schema.validate(JSON.readTree(folder.resolve("report.json").toFile()))).isEmpty();
    assertThat(
            JSON.readTree(
                    output.resolve("evalgate").resolve("clustered").resolve("report.json").toFile())
                .at("/evaluation/comparisons/0")
                .has("clustered"))
        .isTrue();
  }

  @Test
  void aRunReadBackFromItsResultsIsJudgedOverTheSameClusters() throws IOException {
    execute(selectClass(SlicedSuites.Clustered.class));
    Path folder = output.resolve("evalgate").resolve("clustered");
    RunReport report = report("clustered");

    // what a merge of shards and a baseline run do: the stored plan, the stored results
    Evaluator again = new Evaluator(report.plan());
    try (ResultsCursor cursor = new ResultsCursor(folder.resolve("results.jsonl"))) {
      while (cursor.next()) {
        again.accept(Objects.requireNonNull(cursor.current()));
      }
    }

    assertThat(again.finish().evaluation().comparisons().get(0).clustered())
        .isEqualTo(report.evaluation().comparisons().get(0).clustered());
  }

  @Test
  void aReportWithoutClustersHasNoClusteredField() throws IOException {
    execute(selectClass(SlicedSuites.Unclustered.class));

    assertThat(
            JSON.readTree(
                    output
                        .resolve("evalgate")
                        .resolve("unclustered")
                        .resolve("report.json")
                        .toFile())
                .at("/evaluation/comparisons/0")
                .has("clustered"))
        .isFalse();
  }
}
