package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.CsvSuites;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A CSV cell left empty holds no value, as a JSON row's null: a prompt template that uses it makes
 * the row a problem of the dataset test, naming the file, the line and the column, and nothing is
 * sent for it. A quoted {@code ""} is the empty text, and is sent.
 */
class EmptyCsvCellTest {
  @TempDir Path output;

  @Test
  void anEmptyCellUsedByThePromptFailsTheDatasetTestAndIsNotSent() {
    CsvSuites.PROMPTS.clear();

    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .selectors(selectClass(CsvSuites.EmptyQuestion.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("dataset:rows"),
                finishedWithFailure(
                    message(
                        text ->
                            text.contains(
                                "fixtures/questions.csv:4: case 'q-3' has an empty cell in column"
                                    + " 'question', which the prompt template uses; expected a"
                                    + " text or a number (a cell holding \"\" sends an empty"
                                    + " text)")))));
    assertThat(CsvSuites.PROMPTS)
        .as("q-1, q-2 and q-4 (its quoted \"\"), by each variant; nothing for q-3")
        .containsExactlyInAnyOrder(
            "Q: What is 2+2?",
            "Q: What is 2+2?",
            "Q: Capital of France?",
            "Q: Capital of France?",
            "Q: ",
            "Q: ");
  }
}
