package dev.evalgate.benchmarks.fidelity;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.dataset.RowProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * One corpus file judged by its task's checks. Rows are read by the engine's own dataset reader, so
 * a row's {@code context} and {@code references} reach the checks exactly as they would from a
 * suite's dataset, and each answer is checked in an exchange built as the engine builds one (the
 * row's prompt or question as the user's message, the row's model as the variant's model).
 */
final class CorpusRun {

  /** One judged row: what people said, what the checks said, and enough to show a disagreement. */
  record Row(
      String id,
      String split,
      String model,
      String source,
      String label,
      boolean positive,
      boolean predicted,
      double score,
      String answer,
      String reason) {}

  private CorpusRun() {}

  /**
   * Reads and judges the rows of the given splits.
   *
   * @throws IllegalArgumentException naming the file and line of the first unusable row
   */
  static List<Row> judge(Path file, Task task, Set<String> splits) {
    List<Check> checks = task.checks().stream().map(Task.CheckSpec::build).toList();
    List<EvalCase> cases = read(file, splits);
    Row[] rows = new Row[cases.size()];
    // Checks are thread-safe pure functions; the rows' order is kept by their index.
    IntStream.range(0, rows.length)
        .parallel()
        .forEach(i -> rows[i] = judge(cases.get(i), task, checks, file));
    return List.of(rows);
  }

  private static List<EvalCase> read(Path file, Set<String> splits) {
    List<RowProblem> problems = new ArrayList<>();
    List<EvalCase> cases = new ArrayList<>();
    DatasetSource source = new DatasetSource(file.toString(), file.toUri(), file);
    try (DatasetReader reader = DatasetReader.open(source, "id", problems::add)) {
      while (reader.hasNext()) {
        EvalCase evalCase = reader.next();
        if (splits.contains(String.valueOf(evalCase.variable("split")))) {
          cases.add(evalCase);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      RowProblem first = problems.get(0);
      throw new IllegalArgumentException(
          first.file() + ":" + first.line() + ": " + first.message());
    }
    return cases;
  }

  private static Row judge(EvalCase evalCase, Task task, List<Check> checks, Path file) {
    String answer = required(evalCase, task.answerField(), file);
    String label = required(evalCase, "label", file);
    String prompt = task.promptField() == null ? null : evalCase.variable(task.promptField());
    List<ChatMessage> messages = prompt == null ? List.of() : List.of(ChatMessage.user(prompt));
    Exchange exchange =
        new Exchange(
            evalCase,
            "corpus",
            evalCase.variable("model"),
            messages,
            ModelResponse.ofText(answer),
            null,
            0);
    List<CheckResult> results = new ArrayList<>(checks.size());
    for (Check check : checks) {
      results.add(check.evaluate(exchange));
    }
    StringBuilder reason = new StringBuilder();
    for (CheckResult result : results) {
      reason
          .append(reason.isEmpty() ? "" : " | ")
          .append(result.check())
          .append(result.passed() ? " passed: " : " failed: ")
          .append(result.reason());
    }
    return new Row(
        evalCase.id(),
        text(evalCase, "split"),
        text(evalCase, "model"),
        text(evalCase, "source"),
        label,
        task.positiveLabels().contains(label),
        task.reading().positive(results),
        task.reading().score(results),
        answer,
        reason.toString());
  }

  private static String required(EvalCase evalCase, String field, Path file) {
    String value = evalCase.variable(field);
    if (value == null) {
      throw new IllegalArgumentException(
          file
              + ":"
              + evalCase.line()
              + ": row '"
              + evalCase.id()
              + "' has no '"
              + field
              + "' field; expected the corpus schema of shared/corpora/README.md");
    }
    return value;
  }

  private static String text(EvalCase evalCase, String field) {
    @Nullable String value = evalCase.variable(field);
    return value == null ? "unknown" : value;
  }
}
