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

/** Drill: settings that would do what the user asked not to, or that mean nothing, are caught before anything runs. */
class InvalidSettingsDrillTest {
  @TempDir Path output;

  @Test
  void anInvalidRedactionRuleStopsTheRunInsteadOfFallingBackToTheDefaults() {
    EngineTestKit.Builder engine = EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .configurationParameter(Constants.REDACT, "regex:(unclosed")
        .selectors(selectClass(GreetingSuites.Polite.class));

    assertThat(engine.discover().getDiscoveryIssues()).extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
        .contains(org.assertj.core.groups.Tuple.tuple(DiscoveryIssue.Severity.ERROR,
            "Invalid value 'regex:(unclosed' for configuration parameter 'evalgate.redact': redaction rule 'regex:(unclosed'"
                + " is not a valid regular expression: Unclosed group near index 9. Nothing runs until it is fixed: this value"
                + " has no safe default."));
    EngineExecutionResults results = engine.execute();
    assertThat(results.testEvents().started().count()).as("tests started").isZero();
    assertThat(results.containerEvents().failed().count()).as("the engine fails").isEqualTo(1);
    assertThat(Files.exists(output.resolve("evalgate"))).as("nothing written").isFalse();
  }
}
