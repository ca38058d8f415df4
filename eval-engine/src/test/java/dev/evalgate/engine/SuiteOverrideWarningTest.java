package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.BrokenSuites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A key that replaces what the suite file sets says so at discovery, naming both values and where
 * each came from, as a launcher's parameter over a {@code -D} does.
 */
class SuiteOverrideWarningTest {
  static final String SUITE =
      """
      suite: s
      seed: 42
      dataset:
        path: fixtures/greetings.jsonl
        limit: 3
        sample: 2
      variants:
        control: { provider: openai, model: gpt-4o-mini }
        challenger: { provider: openai, model: gpt-4.1-mini }
      gate:
        criteria:
          - min-cases: 1
      """;

  static List<String> warnings(String... config) throws IOException {
    return warningsOf(SUITE, config);
  }

  static List<String> warningsOf(String suite, String... config) throws IOException {
    Path file = Path.of("target/hostile/lint.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, suite, StandardCharsets.UTF_8);
    EngineTestKit.Builder engine =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .enableImplicitConfigurationParameters(true)
            .selectors(DiscoverySelectors.selectClass(BrokenSuites.Lint.class));
    for (int i = 0; i < config.length; i += 2) {
      engine.configurationParameter(config[i], config[i + 1]);
    }
    return engine.discover().getDiscoveryIssues().stream().map(DiscoveryIssue::message).toList();
  }

  @Test
  void aSystemPropertyOverTheSuiteFileNamesBothValuesAndTheirPlaces() throws IOException {
    System.setProperty(Constants.DATASET_LIMIT, "5");
    try {
      assertThat(warnings())
          .containsExactly(
              "target/hostile/lint.yaml:5: Configuration parameter 'evalgate.dataset.limit' is"
                  + " '5' as the system property -Devalgate.dataset.limit=5, and that wins over"
                  + " the suite's dataset limit '3'; the run uses '5'. Set the key in one place.");
    } finally {
      System.clearProperty(Constants.DATASET_LIMIT);
    }
  }

  @Test
  void aConfigurationParameterOverTheSuiteFileSaysWhereItIsGiven() throws IOException {
    assertThat(warnings(Constants.DATASET_SAMPLE, "7", Constants.SEED, "9"))
        .containsExactly(
            "target/hostile/lint.yaml:6: Configuration parameter 'evalgate.dataset.sample' is '7'"
                + " where the JUnit Platform is given it (Surefire's configurationParameters, the"
                + " console launcher's --config, an IDE's run configuration,"
                + " junit-platform.properties), and that wins over the suite's dataset sample"
                + " '2'; the run uses '7'. Set the key in one place.",
            "target/hostile/lint.yaml:2: Configuration parameter 'evalgate.seed' is '9' where the"
                + " JUnit Platform is given it (Surefire's configurationParameters, the console"
                + " launcher's --config, an IDE's run configuration, junit-platform.properties),"
                + " and that wins over the suite's seed '42'; the run uses '9'. Set the key in one"
                + " place.");
  }

  @Test
  void theSuiteFilesOwnValueGivenAgainIsNotWarnedAbout() throws IOException {
    assertThat(warnings(Constants.DATASET_LIMIT, "3", Constants.SEED, "42")).isEmpty();
  }

  @Test
  void aTimeoutThatAVariantsOwnTimeoutOverridesIsWarnedAbout() throws IOException {
    String suite =
        SUITE.replace(
            "control: { provider: openai, model: gpt-4o-mini }",
            "control: { provider: openai, model: gpt-4o-mini, timeout: 30s }");
    System.setProperty(Constants.TIMEOUT, "10s");
    try {
      assertThat(warningsOf(suite))
          .containsExactly(
              "target/hostile/lint.yaml: Configuration parameter 'evalgate.timeout' is '10s' as"
                  + " the system property -Devalgate.timeout=10s, but the suite's timeout '30s' of"
                  + " variant 'control' wins over it; the run uses '30s' for variant 'control'."
                  + " Set evalgate.variant.control.timeout to change it.");
      assertThat(warningsOf(suite, "evalgate.variant.control.timeout", "5s"))
          .as("the variant's own key decides, and says nothing")
          .isEmpty();
    } finally {
      System.clearProperty(Constants.TIMEOUT);
    }
  }
}
