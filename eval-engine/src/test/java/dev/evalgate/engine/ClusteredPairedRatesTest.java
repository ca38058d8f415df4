package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.fixtures.PairedRateSuites;
import dev.evalgate.engine.fixtures.ReportSchema;
import dev.evalgate.engine.gate.ClaimStatus;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code non-inferior} on the refusal rate and on a flaky rate when the cases come in clusters
 * ({@code dataset.cluster}): judged over the clusters, as a check's pass rate is, and a report
 * written before it kept those comparisons over the clusters decides nothing on them.
 */
class ClusteredPairedRatesTest {
  @TempDir Path output;

  Path reportFile(String name) {
    return output.resolve("evalgate").resolve(name).resolve("report.json");
  }

  RunReport run(Class<?> suite, String name) throws IOException {
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .selectors(selectClass(suite))
        .execute();
    return ReportReader.read(reportFile(name));
  }

  @Test
  void refusalsInWholeConversationsAreJudgedOverTheConversations() throws IOException {
    RunReport unclustered = run(PairedRateSuites.UnclusteredRefusing.class, "unclustered-refusing");
    RunReport clustered = run(PairedRateSuites.ClusteredRefusing.class, "clustered-refusing");

    assertThat(unclustered.gate().criteria().get(0).message())
        .as("120 turns taken as independent: unchanged")
        .isEqualTo(
            "challenger refusal rate 6.7% is non-inferior to control 0.0% (Δ 6.7 pp, 95% CI [2.2,"
                + " 12.6], margin +15.0 pp, n=120)");
    assertThat(unclustered.gate().verdicts().get(0).decision()).isEqualTo(Decision.PROMOTE);
    assertThat(clustered.gate().criteria().get(0).message())
        .as("the 8 refusals are 2 conversations")
        .isEqualTo(
            "challenger refusal rate 6.7% cannot be shown non-inferior to control 0.0% (Δ 6.7 pp,"
                + " 95% CI [-6.0, 21.7], margin +15.0 pp, n=120, 30 clusters, design effect 4.1);"
                + " needs about 300 paired cases for a 15.0 pp margin (observed discordance 6.7%,"
                + " difference 6.7 pp)");
    assertThat(clustered.gate().verdicts().get(0).decision()).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .as("METRICS.md shows the gate's own message")
        .contains(clustered.gate().criteria().get(0).message());

    Clustered kept =
        Objects.requireNonNull(clustered.evaluation().comparisons().get(0).refusalClustered());
    assertThat(kept.clusters()).isEqualTo(30);
    assertThat(kept.designEffect()).isCloseTo(4.14, within(0.01));
    JsonNode written = ClustersTest.JSON.readTree(reportFile("clustered-refusing").toFile());
    assertThat(ReportSchema.runReport().validate(written)).isEmpty();
    assertThat(written.at("/evaluation/comparisons/0/refusalClustered/clusters").asInt())
        .isEqualTo(30);
    assertThat(Summary.console(clustered))
        .as("the build log states the design effect the criterion was judged with")
        .contains(
            "  clusters of challenger vs control: 30 clusters; design effect: every check 4.1,"
                + " refusal 4.1, refusal rate 4.1 (pass rates are compared over the clusters: their"
                + " variance is that many times an independent case's)\n");
    assertThat(
            ClustersTest.JSON
                .readTree(reportFile("unclustered-refusing").toFile())
                .at("/evaluation/comparisons/0")
                .has("refusalClustered"))
        .as("a run without clusters writes none")
        .isFalse();
  }

  @Test
  void rareRefusalsOverFewConversationsAreNotClaimedFromConversationsThatHappenToLookAlike()
      throws IOException {
    RunReport clustered =
        run(PairedRateSuites.ClusteredRarelyRefusing.class, "clustered-rarely-refusing");

    assertThat(clustered.gate().criteria().get(0).message())
        .as(
            "2 refusals in 2 of 30 conversations: on the measured design effect (1.0) the upper"
                + " bound is 5.9 pp and it would hold")
        .isEqualTo(
            "challenger refusal rate 1.7% cannot be shown non-inferior to control 0.0% (Δ 1.7 pp,"
                + " 95% CI [-6.1, 10.5], margin +8.0 pp, n=120, 30 clusters, design effect 1.0,"
                + " bounding 2.6); needs more than 120 paired cases for a 8.0 pp margin (observed"
                + " discordance 1.7%, difference 1.7 pp)");
    assertThat(clustered.gate().verdicts().get(0).decision()).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .as("METRICS.md shows the gate's own message")
        .contains(clustered.gate().criteria().get(0).message());
    assertThat(Summary.console(clustered))
        .as("the build log names the bounding design effect the intervals take")
        .contains(
            "  clusters of challenger vs control: 30 clusters; design effect: every check 1.0"
                + " (bounding 2.6), refusal 1.0 (bounding 2.6), refusal rate 1.0 (bounding 2.6)"
                + " (pass rates are compared over the clusters: their variance is that many times"
                + " an independent case's)\n");
    assertThat(ClustersTest.plan(clustered).get(0).text())
        .as("evalgate:plan needs what the gate says")
        .isEqualTo(
            "challenger non-inferior: { metric: refusal-rate, limit: 8pp }: more than 120 cases x 1"
                + " repeat (pilot: 120; observed discordance 1.7%, difference 1.7 pp, design effect"
                + " 1.0, bounding 2.6, over 30 clusters)");
  }

