package dev.evalgate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.report.summary.ReportReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanMojoTest {
  static final Path PILOT = Path.of("src/it/plan-from-pilot/reports/support-migration/report.json");

  @Test
  void aPilotReportGetsAHeadingAndOneLinePerCriterionAndChallenger() throws IOException {
    List<String> lines = PlanMojo.lines(ReportReader.read(PILOT), PILOT);

    assertThat(lines)
        .containsExactly(
            "EvalGate plan for support-migration from "
                + PILOT
                + " (pilot: 200 cases x 1 repeat; 95% confidence unless a row states its own level,"
                + " 80% power; counts assume the pilot's rates, discordance and spread are the"
                + " truth):",
            "  challenger non-inferior: { metric: pass-rate(schema), margin: 2pp }: about 99 cases"
                + " x 1 repeat (pilot: 200; observed discordance 0.0%, difference 0.0 pp)",
            "  challenger non-inferior: { metric: pass-rate(category), margin: 5pp }: about 32"
                + " cases x 1 repeat (pilot: 200; observed discordance 1.0%, difference 0.0 pp)",
            "  challenger at-most: { metric: over-refusal-rate, limit: 3% }: about 130 cases x 1"
                + " repeat (pilot: 200; observed 0.0%, to show it within 3.0%)",
            "  challenger ratio-at-most: { metric: cost-per-1k-calls, limit: 0.8 }: a ratio of"
                + " percentiles or rates, an unknown value or a report without the spread is judged"
                + " as measured: no number of cases changes it",
            "  challenger at-most: { metric: latency-p95, limit: 2500ms }: the report has no"
                + " estimate with a spread for it (a fact of the run, an unknown price, or a report"
                + " written before the spread was kept)",
            "  and whatever the counts above, the gate's min-cases needs at least 200 paired cases"
                + " without errors");
  }
}
