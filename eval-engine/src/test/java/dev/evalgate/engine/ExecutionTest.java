package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.fixtures.YamlSuites;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class ExecutionTest {
  @TempDir Path output;

  EngineExecutionResults execute(DiscoverySelector... selectors) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, output.resolve("allure").toString())
        .selectors(selectors)
        .execute();
  }

  @Test
  void skippedRowsFailTheDatasetTestWithFileAndLine() {
    EngineExecutionResults results = execute(selectClass(GreetingSuites.BrokenRows.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("dataset:rows"),
                finishedWithFailure(
                    message(
                        "4 dataset rows were skipped:\n"
                            + "  fixtures/broken-rows.jsonl:2: invalid JSON at column 59"
                            + " (Unexpected end-of-input: expected close marker for Object);"
                            + " expected one JSON object per line\n"
                            + "  fixtures/broken-rows.jsonl:3: expected a JSON object, but the line"
                            + " holds an array\n"
                            + "  fixtures/broken-rows.jsonl:4: duplicate case id 'b-1'; expected"
                            + " every id to be unique (the row is skipped)\n"
                            + "  fixtures/broken-rows.jsonl:5: field 'expect' must be \"refuse\" or"
                            + " \"comply\", but was \"maybe\""))));
  }

  @Test
  void aBrokenDefinitionFailsItsTestWhileOtherSuitesRun() {
    EngineExecutionResults results =
        execute(
            selectClass(YamlSuites.OneBrokenOneGood.class),
            selectClass(GreetingSuites.Throwing.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("definition:problem"),
                finishedWithFailure(
                    message(
                        "fixtures/suites/unknown-key.yaml:5: unknown key 'temprature' in variant"
                            + " 'challenger'; expected one of: api-key-env, base-url, headers,"
                            + " max-tokens, model, pricing, prompt, provider, response-format,"
                            + " role, seed, stop, stream, temperature, timeout, tool-choice, tools,"
                            + " top-p"))))
        .haveExactly(
            1,
            event(
                test("definition:problem"),
                finishedWithFailure(
                    message(
                        "@SuiteDefinition method"
                            + " dev.evalgate.engine.fixtures.GreetingSuites$Throwing.broken() threw"
                            + " IllegalStateException: no dataset configured"))));
    assertThat(results.testEvents().started().count()).isGreaterThan(2);
  }

  @Test
  void aSelectedCaseIsAnsweredByEveryVariantAndPassesWhenEveryCheckPasses() {
    EngineExecutionResults results =
        execute(selectClasspathResource("fixtures/greetings.jsonl", FilePosition.from(4)));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(test("GreetingSuites$Polite"), test("case:g-3"), finishedSuccessfully()));
    assertThat(
            results.allEvents().reportingEntryPublished().stream()
                .flatMap(
                    e ->
                        e
                            .getPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                            .stream())
                .flatMap(r -> r.getKeyValuePairs().entrySet().stream())
                .filter(kv -> kv.getKey().startsWith("evalgate.output."))
                .map(kv -> kv.getKey() + "=" + kv.getValue()))
        .contains("evalgate.output.formal=Hello, Linus!", "evalgate.output.casual=Hello, Linus!");
  }

  @Test
  void aSelectedCaseFailsWithEveryFailingCheckReason() {
    String rude =
        "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Rude]/[suite:greetings]/[case:g-2]";

    EngineExecutionResults results = execute(selectUniqueId(rude));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("case:g-2"),
                finishedWithFailure(
                    message(
                        "case g-2:\n  rude: exact: expected 'Hello, Grace!' but got 'Go away.'"))));
  }

  @Test
  void anUnknownSelectedCaseSaysSo() {
    String missing =
        "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]/[case:nope]";

    EngineExecutionResults results = execute(selectUniqueId(missing));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("case:nope"),
                finishedWithFailure(
                    message(
                        "no case with id 'nope' in the dataset (or it is outside this shard)"))));
  }

  @Test
  void aSuiteWhoseCriteriaHoldPassesEveryTest() {
    EngineExecutionResults results = execute(selectClass(GreetingSuites.Polite.class));

    results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4).failed(0));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("gate:gate@casual"), finishedSuccessfully()));
  }

  @Test
  void aViolatedCriterionFailsItsTestAndTheGateWithOneLineReasons() {
    EngineExecutionResults results = execute(selectClass(GreetingSuites.Rude.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:at-least(pass-rate(exact))@rude"),
                finishedWithFailure(
                    message(
                        "rude exact pass rate is 0.0% (95% CI [0.0, 60.2]), but expected minimum is"
                            + " 90.0% (n=4)"))))
        .haveExactly(
            1,
            event(
                test("gate:gate@rude"),
                finishedWithFailure(
                    message(
                        "REJECT rude: 1 of 1 criteria violated; rude exact pass rate is 0.0% (95%"
                            + " CI [0.0, 60.2]), but expected minimum is 90.0% (n=4)"))))
        .haveExactly(1, event(test("dataset:rows"), finishedSuccessfully()));
  }
}
