package dev.evalgate.engine.report.summary;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.evaluation.EvaluationPlan;
import dev.evalgate.engine.evaluation.Judgement;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.VariantLabel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * @param skippedRows dataset rows that could not be used
 * @param policy the gate as declared (min-cases, confidence, criteria), so reports can be judged
 *     again
 * @param checks the checks' names and families, in suite order
 * @param repeats answers per case and variant
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
    GateSpec policy,
    List<CheckInfo> checks,
    int repeats) {

  public static final String FORMAT = "evalgate-run-report/v1";

  /**
   * The report of a run that ended now.
   *
   * @param subject what was run
   * @param dataset the dataset read and the cases run
   * @param shard the shard this run covered, {@code 1/1} for all
   * @param judged the metrics, comparisons and verdicts
   * @param skippedRows dataset rows that could not be used
   */
  public static RunReport of(
      Subject subject, DatasetInfo dataset, String shard, Judgement judged, long skippedRows) {
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
        subject.policy(),
        subject.checks(),
        subject.repeats());
  }

  /** What this report's run was: its suite, variants, checks, gate, repeats and seed. */
  public Subject subject() {
    return new Subject(
        suite, experiment, suiteHash, gateHash, seed, variants, checks, policy, repeats);
  }

  /**
   * The plan this report's run was judged by, to judge its results again (a merge, a baseline
   * comparison).
   */
  public EvaluationPlan plan() {
    return subject().plan();
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
      int repeats) {
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
          suite.checks().stream().map(c -> new CheckInfo(c.name(), c.family())).toList(),
          suite.gate(),
          suite.repeats());
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
          seed);
    }
  }

  /** A check's name and family. */
  public record CheckInfo(String name, String family) {}

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
