package dev.evalgate.engine.baseline;

import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.Responder;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Baseline mode: the control's answers come from a stored champion run instead of live calls. The
 * champion is the variant its report promoted (else its control); its answers are read from the
 * {@code results.jsonl} beside the report and checked again with this run's checks, so the same
 * criteria apply. A baseline recorded on another dataset is refused. The champion's results are
 * walked forward as the run asks for its cases in dataset order ({@link ResultsCursor}), so memory
 * holds one case of them, not the whole file. How this differs from judging a finished run against
 * a champion ({@link ChampionComparison}) is in {@code docs/baselines.md}.
 */
public final class Baseline {
  private final Path report;
  private final String champion;
  private final @Nullable String model;
  private final String datasetSha256;
  private final ResultsCursor answers;

  private Baseline(
      Path report,
      String champion,
      @Nullable String model,
      String datasetSha256,
      ResultsCursor answers) {
    this.report = report;
    this.champion = champion;
    this.model = model;
    this.datasetSha256 = datasetSha256;
    this.answers = answers;
  }

  public static Baseline load(Path reportFile) throws IOException {
    RunReport report = ReportReader.read(reportFile);
    String champion = ChampionComparison.championVariant(report);
    String model =
        report.variants().stream()
            .filter(v -> v.name().equals(champion))
            .findFirst()
            .map(RunReport.VariantInfo::model)
            .orElse(null);
    ResultsCursor answers = new ResultsCursor(reportFile.resolveSibling(ResultsWriter.FILE));
    return new Baseline(reportFile, champion, model, report.dataset().sha256(), answers);
  }

  private @Nullable ModelResponse championAnswer(CallRequest request) {
    CaseResult stored = answers.seekUnchecked(request.evalCase().line(), request.evalCase().id());
    if (stored == null) {
      return null;
    }
    VariantOutcome outcome = stored.outcomeOf(champion, request.repeat());
    return outcome == null || outcome.errored() ? null : outcome.response().asRecorded();
  }

  /** Refuses a baseline made on other data. */
  public void requireDataset(String sha256) throws IOException {
    if (!datasetSha256.equals(sha256)) {
      answers.close();
      throw new IOException(
          "baseline "
              + report
              + " was recorded on dataset sha256 "
              + datasetSha256
              + " but this run uses "
              + sha256
              + "; record a new baseline on this dataset");
    }
  }

  public String champion() {
    return champion;
  }

  public @Nullable String model() {
    return model;
  }

  /**
   * The variant that stands in for the suite's control in the run's reports: the control's name and
   * prompt texts, the champion's model and the prompt version {@code baseline:<champion>}. It is an
   * in-process variant because it calls no provider: {@link #responder} answers every one of its
   * requests from the champion's results before any function could be asked.
   */
  public VariantSpec standIn(VariantSpec control) {
    return VariantSpec.inProcess(
            control.name(),
            prompt -> {
              throw new IllegalStateException("answered from the baseline");
            })
        .asControl()
        .withModel(model == null ? "baseline" : model)
        .withPrompt(
            new PromptTemplate(
                "baseline:" + champion, control.prompt().system(), control.prompt().user()));
  }

  /**
   * Answers the control from the champion's results; other variants go to {@code delegate}, which
   * its owner closes.
   */
  public Responder responder(String control, Responder delegate) {
    return new Responder() {
      @Override
      public CompletableFuture<ModelResponse> answer(CallRequest request) {
        if (!request.variant().name().equals(control)) {
          return delegate.answer(request);
        }
        ModelResponse answer = championAnswer(request);
        return CompletableFuture.completedFuture(
            answer != null
                ? answer
                : ModelResponse.failure(
                    ErrorClass.NOT_RECORDED,
                    "case '"
                        + request.evalCase().id()
                        + "' has no answer of champion '"
                        + champion
                        + "' in baseline "
                        + report,
                    Duration.ZERO,
                    0));
      }

      @Override
      public void close() {
        try {
          answers.close();
        } catch (IOException ignored) {
          // only read
        }
      }
    };
  }
}
