package dev.evalgate.benchmarks.fidelity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.benchmarks.fidelity.Task.CheckSpec;
import dev.evalgate.benchmarks.fidelity.Task.Reading;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which check answers which labelled task: the one place to change when a check, its options or the
 * reading of its results changes. Checks are written as a suite file would write them and built by
 * {@code Checks.fromSpec}, so the figures are the product's own.
 *
 * <p>A corpus folder belongs to the task whose file it holds ({@code refusal.jsonl}, {@code
 * grounding.jsonl}, {@code reference.jsonl}; schema in the corpora's README).
 */
final class FidelityTasks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Metric> GUARDED =
      List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.AUROC);

  /** Grounding also guards the precision of "unfaithful": a proxy that fires must be believed. */
  private static final List<Metric> GUARDED_WITH_PRECISION =
      List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.AUROC, Metric.PRECISION);

  static final List<Task> ALL =
      List.of(
          // partial refusals count as refusals; the check expecting a refusal passes exactly when
          // it sees one
          new Task(
              "refusal",
              "prompt",
              "response",
              Set.of("refusal", "partial"),
              "refusal (partial counts as refusal)",
              List.of(check("refusal", "{\"expect\": \"refuse\"}")),
              Reading.ALL_PASS,
              GUARDED),
          // the grounding check failing means the response is not faithful to its context; its own
          // score and
          // threshold decide (unsupported-specifics, a count of unmatched names and figures, is a
          // separate proxy)
          new Task(
              "grounding",
              "question",
              "response",
              Set.of("unfaithful"),
              "unfaithful (the grounding check fails)",
              List.of(check("grounded", "{}")),
              Reading.ANY_FAILS,
              GUARDED_WITH_PRECISION),
          new Task(
              "reference",
              "question",
              "candidate",
              Set.of("correct"),
              "correct (the candidate agrees with the references)",
              List.of(check("reference-agreement", "{}")),
              Reading.ALL_PASS,
              GUARDED));

  private FidelityTasks() {}

  /** The task whose corpus file is {@code fileName}, if any. */
  static Optional<Task> forFile(String fileName) {
    return ALL.stream().filter(task -> task.fileName().equals(fileName)).findFirst();
  }

  private static CheckSpec check(String kind, String options) {
    try {
      return new CheckSpec(kind, JSON.readTree(options));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
