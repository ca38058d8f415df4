package dev.evalgate.engine.telemetry;

import static dev.evalgate.engine.telemetry.SpanAttributes.CASE;
import static dev.evalgate.engine.telemetry.SpanAttributes.CASES;
import static dev.evalgate.engine.telemetry.SpanAttributes.CHALLENGER;
import static dev.evalgate.engine.telemetry.SpanAttributes.CHECKS_FAILED;
import static dev.evalgate.engine.telemetry.SpanAttributes.CHECKS_PASSED;
import static dev.evalgate.engine.telemetry.SpanAttributes.COMPLETION_TOKENS;
import static dev.evalgate.engine.telemetry.SpanAttributes.CONTROL;
import static dev.evalgate.engine.telemetry.SpanAttributes.CONTROL_NAME;
import static dev.evalgate.engine.telemetry.SpanAttributes.COST_PER_1K;
import static dev.evalgate.engine.telemetry.SpanAttributes.COST_USD;
import static dev.evalgate.engine.telemetry.SpanAttributes.DATASET_SHA256;
import static dev.evalgate.engine.telemetry.SpanAttributes.DECISION;
import static dev.evalgate.engine.telemetry.SpanAttributes.ERRORED;
import static dev.evalgate.engine.telemetry.SpanAttributes.ERROR_RATE;
import static dev.evalgate.engine.telemetry.SpanAttributes.ERROR_TYPE;
import static dev.evalgate.engine.telemetry.SpanAttributes.EXPERIMENT;
import static dev.evalgate.engine.telemetry.SpanAttributes.FINISH_REASONS;
import static dev.evalgate.engine.telemetry.SpanAttributes.INPUT_TOKENS;
import static dev.evalgate.engine.telemetry.SpanAttributes.LATENCY_P50;
import static dev.evalgate.engine.telemetry.SpanAttributes.LATENCY_P95;
import static dev.evalgate.engine.telemetry.SpanAttributes.LATENCY_P99;
import static dev.evalgate.engine.telemetry.SpanAttributes.MESSAGE;
import static dev.evalgate.engine.telemetry.SpanAttributes.N;
import static dev.evalgate.engine.telemetry.SpanAttributes.OPERATION;
import static dev.evalgate.engine.telemetry.SpanAttributes.OUTPUT_TOKENS;
import static dev.evalgate.engine.telemetry.SpanAttributes.PASS_ALL_RATE;
import static dev.evalgate.engine.telemetry.SpanAttributes.PROMPT_TOKENS;
import static dev.evalgate.engine.telemetry.SpanAttributes.PROMPT_VERSION;
import static dev.evalgate.engine.telemetry.SpanAttributes.PROVIDER;
import static dev.evalgate.engine.telemetry.SpanAttributes.RECORDED;
import static dev.evalgate.engine.telemetry.SpanAttributes.REPEAT;
import static dev.evalgate.engine.telemetry.SpanAttributes.REQUEST_MODEL;
import static dev.evalgate.engine.telemetry.SpanAttributes.SUITE;
import static dev.evalgate.engine.telemetry.SpanAttributes.TOKENS_ESTIMATED;
import static dev.evalgate.engine.telemetry.SpanAttributes.TOOL_CALLS;
import static dev.evalgate.engine.telemetry.SpanAttributes.VARIANT;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.TelemetrySettings;
import dev.evalgate.engine.evaluation.Judgement;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One suite run's export: a run span, a client span per call (made on the thread that finished the
 * case, so its end is when the answer came), and the run's metrics and verdicts as events when the
 * run span ends.
 */
final class OtlpRun implements Telemetry.Run {
  private final SdkTracerProvider provider;
  private final CountingExporter exporter;
  private final PrintStream console;
  private final TelemetrySettings settings;
  private final Tracer tracer;
  private final String suite;
  private final Map<String, VariantSpec> variants;
  private final Span run;
  private final Context parent;
  private final AtomicLong made = new AtomicLong();
  private volatile boolean finished;

  OtlpRun(
      SuiteSpec spec,
      SdkTracerProvider provider,
      CountingExporter exporter,
      PrintStream console,
      TelemetrySettings settings,
      String version) {
    this.provider = provider;
    this.exporter = exporter;
    this.console = console;
    this.settings = settings;
    this.tracer =
        provider.tracerBuilder("dev.evalgate.engine").setInstrumentationVersion(version).build();
    this.suite = spec.name();
    this.variants =
        spec.variants().stream().collect(Collectors.toMap(VariantSpec::name, Function.identity()));
    SpanBuilder runSpan =
        tracer
            .spanBuilder("evalgate " + spec.name())
            .setSpanKind(SpanKind.INTERNAL)
            .setNoParent()
            .setAttribute(SUITE, spec.name());
    if (spec.experiment() != null) {
      runSpan.setAttribute(EXPERIMENT, spec.experiment());
    }
    this.run = runSpan.startSpan();
    this.parent = Context.root().with(run);
  }

  @Override
  public Boolean prepare(CaseResult result) {
    Instant now = Instant.now();
    long end = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    for (VariantOutcome outcome : result.outcomes()) {
      call(result.caseId(), outcome, end);
    }
    return Boolean.TRUE;
  }

