package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.BrokenSuites;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Drill: suites broken in ways no loader foresaw (a row holding a string longer than the JSON
 * parser reads, a blank suite name, a 50 MB comment, a second YAML document) each become their own
 * discovery issue with a one-line message, while the good suite beside them runs and passes.
 */
class OneBadSuiteDrillTest {
  static final Path FOLDER = Path.of("target/hostile");
  static final String SUITE =
      """
      suite: %s
      dataset: %s
      variants:
        control: { provider: openai, model: gpt-4o-mini, prompt: { user: "Greet {{name}}" } }
        challenger: { provider: openai, model: gpt-4.1-mini, prompt: { user: "Greet {{name}}" } }
      gate:
        criteria:
          - min-cases: 1
      """;

  @TempDir static Path output;

  @BeforeAll
  static void writeTheBrokenSuites() throws IOException {
    Files.createDirectories(FOLDER);
    try (Writer rows =
        Files.newBufferedWriter(FOLDER.resolve("huge-string.jsonl"), StandardCharsets.UTF_8)) {
      rows.write("{\"id\": \"big\", \"name\": \"");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'a');
      for (int i = 0; i < 20; i++) {
        rows.write(chunk);
      }
      rows.write("\"}\n{\"id\": \"small\", \"name\": \"Ada\"}\n");
    }
    Files.writeString(
        FOLDER.resolve("huge-string.yaml"), SUITE.formatted("huge-string", "huge-string.jsonl"));
    Files.writeString(
        FOLDER.resolve("blank-name.yaml"),
        SUITE.formatted("\"\"", "../../fixtures/greetings.jsonl"));
    try (Writer yaml =
        Files.newBufferedWriter(FOLDER.resolve("huge-comment.yaml"), StandardCharsets.UTF_8)) {
      yaml.write("# ");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'c');
      for (int i = 0; i < 50; i++) {
        yaml.write(chunk);
      }
      yaml.write("\n" + SUITE.formatted("huge-comment", "../../fixtures/greetings.jsonl"));
    }
    Files.writeString(
        FOLDER.resolve("two-documents.yaml"),
        SUITE.formatted("first", "../../fixtures/greetings.jsonl")
            + "---\n"
            + SUITE.formatted("second", "../../fixtures/greetings.jsonl"));
  }

  @Test
  void eachBrokenSuiteIsItsOwnIssueAndTheGoodSuiteRuns() {
    EngineExecutionResults results =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .selectors(selectClass(BrokenSuites.OneGoodAmongBroken.class))
            .execute();

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("definition:problem"),
                finishedWithFailure(
                    message(
                        "target/hostile/blank-name.yaml:1: suite must be a non-empty name, but was"
                            + " \"\""))))
        .haveExactly(
            1,
            event(
                test("definition:problem"),
                finishedWithFailure(
                    message(
                        "target/hostile/huge-comment.yaml: the file is larger than 1,048,576 bytes,"
                            + " the most a suite or prompt file may hold (the YAML parser slows"
                            + " down sharply beyond); expected a smaller file, with long texts in"
                            + " the dataset"))))
        .haveExactly(
            1,
            event(
                test("definition:problem"),
                finishedWithFailure(
                    message(
                        "target/hostile/two-documents.yaml:10: a second YAML document begins here;"
                            + " expected one suite definition per file (remove the '---' line and"
                            + " what follows, or move it to a file of its own)"))))
        .haveExactly(
            1,
            event(
                test("dataset:rows"),
                finishedWithFailure(
                    message(
                        "1 dataset row was skipped:\n"
                            + "  huge-string.jsonl:1: the line holds 20,971,545 characters, more"
                            + " than the 20,000,000 a row may hold; expected one JSON object per"
                            + " line (the row is skipped)"))));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, event(container("suite:good"), finishedSuccessfully()))
        .haveExactly(1, event(container("suite:unnamed"), finishedSuccessfully()));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("definition:problem"),
                finishedWithFailure(
                    message(
                        "@SuiteDefinition method"
                            + " dev.evalgate.engine.fixtures.BrokenSuites$OneGoodAmongBroken.unnamed()"
                            + " returned a suite with a blank name; expected a non-empty name"))));
    assertThat(
            results.testEvents().finished().stream()
                .filter(
                    e -> e.getTestDescriptor().getUniqueId().toString().contains("[suite:good]")))
        .hasSize(3)
        .allSatisfy(
            e ->
                assertThat(
                        e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .getStatus())
                    .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL));
  }

  @Test
  void discoveryReportsEachProblemOnceWithItsFile() {
    var issues =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .selectors(selectClass(BrokenSuites.OneGoodAmongBroken.class))
            .discover()
            .getDiscoveryIssues();

    assertThat(issues)
        .extracting(DiscoveryIssue::message)
        .allSatisfy(m -> assertThat(m).doesNotContain("\n"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("target/hostile/huge-comment.yaml: the file is larger than"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("huge-string.jsonl:1: the line holds 20,971,545 characters"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "target/hostile/blank-name.yaml:1: suite must be a non-empty name"));
  }
}
