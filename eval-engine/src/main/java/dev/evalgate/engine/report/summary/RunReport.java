package dev.evalgate.engine.report.summary;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Thresholded;
import dev.evalgate.engine.evaluation.EvaluationPlan;
import dev.evalgate.engine.evaluation.Judgement;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.ScoreThreshold;
import dev.evalgate.engine.metrics.VariantLabel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The run report, {@code report.json}: the contract tools and the Maven plugin read. Format {@value
 * #FORMAT}; its JSON Schema ships as {@code dev/evalgate/engine/report/run-report-v1.schema.json}.
 * A report is made by {@link #of}: what was run ({@link Subject}), on which data, and what the
 * {@link dev.evalgate.engine.evaluation.Evaluator} concluded; {@link #plan()} gives back the plan
 * it was judged by, so a merge or a baseline comparison judges its results the same way.
 *
 * @param format the format id, {@value #FORMAT}
 * @param suite the suite's name
 * @param experiment the experiment id
 * @param engineVersion the engine's version
 * @param createdAt when the run ended (ISO-8601)
 * @param dataset the dataset and its hash
 * @param suiteHash SHA-256 of the suite definition (variants, prompts, checks, gate)
 * @param gateHash SHA-256 of the gate policy
 * @param seed the seed of everything random
 * @param shard the shard this run covered, {@code 1/1} for all
 * @param variants what each variant was (never keys)
 * @param evaluation per-variant metrics and paired comparisons
 * @param gate criteria results and verdicts
 * @param skippedRows dataset rows that could not be used (rows only)
 * @param wholeFileProblems problems of the dataset as a whole, which skipped no row (a field that
 *     {@code slices}, {@code dataset.cluster} or {@code dataset.id} names and no row has, no usable
 *     case); 0 in a report written before they were counted apart, whose {@code skippedRows} counts
 *     them
 * @param policy the gate as declared (min-cases, confidence, criteria), so reports can be judged
 *     again
 * @param checks the checks' names and families, in suite order
 * @param repeats answers per case and variant
 * @param labelsVariant the variant whose answers the dataset's labels describe, {@code null} for
 *     the control
 * @param sequential where a live run that looked at its evidence several times ({@code
 *     gate.sequential}) stopped; {@code null} (left out of the file) for a run judged once
 */
@API(status = EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunReport(
    String format,
    String suite,
    @Nullable String experiment,
    String engineVersion,
    String createdAt,
    DatasetInfo dataset,
    String suiteHash,
    String gateHash,
    long seed,
    String shard,
    List<VariantInfo> variants,
    Evaluation evaluation,
    GateResult gate,
    long skippedRows,
    long wholeFileProblems,
    GateSpec policy,
    List<CheckInfo> checks,
    int repeats,
    @Nullable String labelsVariant,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Sequential sequential) {

  public static final String FORMAT = "evalgate-run-report/v1";

  /** A report whose dataset's labels, if any, describe the control's answers. */
  public RunReport(
      String format,
      String suite,
      @Nullable String experiment,
      String engineVersion,
      String createdAt,
      DatasetInfo dataset,
      String suiteHash,
      String gateHash,
      long seed,
      String shard,
      List<VariantInfo> variants,
      Evaluation evaluation,
      GateResult gate,
      long skippedRows,
      GateSpec policy,
      List<CheckInfo> checks,
      int repeats) {
    this(
        format,
        suite,
        experiment,
        engineVersion,
        createdAt,
        dataset,
        suiteHash,
        gateHash,
        seed,
        shard,
        variants,
        evaluation,
        gate,
        skippedRows,
        0,
        policy,
        checks,
        repeats,
        null,
        null);
  }

  /**
   * The report of a run that ended now.
   *
   * @param subject what was run
   * @param dataset the dataset read and the cases run
   * @param shard the shard this run covered, {@code 1/1} for all
   * @param judged the metrics, comparisons and verdicts
   * @param skippedRows dataset rows that could not be used
   * @param wholeFileProblems problems of the dataset as a whole, which skipped no row
   * @param sequential where a sequential run stopped, {@code null} for a run judged once
   */
  public static RunReport of(
      Subject subject,
      DatasetInfo dataset,
      String shard,
      Judgement judged,
      long skippedRows,
      long wholeFileProblems,
      @Nullable Sequential sequential) {
    return new RunReport(
        FORMAT,
        subject.suite(),
        subject.experiment(),
        EngineVersion.get(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        dataset,
        subject.suiteHash(),
        subject.gateHash(),
        subject.seed(),
        shard,
        subject.variants(),
        judged.evaluation(),
        judged.gate(),
        skippedRows,
        wholeFileProblems,
        subject.policy(),
        subject.checks(),
        subject.repeats(),
        subject.labelsVariant(),
        sequential);
  }

  /**
   * Where a live run with {@code gate.sequential} stopped calling (METRICS.md, "Stopping when
   * decided").
   *
   * @param looks the looks planned
   * @param decidedAt the look at which every verdict was decided and no more case was handed out; 0
   *     when none was decided before the last look, so every case was answered
   * @param cases the cases answered
   * @param plannedCases the cases the run answers when it does not stop
   * @param calls the model calls of the answered cases (cases times variants times repeats)
   * @param plannedCalls the calls of the planned cases
   */
  public record Sequential(
      int looks, int decidedAt, long cases, long plannedCases, long calls, long plannedCalls) {

    /** The build log's and report.md's line about the looks. */
    public String line() {
      if (decidedAt == 0) {
        return String.format(
            Locale.US,
            "sequential: %d looks, undecided before the last; every case answered (%,d calls)",
            looks,
            plannedCalls);
      }
      long saved = plannedCalls - calls;
      return String.format(
          Locale.US,
          "sequential: decided at look %d of %d, after %,d of %,d cases; %,d of %,d calls saved"
              + " (%.1f%%)",
          decidedAt,
          looks,
          cases,
          plannedCases,
          saved,
          plannedCalls,
          plannedCalls == 0 ? 0.0 : 100.0 * saved / plannedCalls);
    }
  }

  /** What this report's run was: its suite, variants, checks, gate, repeats and seed. */
  public Subject subject() {
    return new Subject(
        suite,
        experiment,
        suiteHash,
        gateHash,
        seed,
        variants,
        checks,
        policy,
        repeats,
        labelsVariant);
  }

  /**
   * The plan this report's run was judged by, to judge its results again (a merge, a baseline
   * comparison).
   */
  public EvaluationPlan plan() {
    // the fields sliced by are those of the evaluation's slices: every case is in one per field
    // and the cases were clustered when the comparisons were made over clusters
    return subject()
        .plan()
        .withSlices(evaluation.sliceFields())
        .withClusters(evaluation.comparisons().stream().anyMatch(c -> c.clustered() != null));
  }

  /**
   * What a run was, apart from its data and its figures: the part of a report that a merge of its
   * shards keeps as it is.
   *
   * @param suite the suite's name
   * @param experiment the experiment id
   * @param suiteHash SHA-256 of the suite definition (variants, prompts, checks, gate)
   * @param gateHash SHA-256 of the gate policy
   * @param seed the seed of everything random: {@code evalgate.seed}, else the suite's
   * @param variants what each variant was (never keys)
   * @param checks the checks' names and families, in suite order
   * @param policy the gate as declared
   * @param repeats answers per case and variant
   * @param labelsVariant the variant whose answers the dataset's labels describe, {@code null} for
   *     the control
   */
  public record Subject(
      String suite,
      @Nullable String experiment,
      String suiteHash,
      String gateHash,
      long seed,
      List<VariantInfo> variants,
      List<CheckInfo> checks,
      GateSpec policy,
      int repeats,
      @Nullable String labelsVariant) {
    /**
     * A suite run with these variants (its own, with the run's overrides applied) and the run's
     * seed.
     */
    public static Subject of(SuiteSpec suite, List<VariantSpec> variants, long seed) {
      return new Subject(
          suite.name(),
          suite.experiment(),
          SuiteFingerprint.suite(suite),
          SuiteFingerprint.gate(suite.gate()),
          seed,
          variants.stream()
              .map(
                  v ->
                      new VariantInfo(
                          v.name(),
                          v.control(),
                          v.provider(),
                          v.model(),
                          v.promptVersion(),
                          SuiteFingerprint.parameters(v)))
              .toList(),
          suite.checks().stream().map(CheckInfo::of).toList(),
          suite.gate(),
          suite.repeats(),
          suite.dataset().labelsVariant());
    }

    /**
     * The plan of an evaluation of this run: the reported variants and check names, the declared
     * gate, repeats and seed.
     */
    public EvaluationPlan plan() {
      return new EvaluationPlan(
          variants.stream()
              .map(v -> new VariantLabel(v.name(), v.control(), v.model(), v.promptVersion()))
              .toList(),
          checks.stream().map(CheckInfo::name).toList(),
          policy,
          repeats,
          seed,
          labelsVariant,
          thresholds());
    }

    private Map<String, ScoreThreshold> thresholds() {
      Map<String, ScoreThreshold> thresholds = new java.util.LinkedHashMap<>();
      for (CheckInfo check : checks) {
        String option = check.thresholdOption();
        Double value = check.threshold();
        if (option != null && value != null) {
          thresholds.put(check.name(), new ScoreThreshold(option, value));
        }
      }
      return thresholds;
    }
  }

  /**
   * A check's name and family and, for a check that decides on a score, the option that sets its
   * threshold and its value.
   */
  public record CheckInfo(
      String name, String family, @Nullable String thresholdOption, @Nullable Double threshold) {
    public CheckInfo(String name, String family) {
      this(name, family, null, null);
    }

    static CheckInfo of(dev.evalgate.api.Check check) {
      return check instanceof Thresholded scored
          ? new CheckInfo(
              check.name(), check.family(), scored.thresholdOption(), scored.threshold())
          : new CheckInfo(check.name(), check.family());
    }
  }

  /** The dataset a run read. */
  public record DatasetInfo(String path, String sha256, long cases) {}

  /** What a variant was: provider, model, parameters and prompt version; never credentials. */
  public record VariantInfo(
      String name,
      boolean control,
      String provider,
      @Nullable String model,
      String promptVersion,
      Map<String, Object> parameters) {}
}