  private void call(String caseId, VariantOutcome outcome, long endNanos) {
    VariantSpec variant = variants.get(outcome.variant());
    ModelResponse response = outcome.response();
    String model = variant == null || variant.model() == null ? outcome.variant() : variant.model();
    SpanBuilder builder =
        tracer
            .spanBuilder("chat " + model)
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(endNanos - response.latency().toNanos(), TimeUnit.NANOSECONDS)
            .setAttribute(OPERATION, "chat")
            .setAttribute(REQUEST_MODEL, model)
            .setAttribute(SUITE, suite)
            .setAttribute(VARIANT, outcome.variant())
            .setAttribute(CASE, caseId)
            .setAttribute(REPEAT, (long) outcome.repeat())
            .setAttribute(RECORDED, response.recorded());
    if (variant != null) {
      builder.setAttribute(PROVIDER, variant.provider()).setAttribute(CONTROL, variant.control());
      if (variant.prompt().version() != null) {
        builder.setAttribute(PROMPT_VERSION, variant.prompt().version());
      }
    }
    if (response.isError()) {
      String type = response.error() == null ? "error" : response.error().id();
      builder.setAttribute(ERROR_TYPE, type);
    } else {
      builder
          .setAttribute(INPUT_TOKENS, response.usage().promptTokens())
          .setAttribute(OUTPUT_TOKENS, response.usage().completionTokens())
          .setAttribute(TOKENS_ESTIMATED, response.usage().estimated());
      if (response.finishReason() != null) {
        builder.setAttribute(FINISH_REASONS, List.of(response.finishReason()));
      }
      if (!response.toolCalls().isEmpty()) {
        builder.setAttribute(TOOL_CALLS, (long) response.toolCalls().size());
      }
      List<String> passed = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (CheckResult check : outcome.checks()) {
        if (check.failed()) {
          failed.add(check.check());
        } else if (check.passed()) {
          passed.add(check.check());
        }
      }
      builder.setAttribute(CHECKS_PASSED, passed).setAttribute(CHECKS_FAILED, failed);
    }
    if (outcome.costUsd() != null) {
      builder.setAttribute(COST_USD, outcome.costUsd());
    }
    Span span = builder.startSpan();
    if (response.isError()) {
      span.setStatus(StatusCode.ERROR, response.error() == null ? "error" : response.error().id());
    }
    span.end(endNanos, TimeUnit.NANOSECONDS);
    made.incrementAndGet();
  }

  @Override
  public void finish(@Nullable Judgement judged, long cases, @Nullable String sha256) {
    run.setAttribute(CASES, cases);
    if (sha256 != null) {
      run.setAttribute(DATASET_SHA256, sha256);
    }
    if (judged != null) {
      for (VariantMetrics metrics : judged.evaluation().variants()) {
        run.addEvent("evalgate.variant", figures(metrics));
      }
      for (Verdict verdict : judged.gate().verdicts()) {
        run.addEvent(
            "evalgate.verdict",
            Attributes.builder()
                .put(CHALLENGER, verdict.challenger())
                .put(CONTROL_NAME, verdict.control())
                .put(DECISION, verdict.decision().name())
                .put(MESSAGE, verdict.message())
                .build());
      }
    }
    endRun();
  }

  private static Attributes figures(VariantMetrics metrics) {
    AttributesBuilder figures =
        Attributes.builder()
            .put(VARIANT, metrics.variant())
            .put(CONTROL, metrics.control())
            .put(REQUEST_MODEL, metrics.model())
            .put(PROMPT_VERSION, metrics.promptVersion())
            .put(N, metrics.n())
            .put(ERRORED, metrics.errored())
            .put(PASS_ALL_RATE, metrics.passAll().rate())
            .put(ERROR_RATE, metrics.errorRate().rate())
            .put(LATENCY_P50, metrics.latencyMs().p50())
            .put(LATENCY_P95, metrics.latencyMs().p95())
            .put(LATENCY_P99, metrics.latencyMs().p99())
            .put(PROMPT_TOKENS, metrics.promptTokens())
            .put(COMPLETION_TOKENS, metrics.completionTokens());
    if (metrics.cost().per1kCalls() != null) {
      figures.put(COST_PER_1K, metrics.cost().per1kCalls());
    }
    for (Map.Entry<String, Rate> check : metrics.checks().entrySet()) {
      if (check.getValue().n() > 0) {
        figures.put(SpanAttributes.checkRate(check.getKey()), check.getValue().rate());
      }
    }
    return figures.build();
  }

  private synchronized void endRun() {
    if (!finished) {
      finished = true;
      run.end();
      made.incrementAndGet();
    }
  }

  @Override
  public void close() {
    if (!finished) {
      run.setStatus(StatusCode.ERROR, "the run ended before its verdict");
      endRun();
    }
    provider.shutdown().join(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    long spans = made.get();
    long delivered = exporter.exported();
    String where = settings.endpointShown();
    if (delivered >= spans) {
      console.println("[evalgate] telemetry: " + spans + " spans exported to " + where);
    } else {
      console.println(
          "[evalgate] telemetry: "
              + delivered
              + " of "
              + spans
              + " spans reached "
              + where
              + "; "
              + (spans - delivered)
              + " were dropped or refused (a full queue: raise "
              + "evalgate.otel.queue-size; a collector that is down or slower than "
              + "evalgate.otel.timeout: check it)");
    }
  }
}
