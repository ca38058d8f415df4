package dev.evalgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.evalgate.checks.TokenCounter;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.HangingSuites;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A Java variant's function that never returns errs its cases as timeouts after {@code
 * evalgate.function.timeout}, and the run ends: it no longer waits for it forever.
 */
class FunctionTimeoutTest {
  @TempDir Path output;

  @BeforeAll
  static void loadTheTokenizer() {
    // the first count loads jtokkit's encodings, which can take longer than the limits here: the
    // control's answers, counted as they come, must not be late because of it
    TokenCounter.count("Hello!", "formal");
  }

  @AfterAll
  static void releaseTheDeafFunctions() {
    HangingSuites.released = true;
  }

  RunReport run(DiscoverySelector selector, String suite) throws IOException {
    return run(selector, suite, "8");
  }

  RunReport run(DiscoverySelector selector, String suite, String concurrency) throws IOException {
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.CONCURRENCY, concurrency)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, output.resolve("allure").toString())
        .configurationParameter(Constants.FUNCTION_TIMEOUT, "1s")
        .selectors(selector)
        .execute();
    return ReportReader.read(output.resolve("evalgate").resolve(suite).resolve("report.json"));
  }

  @Test
  @Timeout(60)
  void anInProcessFunctionThatNeverReturnsErrsItsCasesAsTimeouts() throws IOException {
    RunReport report = run(selectClass(HangingSuites.InProcess.class), "hanging-function");

    assertThat(report.gate().verdicts().get(0).message())
        .startsWith("INCONCLUSIVE stuck: ")
        .contains(
            "errors of stuck: timeout 4 (first: the function of variant 'stuck' did not answer"
                + " case 'g-1' within 1s (evalgate.function.timeout), so the case errs and the"
                + " function was interrupted; make it return, or raise evalgate.function.timeout)")
        .as("the control's calls waited for a thread behind the stuck ones, and were not late")
        .doesNotContain("errors of formal");
  }

  @ParameterizedTest
  @CsvSource({"Deaf, deaf-function, function", "DeafApp, deaf-app, app function"})
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFunctionThatIgnoresInterruptionNeitherHoldsUpTheCallsBehindItNorTheEndOfTheRun(
      String fixture, String suite, String what) throws IOException {
    long start = System.nanoTime();
    // two threads: the two first stuck calls would hold them, and the rest would wait forever
    RunReport report = run(selectClass(HangingSuites.class.getName() + "$" + fixture), suite, "2");

    assertThat(report.gate().verdicts().get(0).message())
        .startsWith("INCONCLUSIVE stuck: 4 of 8 calls of formal and stuck errored")
        .contains("errors of stuck: timeout 4 (first: the " + what + " of variant 'stuck'")
        .doesNotContain("errors of formal");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("the run does not wait for the functions it gave up on")
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  @Timeout(60)
  void anAppWhosePipelineNeverReturnsErrsItsCasesAsTimeouts() throws IOException {
    long start = System.nanoTime();
    RunReport report = run(selectClass(HangingSuites.App.class), "hanging-app");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(Files.readString(output.resolve("evalgate/hanging-app/results.jsonl")))
        .contains(
            "the app function of variant 'stuck' did not answer case 'g-2' within 1s"
                + " (evalgate.function.timeout)");
    assertThat(report.gate().verdicts().get(0).message())
        .startsWith("INCONCLUSIVE stuck: 4 of 8 calls of formal and stuck errored")
        .contains("errors of stuck: timeout 4 (first: the app function of variant 'stuck'");
  }
}
