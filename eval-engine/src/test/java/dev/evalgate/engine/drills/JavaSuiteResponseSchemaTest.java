package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.BrokenSuites;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A Java suite's response-format schema is looked for at discovery, as a suite file's is, so that a
 * schema that is nowhere fails the suite's definition test with the class, the method and what was
 * expected, before any call, instead of every call as a {@code client} error.
 */
class JavaSuiteResponseSchemaTest {
  static final String PROBLEM =
      "@SuiteDefinition method"
          + " dev.evalgate.engine.fixtures.BrokenSuites$MissingResponseSchema.structured(): variant"
          + " 'strict': response-format schema 'schemas/greeting.json' not found in the working"
          + " directory or on the classpath, where each call reads it; expected its path from the"
          + " working directory or from the classpath root (such as 'schemas/greeting.json' for"
          + " src/test/resources/schemas/greeting.json)";

  @TempDir Path output;

  @Test
  void aSchemaThatIsNowhereFailsTheDefinitionTestAtDiscovery() {
    EngineTestKit.Builder engine =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, output.toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .selectors(selectClass(BrokenSuites.MissingResponseSchema.class));

    assertThat(engine.discover().getDiscoveryIssues())
        .extracting(DiscoveryIssue::message)
        .containsExactly(PROBLEM);
    EngineExecutionResults results = engine.execute();
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("definition:problem"), finishedWithFailure(message(PROBLEM))));
    assertThat(results.testEvents().started().count()).as("tests started").isEqualTo(1);
  }
}
