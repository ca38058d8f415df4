package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Drill: settings that would do what the user asked not to, or that mean nothing, are caught before
 * anything runs.
 */
class InvalidSettingsDrillTest {
  @TempDir Path output;

  @Test
  void anInvalidRedactionRuleStopsTheRunInsteadOfFallingBackToTheDefaults() {
    assertStopsTheRun(
        Constants.REDACT,
        "regex:(unclosed",
        "Invalid value 'regex:(unclosed' for configuration parameter 'evalgate.redact':"
            + " redaction rule 'regex:(unclosed' is not a valid regular expression:"
            + " Unclosed group near index 9. Nothing runs until it is fixed: this value has"
            + " no safe default.");
  }

  /**
   * A fallback to 1/1 would make every CI shard run the whole dataset, their reports overlapping.
   */
  @Test
  void anInvalidShardStopsTheRunInsteadOfRunningEveryCase() {
    assertStopsTheRun(
        Constants.SHARD,
        "3/2",
        "Invalid value '3/2' for configuration parameter 'evalgate.shard': expected"
            + " INDEX/COUNT with 1 <= INDEX <= COUNT, such as 2/4. Nothing runs until it is"
            + " fixed: the default '1/1' would run every case in every shard.");
  }

  /**
   * Someone who sets a limit of 0 to run nothing must not run (and, recording, pay for) everything.
   */
  @Test
  void aDatasetLimitOfZeroStopsTheRunInsteadOfRunningEveryCase() {
    assertStopsTheRun(
        Constants.DATASET_LIMIT,
        "0",
        "Invalid value '0' for configuration parameter 'evalgate.dataset.limit': expected"
            + " a positive number of cases (leave the key unset to run every case). Nothing"
            + " runs until it is fixed: the default 'all' would run every case.");
  }

  /** The value is the one discovery issue, an error; no test starts and nothing is written. */
  private void assertStopsTheRun(String key, String value, String error) {
    EngineTestKit.Builder engine =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .configurationParameter(key, value)
            .selectors(selectClass(GreetingSuites.Polite.class));

    assertThat(engine.discover().getDiscoveryIssues())
        .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(DiscoveryIssue.Severity.ERROR, error));
    EngineExecutionResults results = engine.execute();
    assertThat(results.testEvents().started().count()).as("tests started").isZero();
    assertThat(results.containerEvents().failed().count()).as("the engine fails").isEqualTo(1);
    assertThat(Files.exists(output.resolve("evalgate"))).as("nothing written").isFalse();
  }

  @Test
  void everyInvalidValueAndUnknownKeyIsOneDiscoveryWarningAndTheSuiteStillRuns() {
    EngineTestKit.Builder engine =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .configurationParameter("evalgate.variant.casual.temperature", "hot")
            .configurationParameter("evalgate.variant.casual.provider", "gemini")
            .configurationParameter("evalgate.variant.casual.tempreature", "0.2")
            .configurationParameter("evalgate.concurency", "4")
            .configurationParameter("evalgate.progress", "sometimes")
            .selectors(selectClass(GreetingSuites.Polite.class));

    assertThat(engine.discover().getDiscoveryIssues())
        .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
        .containsExactlyInAnyOrder(
            warning(
                "Invalid value 'sometimes' for configuration parameter 'evalgate.progress':"
                    + " expected one of auto, off, on; using the default 'auto'."),
            warning(
                "Invalid value 'gemini' for configuration parameter"
                    + " 'evalgate.variant.casual.provider': expected one of anthropic, openai;"
                    + " using the suite's value for variant 'casual'."),
            warning(
                "Invalid value 'hot' for configuration parameter"
                    + " 'evalgate.variant.casual.temperature': expected a number from 0 to 2; using"
                    + " the suite's value for variant 'casual'."),
            warning(
                "Unknown configuration parameter 'evalgate.variant.casual.tempreature' (value"
                    + " '0.2'): did you mean 'evalgate.variant.casual.temperature'? Expected"
                    + " evalgate.variant.casual.KEY with KEY one of base-url, model, api-key-env,"
                    + " provider, temperature, top-p, max-tokens, seed, timeout, pricing.input,"
                    + " pricing.output, stream, header.NAME; it is ignored."),
            warning(
                "Unknown configuration parameter 'evalgate.concurency' (value '4'): did you mean"
                    + " 'evalgate.concurrency'? Expected one of the keys in docs/configuration.md;"
                    + " it is ignored."));
    EngineExecutionResults results = engine.execute();
    assertThat(results.testEvents().failed().count()).as("failed tests").isZero();
    assertThat(results.testEvents().succeeded().count()).as("tests that passed").isPositive();
  }

  /**
   * Maven Surefire discovers every test class of a project on its own: a settings warning in a
   * discovery that found no suite would be repeated once per plain JUnit test class.
   */
  @Test
  void aDiscoveryThatFindsNoSuiteDoesNotRepeatTheSettingsWarnings() {
    EngineTestKit.Builder engine =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
            .configurationParameter("evalgate.concurency", "4")
            .selectors(selectClass(InvalidSettingsDrillTest.class));

    assertThat(engine.discover().getDiscoveryIssues()).isEmpty();
  }

  private static org.assertj.core.groups.Tuple warning(String message) {
    return org.assertj.core.groups.Tuple.tuple(DiscoveryIssue.Severity.WARNING, message);
  }
}
