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
 * @param failedPart what {@code failure} is a problem of, so that the test standing for that part
 *     fails with it (the dataset test must not fail for a corrupt recording); {@link Part#SUITE}
 *     when there is no failure
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
    Part failedPart,
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

  /** A suite that ran, with the calls of selected cases that did not run. */
  public SuiteOutcome(
      List<RowProblem> rowProblems,
      long cases,
      Map<String, ClaimResult> claims,
      Map<String, CaseResult> selectedCases,
      List<Path> files,
      String summary,
      Map<String, String> notRun) {
    this(null, Part.SUITE, rowProblems, cases, claims, selectedCases, files, summary, notRun);
  }

  /** A suite that ran. */
  public SuiteOutcome(
      List<RowProblem> rowProblems,
      long cases,
      Map<String, ClaimResult> claims,
      Map<String, CaseResult> selectedCases,
      List<Path> files,
      String summary) {
    this(rowProblems, cases, claims, selectedCases, files, summary, Map.of());
  }

  /** A suite that could not run, for a reason that is no one part's (writing its reports). */
  public static SuiteOutcome failed(String failure) {
    return failed(Part.SUITE, failure);
  }

  /** A suite that could not run because of a problem of {@code part}. */
  public static SuiteOutcome failed(Part part, String failure) {
    return new SuiteOutcome(
        failure, part, List.of(), 0, Map.of(), Map.of(), List.of(), "", Map.of());
  }

  /** Whether the suite could not run because of a problem of {@code part}. */
  public boolean failedIn(Part part) {
    return failure != null && failedPart == part;
  }

  /** The part of a suite run a problem belongs to, each with a test of its own. */
  public enum Part {
    /** No one part: every test of the suite fails with it. */
    SUITE,
    /** The dataset as a whole (an unknown format, a file that cannot be read). */
    DATASET,
    /** The recordings of the suite's variants (a corrupt recording file). */
    RECORDINGS,
    /** The stored champion run of {@code evalgate.baseline}. */
    BASELINE
  }
}
