package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.engine.run.CaseResult;
import dev.evalgate.engine.run.VariantOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows chosen during a run are the rows the page would make from the results file. */
class EmbeddedCasesTest {
  @TempDir Path dir;

  @Test
  void rowsChosenLiveMatchTheRowsMadeFromResultsLines() throws Exception {
    SuiteSpec suite = SuiteSpec.named("embedded").dataset("d.jsonl")
        .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
        .challenger(VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")))
        .check(Checks.maxWords(3)).build();
    Redactor redactor = Redactor.parse("email");
    ResultsWriter results = new ResultsWriter(suite, suite.variants(), dir, redactor);
    EmbeddedCases embedded = new EmbeddedCases("control", List.of("max-words"), dir, redactor);
    for (int i = 0; i < 4; i++) {
      EvalCase evalCase = new EvalCase("c-" + i, Map.of(), List.of(), null, List.of(), List.of(), null, i + 1);
      List<ChatMessage> prompt = List.of(ChatMessage.system("be brief"), ChatMessage.user("mail me at a@b.example \"now\" " + i));
      ModelResponse ok = ModelResponse.ofText("fine </script> ü");
      ModelResponse failed = i == 3 ? ModelResponse.failure(ErrorClass.TIMEOUT, "timed out for a@b.example", Duration.ofSeconds(1), 0)
          : ModelResponse.ofText("one two three four");
      List<VariantOutcome> outcomes = new ArrayList<>();
      outcomes.add(new VariantOutcome("control", 0, ok, 0.001, List.of(CheckResult.pass("max-words", "3 words, within 3"))));
      outcomes.add(new VariantOutcome("challenger", 0, failed, null, i == 3 ? List.of()
          : List.of(CheckResult.fail("max-words", "4 words, expected at most 3"))));
      CaseResult result = new CaseResult(evalCase, Map.of("control", prompt, "challenger", prompt), outcomes);
      results.accept(result);
      embedded.accept(result);
    }
    results.close();

    List<String> fromResults = new ArrayList<>();
    for (String line : Files.readAllLines(results.path())) {
      fromResults.add(Html.compact(line));
    }
    List<String> live = new ArrayList<>();
    embedded.rows(live::add);
    embedded.delete();

    assertThat(embedded.cases()).isEqualTo(4);
    assertThat(embedded.selected()).isEqualTo(4);
    assertThat(live).containsExactlyElementsOf(fromResults);
    assertThat(String.join("\n", live)).doesNotContain("a@b.example");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly(ResultsWriter.FILE);
    }
  }
}
