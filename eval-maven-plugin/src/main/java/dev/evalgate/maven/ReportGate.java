package dev.evalgate.maven;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.baseline.ChampionComparison;
import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.gate.ClaimStatus;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.gate.LimitUnits;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.SuiteSources;
import dev.evalgate.engine.report.split.SplitReport;
import dev.evalgate.engine.report.summary.PromotionDecision;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Maven-free logic of the {@code check} goal: finds run reports, applies the suites' own
 * verdicts and the POM's rules, and collects every violation before anyone fails the build.
 */
final class ReportGate {
  /**
   * What the check found.
   *
   * @param summaries one line per report: its verdicts (the table was printed when the suite ran)
   * @param holding one line per POM rule that holds
   * @param violations lines that fail the build
   * @param warnings inconclusive lines when they only warn
   */
  record Outcome(
      List<String> summaries,
      List<String> holding,
      List<String> violations,
      List<String> warnings,
      int reports) {}

  private final List<CriterionSpec> rules;
  private final String inconclusive;
  private final @org.jspecify.annotations.Nullable Path baseline;

  /**
   * @throws IllegalArgumentException saying which rule is invalid and why
   */
  ReportGate(List<Rule> rules, String inconclusive) {
    this(rules, inconclusive, null);
  }

  /**
   * @param baseline a champion {@code report.json} to judge every report's challengers against, or
   *     {@code null}
   */
  ReportGate(
      List<Rule> rules, String inconclusive, @org.jspecify.annotations.Nullable Path baseline) {
    this.baseline = baseline;
    if (!List.of("fail", "warn", "pass").contains(inconclusive)) {
      throw new IllegalArgumentException(
          "inconclusive must be fail, warn or pass, but was '" + inconclusive + "'");
    }
    this.inconclusive = inconclusive;
    this.rules = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      this.rules.add(parse(rules.get(i), i + 1));
    }
  }

  /**
   * A switch of the goal that turns a failure into a warning when false ({@code haltOnFailure},
   * {@code failIfNoReports}): read strictly, since Maven reads any text but {@code true} as false,
   * so a typo ({@code -Devalgate.haltOnFailure=ture}) would let a failing gate pass.
   *
   * @throws IllegalArgumentException naming the parameter and the value
   */
  static boolean flag(String name, String value) {
    String text = value.trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(name + " must be true or false, but was '" + value + "'");
  }

  static CriterionSpec parse(Rule rule, int number) {
    String where = "rule #" + number + " (" + rule + ")";
    if (rule.kind == null) {
      throw new IllegalArgumentException(
          where
              + " has no <kind>; expected one of non-inferior, at-most, at-least, ratio-at-most,"
              + " no-new-failures, min-cases");
    }
    CriterionSpec.Kind kind = CriterionSpec.Kind.fromId(rule.kind.trim());
    if (kind == null) {
      throw new IllegalArgumentException(
          where
              + ": unknown kind '"
              + rule.kind
              + "'; expected one of non-inferior, at-most, "
              + "at-least, ratio-at-most, no-new-failures, min-cases");
    }
    if (rule.metric == null && kind != CriterionSpec.Kind.MIN_CASES) {
      throw new IllegalArgumentException(where + " has no <metric>");
    }
    double limit;
    try {
      limit = rule.limit == null ? 0 : CriterionSpec.parseLimit(rule.limit);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
    if (rule.limit == null && kind != CriterionSpec.Kind.NO_NEW_FAILURES) {
      throw new IllegalArgumentException(where + " has no <limit>");
    }
    CriterionSpec spec =
        new CriterionSpec(
            kind,
            rule.metric == null ? "" : rule.metric.trim(),
            limit,
            rule.variant,
            rule.confidence,
            "POM rule " + rule,
            0);
    try {
      GateEvaluator.validate(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
    String unitProblem = LimitUnits.problem(spec);
    if (unitProblem != null) {
      throw new IllegalArgumentException(where + ": " + unitProblem);
    }
    return spec;
  }

  /**
   * Every {@code report.json} under the directory, sorted; a shard's report is left out once the
   * shards have been merged into the suite's folder (the merged report speaks for them).
   */
  static List<Path> findReports(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory, 4)) {
      return files
          .filter(f -> f.getFileName().toString().equals(RunReports.REPORT_JSON))
          .filter(f -> !isShardOfMergedRun(f))
          .sorted()
          .toList();
    }
  }

  /**
   * Every traffic split's {@code split.json} under the directory, sorted. A split has no run
   * report: its criteria are judged by its own tests, which fail the build before this goal runs.
   */
  static List<Path> findSplits(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory, 4)) {
      return files
          .filter(f -> f.getFileName().toString().equals(SplitReport.JSON_FILE))
          .sorted()
          .toList();
    }
  }

  /**
   * The reports and traffic splits written before the build started (to the second). When the build
   * ran the tests, such a file is an earlier build's: a suite whose class did not run, or whose
   * definition failed, leaves its last report in place, and that verdict is no evidence of this
   * build.
   *
   * @throws IOException naming a file whose time cannot be read
   */
  static List<Path> writtenBefore(List<Path> files, Instant buildStarted) throws IOException {
    Instant started = buildStarted.truncatedTo(ChronoUnit.SECONDS);
    List<Path> stale = new ArrayList<>();
    for (Path file : files) {
      if (written(file).isBefore(started)) {
        stale.add(file);
      }
    }
    return stale;
  }

  /**
   * A violation for each folder of {@code files} that two or more suite sources wrote since the
   * build started ({@code suite-sources.jsonl}): suites that share a name overwrote each other's
   * report there, in test JVMs that could not see each other (Surefire forks), so the report left
   * is only the last one's.
   *
   * @throws IOException naming a {@code suite-sources.jsonl} line that cannot be read
   */
  static List<String> clashes(List<Path> files, Instant buildStarted) throws IOException {
    Instant started = buildStarted.truncatedTo(ChronoUnit.SECONDS);
    List<String> violations = new ArrayList<>();
    for (Path folder : files.stream().map(Path::getParent).distinct().toList()) {
      List<String> sources = SuiteSources.sourcesSince(SuiteSources.read(folder), started);
      if (sources.size() > 1) {
        violations.add(
            "Suite name clash: "
                + folder
                + " was written in this build by "
                + sources.size()
                + " suites of one name, each run overwriting the report of the one before, so"
                + " only the last one's is judged: "
                + String.join("; ", sources)
                + "; give each suite its own name (its suite: line, or SuiteSpec.named)");
      }
    }
    return violations;
  }

  /** The violation a report or split that this build did not write is. */
  static String stale(Path file, Instant buildStarted) throws IOException {
    return "Stale EvalGate report: "
        + file
        + " was written at "
        + written(file)
        + ", before this build started ("
        + buildStarted.truncatedTo(ChronoUnit.SECONDS)
        + "): suite "
        + folderName(file)
        + " did not run in this build (its class was not run, its definition failed, or only some"
        + " of its cases were selected, as -Dtest='Class#case' does, which writes no report), so"
        + " its verdict is no evidence of this build; make it run, or delete the folder (mvn clean"
        + " verify)";
  }

  private static Instant written(Path file) throws IOException {
    return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** What the check says when only traffic splits ran: it judges their verdicts, and no more. */
  static String onlySplits(Path directory, int splits) {
    return "EvalGate check: no run report (report.json) under "
        + directory
        + ", only "
        + splits
        + " traffic split"
        + (splits == 1 ? "" : "s")
        + " (split.json), whose verdicts it judges; no POM rule, baseline or decision.json for"
        + " them (a split is observational: promote on a paired replay)";
  }

  /**
   * Judges each traffic split's stored verdicts as a run's: a REJECT is a violation and an
   * INCONCLUSIVE follows the inconclusive policy, so a split that failed its own test (with test
   * failures ignored) cannot pass the check.
   *
   * @throws IOException naming a split report that cannot be read
   */
  void checkSplits(List<Path> splits, Outcome outcome) throws IOException {
    for (Path file : splits) {
      SplitReport.Stored split = SplitReport.read(file);
      for (Verdict verdict : split.gate().verdicts()) {
        outcome
            .summaries()
            .add("EvalGate " + split.suite() + " (traffic split): " + verdict.message());
        judge(
            verdict.decision(),
            "Gate failed for traffic split " + split.suite() + ": " + verdict.message(),
            outcome.violations(),
            outcome.warnings());
      }
    }
  }

  /** A shard's report beside which the merged run's report already is. */
  private static boolean isShardOfMergedRun(Path report) {
    Path folder = report.getParent();
    Path run = folder == null ? null : folder.getParent();
    return run != null
        && folderName(report).matches("shard-\\d+-of-\\d+")
        && Files.isRegularFile(run.resolve(RunReports.REPORT_JSON));
  }

  /** The name of the folder that holds {@code file}, "" for a file at a root. */
  static String folderName(Path file) {
    Path folder = file.getParent();
    Path name = folder == null ? null : folder.getFileName();
    return name == null ? "" : name.toString();
  }

  /**
   * @throws IOException naming a report that cannot be read
   */
  Outcome check(List<Path> reports) throws IOException {
    List<String> summaries = new ArrayList<>();
    List<String> holding = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Path file : reports) {
      RunReport report = ReportReader.read(file);
      summaries.add(Summary.verdicts(report));
      for (Verdict verdict : report.gate().verdicts()) {
        judge(
            verdict.decision(),
            "Gate failed for suite " + report.suite() + ": " + verdict.message(),
            violations,
            warnings);
      }
      if (baseline != null) {
        ChampionComparison.Result compared = ChampionComparison.compare(file, baseline);
        for (Verdict verdict : compared.gate().verdicts()) {
          judge(
              verdict.decision(),
              "Baseline regression for suite "
                  + report.suite()
                  + " against the champion ("
                  + compared.champion()
                  + " of "
                  + compared.championSuite()
                  + "): "
                  + verdict.message(),
              violations,
              warnings);
        }
      }
      if (!rules.isEmpty()) {
        if (report.evaluation().variants().stream().noneMatch(VariantMetrics::control)) {
          throw new IOException(file + ": the report names no control variant");
        }
        GateResult result;
        try {
          // the report's own plan (variants, repeats, seed) judged by the POM's rules instead of
          // its gate
          result =
              Evaluator.judge(
                  report.plan().withGate(new GateSpec(0, 0.95, rules)), report.evaluation());
        } catch (IllegalArgumentException e) {
          throw new IOException(file + ": " + e.getMessage(), e);
        }
        for (CriterionResult criterion : result.criteria()) {
          Decision decision =
              criterion.status() == ClaimStatus.HOLDS
                  ? Decision.PROMOTE
                  : criterion.status() == ClaimStatus.VIOLATED
                      ? Decision.REJECT
                      : Decision.INCONCLUSIVE;
          if (decision == Decision.PROMOTE) {
            holding.add("Rule holds for suite " + report.suite() + ": " + criterion.message());
          } else {
            // a limit inside the rule's interval is undecided, not violated: the run cannot tell
            String state = decision == Decision.REJECT ? "violated" : "undecided";
            judge(
                decision,
                "Rule " + state + " for suite " + report.suite() + ": " + criterion.message(),
                violations,
                warnings);
          }
        }
      }
    }
    return new Outcome(summaries, holding, violations, warnings, reports.size());
  }

  /**
   * Writes {@code decision.json} beside each report that promotes a challenger when {@code passed},
   * and removes every report's {@code decision.json} when not.
   *
   * @return one line per decision written
   */
  static List<String> writeDecisions(List<Path> reports, boolean passed) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path report : reports) {
      if (!passed) {
        Files.deleteIfExists(report.resolveSibling(PromotionDecision.FILE));
        continue;
      }
      Optional<PromotionDecision> decision = PromotionDecision.writeBeside(report);
      if (decision.isPresent()) {
        lines.add(decisionLine(decision.get(), report.resolveSibling(PromotionDecision.FILE)));
      }
    }
    return lines;
  }

  /** "EvalGate decision for suite S: promote W (provider/model, prompt V) over C: FILE". */
  static String decisionLine(PromotionDecision decision, Path file) {
    PromotionDecision.Variant winner = decision.winner();
    return "EvalGate decision for suite "
        + decision.suite()
        + ": promote "
        + winner.name()
        + " ("
        + winner.provider()
        + (winner.model() == null ? "" : "/" + winner.model())
        + ", prompt "
        + winner.promptVersion()
        + ") over "
        + decision.control().name()
        + ": "
        + file;
  }

  private void judge(
      Decision decision, String line, List<String> violations, List<String> warnings) {
    if (decision == Decision.REJECT
        || (decision == Decision.INCONCLUSIVE && inconclusive.equals("fail"))) {
      violations.add(line);
    } else if (decision == Decision.INCONCLUSIVE && inconclusive.equals("warn")) {
      warnings.add(line);
    }
  }
}
