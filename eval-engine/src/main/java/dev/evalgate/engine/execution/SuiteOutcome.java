package dev.evalgate.engine.execution;

import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.gate.Claim;
import dev.evalgate.engine.gate.ClaimResult;
import dev.evalgate.engine.model.CaseResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What running a suite produced, for the tests under it.
 *
 * @param failure why the suite could not run at all, or {@code null}
 * @param rowProblems dataset rows that were skipped, with file and line
 * @param cases the number of cases run
 * @param claims each claim's result by {@link Claim#key()}
 * @param selectedCases results of individually selected cases, by case id
 * @param files report files to publish on the suite (results, report.json, report.html, ...)
 * @param summary the console summary table
 * @param notRun why individually selected cases did not run, by case id (a traffic split's call of
 *     a variant the suite does not declare)
 */
public record SuiteOutcome(
    @Nullable String failure,
    List<RowProblem> rowProblems,
    long cases,
    Map<String, ClaimResult> claims,
    Map<String, CaseResult> selectedCases,
    List<Path> files,
    String summary,
    Map<String, String> notRun) {

  public SuiteOutcome {
    rowProblems = List.copyOf(rowProblems);
    claims = Map.copyOf(claims);
    selectedCases = Map.copyOf(selectedCases);
    files = List.copyOf(files);
    notRun = Map.copyOf(notRun);
  }

  public SuiteOutcome(
      @Nullable String failure,
      List<RowProblem> rowProblems,
      long cases,
      Map<String, ClaimResult> claims,
      Map<String, CaseResult> selectedCases,
      List<Path> files,
      String summary) {
    this(failure, rowProblems, cases, claims, selectedCases, files, summary, Map.of());
  }

  public static SuiteOutcome failed(String failure) {
    return new SuiteOutcome(failure, List.of(), 0, Map.of(), Map.of(), List.of(), "");
  }
}
