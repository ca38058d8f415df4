package dev.evalgate.engine.baseline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.CheckResult;
import dev.evalgate.engine.evaluation.EvaluationPlan;
import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.evaluation.Judgement;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.VariantLabel;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Judges a finished run's challengers against a stored champion instead of the run's own control
 * (the Maven plugin's {@code baseline}): the champion's per-case results take the control's place,
 * case by case, and the run's own gate applies to the checks both runs share. Runs on another
 * dataset are refused. Both results files are walked forward together in dataset order ({@link
 * ResultsCursor}), so memory does not grow with the number of cases. How this differs from a live
 * run against a baseline ({@link Baseline}) is in {@code docs/baselines.md}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ChampionComparison {
  /**
   * The comparison's evaluation and verdicts.
   *
   * @param plan the run's plan, counting only the checks both runs have
   * @param champion the champion variant of the stored run
   * @param championSuite the stored run's suite
   */
  public record Result(
      EvaluationPlan plan,
      Evaluation evaluation,
      GateResult gate,
      String champion,
      String championSuite) {}

  private ChampionComparison() {}

  /**
   * @throws IOException naming the file that cannot be used and why
   */
  public static Result compare(Path currentReport, Path championReport) throws IOException {
    RunReport current = ReportReader.read(currentReport);
    RunReport champion = ReportReader.read(championReport);
    if (!champion.dataset().sha256().equals(current.dataset().sha256())) {
      throw new IOException(
          "baseline "
              + championReport
              + " was recorded on dataset sha256 "
              + champion.dataset().sha256()
              + " but "
              + currentReport
              + " uses "
              + current.dataset().sha256()
              + "; record a new baseline on this dataset");
    }
    String championVariant = championVariant(champion);
    Set<String> shared =
        champion.checks().stream().map(RunReport.CheckInfo::name).collect(Collectors.toSet());
    EvaluationPlan plan;
    try {
      plan = current.plan().onlyChecks(shared);
    } catch (IllegalArgumentException e) {
      throw new IOException(currentReport + ": " + e.getMessage(), e);
    }
    String control = plan.control().name();
    Evaluator evaluator = new Evaluator(plan);
    try (ResultsCursor championResults =
        new ResultsCursor(championReport.resolveSibling(ResultsWriter.FILE))) {
      forEachCase(
          currentReport.resolveSibling(ResultsWriter.FILE),
          result -> {
            CaseResult stored = championResults.seek(result.evalCase().line(), result.caseId());
            List<VariantOutcome> outcomes = new ArrayList<>();
            for (VariantLabel variant : plan.variants()) {
              if (variant.name().equals(control)) {
                for (int r = 0; r < plan.repeats(); r++) {
                  VariantOutcome fromChampion =
                      stored == null ? null : stored.outcomeOf(championVariant, r);
                  if (fromChampion != null) {
                    outcomes.add(
                        new VariantOutcome(
                            control,
                            r,
                            fromChampion.response(),
                            fromChampion.costUsd(),
                            sharedOnly(fromChampion, shared)));
                  }
                }
              } else {
                result
                    .outcomesOf(variant.name())
                    .forEach(
                        o ->
                            outcomes.add(
                                new VariantOutcome(
                                    o.variant(),
                                    o.repeat(),
                                    o.response(),
                                    o.costUsd(),
                                    sharedOnly(o, shared))));
              }
            }
            evaluator.accept(new CaseResult(result.evalCase(), Map.of(), outcomes));
          });
    }
    Judgement judged = evaluator.finish();
    return new Result(plan, judged.evaluation(), judged.gate(), championVariant, champion.suite());
  }

  /** The variant a report crowned: the challenger it promoted, else its control. */
  public static String championVariant(RunReport report) {
    return report.gate().verdicts().stream()
        .filter(v -> v.decision() == Decision.PROMOTE)
        .map(Verdict::challenger)
        .findFirst()
        .orElseGet(
            () ->
                report.variants().stream()
                    .filter(RunReport.VariantInfo::control)
                    .findFirst()
                    .map(RunReport.VariantInfo::name)
                    .orElse(""));
  }

  /** Only the checks both runs have, so "passes every check" means the same on both sides. */
  private static List<CheckResult> sharedOnly(VariantOutcome outcome, Set<String> shared) {
    return outcome.checks().stream().filter(c -> shared.contains(c.check())).toList();
  }

  /** Receives the cases of a results file. */
  public interface CaseConsumer {
    void accept(CaseResult result) throws IOException;
  }

  /** Reads a results file case by case (a case's lines are consecutive; {@link ResultsCursor}). */
  public static void forEachCase(Path results, CaseConsumer consumer) throws IOException {
    try (ResultsCursor cursor = new ResultsCursor(results)) {
      while (cursor.next()) {
        consumer.accept(Objects.requireNonNull(cursor.current(), "next() found a case"));
      }
    }
  }
}
