package dev.evalgate.engine.report.summary;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * {@code decision.json}: what a deploy step or a gateway's configuration needs to graduate a
 * winner, and nothing else: the suite, the verdict, the winner's and the control's provider, model
 * and prompt version, the figures that decided it, and the fingerprints of the data and the run.
 * Format {@value #FORMAT}; its JSON Schema ships as {@code
 * dev/evalgate/engine/report/decision-v1.schema.json}. Written only for a PROMOTE verdict (the
 * first challenger promoted, as {@code evalgate:promote} promotes it).
 *
 * @param format the format id, {@value #FORMAT}
 * @param suite the suite's name
 * @param experiment the experiment id, or {@code null}
 * @param verdict always {@code PROMOTE}
 * @param reason the verdict's message
 * @param decidedAt when the run that decided it ended (ISO-8601)
 * @param winner the challenger promoted
 * @param control the variant it replaces
 * @param figures the winner's criteria: what was measured, against which limit, on how many cases
 * @param dataset the dataset's path, SHA-256 and cases
 * @param run fingerprints of the run: its report's SHA-256, the suite and gate hashes, the seed
 */
@API(status = EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PromotionDecision(
    String format,
    String suite,
    @Nullable String experiment,
    String verdict,
    String reason,
    String decidedAt,
    Variant winner,
    Variant control,
    List<Figure> figures,
    RunReport.DatasetInfo dataset,
    Run run) {

  public static final String FORMAT = "evalgate-decision/v1";

  /** The file's name, beside {@code report.json}. */
  public static final String FILE = "decision.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * A variant as a deploy step names it.
   *
   * @param name the variant's name in the suite
   * @param provider {@code openai}, {@code anthropic}, {@code in-process} or {@code app}
   * @param model the model, or {@code null} when the variant names none
   * @param promptVersion the prompt's version
   */
  public record Variant(
      String name, String provider, @Nullable String model, String promptVersion) {
    static Variant of(RunReport.VariantInfo info) {
      return new Variant(info.name(), info.provider(), info.model(), info.promptVersion());
    }
  }

  /**
   * One criterion of the winner.
   *
   * @param criterion the criterion as declared
   * @param metric the metric it judges
   * @param status HOLDS (every figure of a PROMOTE holds)
   * @param actual the measured value (a difference for non-inferiority), or {@code null}
   * @param limit the limit or margin
   * @param low the interval's lower bound, or {@code null}
   * @param high the interval's upper bound, or {@code null}
   * @param n the cases (or pairs) it rests on
   */
  public record Figure(
      String criterion,
      String metric,
      String status,
      @Nullable Double actual,
      double limit,
      @Nullable Double low,
      @Nullable Double high,
      long n) {
    static Figure of(CriterionResult result) {
      return new Figure(
          result.criterion(),
          result.metric(),
          result.status().name(),
          result.actual(),
          result.limit(),
          result.low(),
          result.high(),
          result.n());
    }
  }

  /**
   * The run's fingerprints: the same four values mean the same run on the same data.
   *
   * @param reportSha256 SHA-256 of the {@code report.json} bytes the decision was made from
   * @param suiteHash SHA-256 of the suite definition
   * @param gateHash SHA-256 of the gate policy
   * @param seed the seed of everything random
   * @param engineVersion the engine that ran it
   */
  public record Run(
      String reportSha256, String suiteHash, String gateHash, long seed, String engineVersion) {}

  /**
   * The decision of a report whose verdict promotes a challenger; empty when none is promoted.
   *
   * @param reportBytes the bytes of the {@code report.json} that was read, for its fingerprint
   */
  public static Optional<PromotionDecision> of(RunReport report, byte[] reportBytes) {
    Optional<Verdict> promoted =
        report.gate().verdicts().stream().filter(v -> v.decision() == Decision.PROMOTE).findFirst();
    if (promoted.isEmpty()) {
      return Optional.empty();
    }
    Verdict verdict = promoted.get();
    RunReport.VariantInfo winner = variant(report, verdict.challenger());
    RunReport.VariantInfo control = variant(report, verdict.control());
    List<Figure> figures =
        report.gate().criteria().stream()
            .filter(c -> c.variant() == null || c.variant().equals(verdict.challenger()))
            .map(Figure::of)
            .toList();
    return Optional.of(
        new PromotionDecision(
            FORMAT,
            report.suite(),
            report.experiment(),
            Decision.PROMOTE.name(),
            verdict.message(),
            report.createdAt(),
            Variant.of(winner),
            Variant.of(control),
            figures,
            report.dataset(),
            new Run(
                sha256(reportBytes),
                report.suiteHash(),
                report.gateHash(),
                report.seed(),
                report.engineVersion())));
  }

  /**
   * Writes the decision of the {@code report.json} at {@code report} beside it when a challenger is
   * promoted, and removes a decision left there by an earlier run when none is, so that a deploy
   * step never reads a stale one.
   *
   * @return the decision written, or empty when none was
   * @throws IOException naming the file that cannot be read or written
   */
  public static Optional<PromotionDecision> writeBeside(Path report) throws IOException {
    byte[] bytes = Files.readAllBytes(report);
    Optional<PromotionDecision> decision = of(ReportReader.read(report), bytes);
    Path file = report.resolveSibling(FILE);
    if (decision.isEmpty()) {
      Files.deleteIfExists(file);
    } else {
      AtomicFiles.write(file, JSON.writeValueAsString(decision.get()));
    }
    return decision;
  }

  private static RunReport.VariantInfo variant(RunReport report, String name) {
    return report.variants().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "report of suite " + report.suite() + " names no variant '" + name + "'"));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
