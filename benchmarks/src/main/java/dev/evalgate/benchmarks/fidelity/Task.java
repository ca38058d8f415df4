package dev.evalgate.benchmarks.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.checks.Checks;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One labelled task: which corpus file it reads, how a row becomes an exchange, which checks judge
 * it and how their results become a verdict and a score for the positive class.
 *
 * @param name the task, also the corpus file's name without {@code .jsonl}
 * @param promptField the row field sent as the user's message, or {@code null} when none is
 * @param answerField the row field holding the text being judged
 * @param positiveLabels the row labels that count as the positive class
 * @param positiveClass how the output names the positive class
 * @param checks the checks, each as a suite file would write it, built through {@link
 *     Checks#fromSpec}
 * @param reading how the checks' results become the verdict and the score
 * @param ratcheted the metrics the figures file records and the ratchet guards
 */
record Task(
    String name,
    @Nullable String promptField,
    String answerField,
    Set<String> positiveLabels,
    String positiveClass,
    List<CheckSpec> checks,
    Reading reading,
    List<Metric> ratcheted) {

  Task {
    positiveLabels = Set.copyOf(positiveLabels);
    checks = List.copyOf(checks);
    ratcheted = List.copyOf(ratcheted);
  }

  String fileName() {
    return name + ".jsonl";
  }

  /** A check as a suite file entry: {@code KIND: OPTIONS}. */
  record CheckSpec(String kind, JsonNode options) {
    Check build() {
      return Checks.fromSpec(kind, options, null, Task.class.getClassLoader());
    }

    @Override
    public String toString() {
      return kind + ": " + options;
    }
  }

  /** How the checks' results become one verdict and one score for the positive class. */
  enum Reading {
    /**
     * Positive when every check passes (e.g. the refusal check expecting a refusal); score: the
     * lowest check score.
     */
    ALL_PASS("positive when every check passes; score = lowest check score"),
    /**
     * Positive when any check fails (e.g. "a hallucination proxy fires"); score: 1 - the lowest
     * check score.
     */
    ANY_FAILS("positive when any check fails; score = 1 - lowest check score");

    final String description;

    Reading(String description) {
      this.description = description;
    }

    /**
     * Whether the results predict the positive class (a check that does not apply neither passes
     * nor fails).
     */
    boolean positive(List<CheckResult> results) {
      return this == ALL_PASS
          ? results.stream().allMatch(CheckResult::passed)
          : results.stream().anyMatch(CheckResult::failed);
    }

    /**
     * The positive class's score: a check without a score counts 1 when it passed and 0 when it
     * failed; a check that does not apply counts not at all.
     */
    double score(List<CheckResult> results) {
      double lowest = 1.0;
      for (CheckResult result : results) {
        if (result.applicable()) {
          lowest =
              Math.min(
                  lowest, result.score() != null ? result.score() : result.passed() ? 1.0 : 0.0);
        }
      }
      return this == ALL_PASS ? lowest : 1.0 - lowest;
    }
  }
}
