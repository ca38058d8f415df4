package dev.evalgate.engine.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The run report, {@code report.json}: the contract tools and the Maven plugin read. Format
 * {@value #FORMAT}; its JSON Schema ships as {@code dev/evalgate/engine/report/run-report-v1.schema.json}.
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
 * @param policy the gate as declared (min-cases, confidence, criteria), so reports can be judged again
 * @param checks the checks' names and families, in suite order
 * @param repeats answers per case and variant
 */
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

  /** A check's name and family. */
  public record CheckInfo(String name, String family) {}

  /** The dataset a run read. */
  public record DatasetInfo(String path, String sha256, long cases) {}

  /** What a variant was: provider, model, parameters and prompt version; never credentials. */
  public record VariantInfo(String name, boolean control, String provider, @Nullable String model, String promptVersion,
      Map<String, Object> parameters) {}
}
