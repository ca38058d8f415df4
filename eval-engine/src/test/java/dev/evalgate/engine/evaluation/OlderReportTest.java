package dev.evalgate.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.gate.ClaimStatus;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report written before model calls and tokens per case were measured, judged again by a gate
 * that asks about them (as the Maven plugin's POM rules or a baseline comparison do): what it does
 * not hold is unknown, never 0 calls that pass an at-most.
 */
class OlderReportTest {
  @Test
  void criteriaOnCallsOrTokensPerCaseOfAReportWithoutThemAreInconclusiveAndSayWhy()
      throws Exception {
    RunReport report =
        ReportReader.read(
            Path.of(OlderReportTest.class.getResource("/fixtures/page/report.json").toURI()));
    assertThat(report.evaluation().variants().get(1).callsPerCase().n()).isZero();

    GateResult judged =
        Evaluator.judge(
            report
                .plan()
                .withGate(
                    GateSpec.minCases(1)
                        .atMost("calls-per-case-mean", "3")
                        .nonInferior("tokens-per-case-mean", "100")),
            report.evaluation());

    List<CriterionResult> criteria = judged.criteria();
    assertThat(criteria).extracting(CriterionResult::status).containsOnly(ClaimStatus.INCONCLUSIVE);
    assertThat(criteria.get(0).message())
        .contains(" mean model calls per case is unknown, expected maximum is 3.0 (n=11)");
    assertThat(criteria.get(1).message())
        .contains(
            " mean tokens per case cannot be compared: the report was written before it was"
                + " measured (n=");
  }
}