  @Test
  void flakyCasesInWholeConversationsAreJudgedOverTheConversations() throws IOException {
    RunReport unclustered =
        run(PairedRateSuites.UnclusteredFlickering.class, "unclustered-flickering");
    RunReport clustered = run(PairedRateSuites.ClusteredFlickering.class, "clustered-flickering");

    assertThat(unclustered.gate().criteria().get(0).message())
        .as("120 cases taken as independent: unchanged")
        .isEqualTo(
            "challenger correct flaky rate 6.7% is non-inferior to control 0.0% (Δ 6.7 pp, 95% CI"
                + " [2.2, 12.6], margin +15.0 pp, n=120)");
    assertThat(unclustered.gate().verdicts().get(0).decision()).isEqualTo(Decision.PROMOTE);
    assertThat(clustered.gate().criteria().get(0).message())
        .as("the 8 flaky cases are 2 conversations")
        .isEqualTo(
            "challenger correct flaky rate 6.7% cannot be shown non-inferior to control 0.0% (Δ"
                + " 6.7 pp, 95% CI [-6.0, 21.7], margin +15.0 pp, n=120, 30 clusters, design"
                + " effect 4.1); needs about 300 paired cases for a 15.0 pp margin (observed"
                + " discordance 6.7%, difference 6.7 pp)");
    assertThat(clustered.gate().verdicts().get(0).decision()).isEqualTo(Decision.INCONCLUSIVE);

    Comparison comparison = clustered.evaluation().comparisons().get(0);
    assertThat(Objects.requireNonNull(comparison.stabilityClustered()))
        .containsOnlyKeys("correct", "*");
    assertThat(comparison.stabilityClustered().get("correct").clusters()).isEqualTo(30);
    assertThat(Summary.console(clustered))
        .contains(
            "design effect: every check 4.1, correct 4.1, correct flaky rate 4.1, flaky rate 4.1"
                + " (");
    JsonNode written = ClustersTest.JSON.readTree(reportFile("clustered-flickering").toFile());
    assertThat(ReportSchema.runReport().validate(written)).isEmpty();
    assertThat(
            ClustersTest.JSON
                .readTree(reportFile("unclustered-flickering").toFile())
                .at("/evaluation/comparisons/0")
                .has("stabilityClustered"))
        .isFalse();
    assertThat(ClustersTest.plan(clustered).get(0).text())
        .as("evalgate:plan needs what the gate says")
        .isEqualTo(
            "challenger non-inferior: { metric: flaky-rate(correct), limit: 15pp }: about 300"
                + " cases x 2 repeats (pilot: 120; observed discordance 6.7%, difference 6.7 pp,"
                + " design effect 4.1 over 30 clusters)");
  }

  @Test
  void aClusteredReportWrittenBeforeRefusalsWereKeptOverTheClustersDecidesNothingOnThem()
      throws IOException {
    run(PairedRateSuites.ClusteredRefusing.class, "clustered-refusing");
    // what a report of session 8 held: the checks over the clusters, the refusals not
    JsonNode older = ClustersTest.JSON.readTree(reportFile("clustered-refusing").toFile());
    assertThat(((ObjectNode) older.at("/evaluation/comparisons/0")).remove("refusalClustered"))
        .isNotNull();
    Files.writeString(
        reportFile("clustered-refusing"), ClustersTest.JSON.writeValueAsString(older));
    RunReport report = ReportReader.read(reportFile("clustered-refusing"));

    CriterionResult judged = Evaluator.judge(report.plan(), report.evaluation()).criteria().get(0);
    assertThat(judged.status())
        .as("never judged on the turns as if independent (there: non-inferior)")
        .isEqualTo(ClaimStatus.INCONCLUSIVE);
    assertThat(judged.message())
        .isEqualTo(
            "challenger refusal rate 6.7% cannot be shown non-inferior to control 0.0% (Δ 6.7 pp,"
                + " 95% CI [-100.0, 100.0], margin +15.0 pp, n=120, 30 clusters, design effect"
                + " unknown (the report was written before this estimate kept its design effect;"
                + " run the suite again))");
    assertThat(ClustersTest.plan(report).get(0).text())
        .isEqualTo(
            "challenger non-inferior: { metric: refusal-rate, limit: 15pp }: observed discordance"
                + " 6.7%, difference 6.7 pp, design effect unknown over 30 clusters: the report was"
                + " written before this estimate kept its design effect; run the suite again");
  }
}
