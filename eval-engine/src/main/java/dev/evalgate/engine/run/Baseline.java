package dev.evalgate.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.report.ReportReader;
import dev.evalgate.engine.report.ResultsWriter;
import dev.evalgate.engine.report.RunReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Baseline mode: the control's answers come from a stored champion run instead of live calls. The
 * champion is the variant its report promoted (else its control); its answers are read from the
 * {@code results.jsonl} beside the report and checked again with this run's checks, so the same
 * criteria apply. A baseline recorded on another dataset is refused. Holds one answer per case in
 * memory.
 */
final class Baseline {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path report;
  private final String champion;
  private final @Nullable String model;
  private final String datasetSha256;
  private final Map<String, ModelResponse> answers;

  private Baseline(Path report, String champion, @Nullable String model, String datasetSha256, Map<String, ModelResponse> answers) {
    this.report = report;
    this.champion = champion;
    this.model = model;
    this.datasetSha256 = datasetSha256;
    this.answers = answers;
  }

  static Baseline load(Path reportFile) throws IOException {
    RunReport report = ReportReader.read(reportFile);
    String champion = report.gate().verdicts().stream().filter(v -> v.decision() == Decision.PROMOTE)
        .map(Verdict::challenger).findFirst()
        .orElseGet(() -> report.variants().stream().filter(RunReport.VariantInfo::control).findFirst()
            .map(RunReport.VariantInfo::name).orElse(""));
    String model = report.variants().stream().filter(v -> v.name().equals(champion)).findFirst()
        .map(RunReport.VariantInfo::model).orElse(null);
    Path results = reportFile.resolveSibling(ResultsWriter.FILE);
    if (!Files.isRegularFile(results)) {
      throw new IOException("baseline " + reportFile + " has no " + ResultsWriter.FILE + " beside it; expected the champion's per-case results");
    }
    Map<String, ModelResponse> answers = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        if (!row.path("variant").asText().equals(champion) || !row.path("error_class").isNull() || row.path("output").isNull()) {
          continue;
        }
        ModelResponse response = new ModelResponse(row.path("output").asText(), row.path("finish_reason").asText(null),
            new TokenUsage(row.path("tokens_in").asLong(), row.path("tokens_out").asLong(), row.path("tokens_estimated").asBoolean()),
            Duration.ofNanos((long) (row.path("latency_ms").asDouble() * 1e6)),
            row.path("ttfb_ms").isNull() ? null : Duration.ofMillis(row.path("ttfb_ms").asLong()), 200, null, null, null, true);
        answers.put(key(row.path("case_id").asText(), row.path("repeat").asInt()), response);
      }
    }
    return new Baseline(reportFile, champion, model, report.dataset().sha256(), answers);
  }

  private static String key(String caseId, int repeat) {
    return caseId + "\u0000" + repeat;
  }

  /** Refuses a baseline made on other data. */
  void requireDataset(String sha256) throws IOException {
    if (!datasetSha256.equals(sha256)) {
      throw new IOException("baseline " + report + " was recorded on dataset sha256 " + datasetSha256
          + " but this run uses " + sha256 + "; record a new baseline on this dataset");
    }
  }

  String champion() {
    return champion;
  }

  @Nullable String model() {
    return model;
  }

  /** Answers the control from the champion's results; other variants go to {@code delegate}. */
  Responder responder(String control, Responder delegate) {
    return new Responder() {
      @Override
      public CompletableFuture<ModelResponse> answer(CallRequest request) {
        if (!request.variant().name().equals(control)) {
          return delegate.answer(request);
        }
        ModelResponse answer = answers.get(key(request.evalCase().id(), request.repeat()));
        return CompletableFuture.completedFuture(answer != null ? answer
            : ModelResponse.failure(ErrorClass.NOT_RECORDED, "case '" + request.evalCase().id() + "' has no answer of champion '"
                + champion + "' in baseline " + report, Duration.ZERO, 0));
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }
}
