package dev.evalgate.engine.telemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attributes EvalGate's spans and events carry: the OpenTelemetry GenAI semantic conventions
 * where they name the value ({@code gen_ai.*}, {@code error.type}), {@code evalgate.*} for the
 * rest. docs/telemetry.md lists them; that list and this class change together.
 */
final class SpanAttributes {
  // GenAI semantic conventions (client spans of model calls)
  static final AttributeKey<String> OPERATION = stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
  static final AttributeKey<Long> INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

  // the run and the call
  static final AttributeKey<String> SUITE = stringKey("evalgate.suite");
  static final AttributeKey<String> EXPERIMENT = stringKey("evalgate.experiment");
  static final AttributeKey<String> VARIANT = stringKey("evalgate.variant");
  static final AttributeKey<Boolean> CONTROL = booleanKey("evalgate.variant.control");
  static final AttributeKey<String> PROMPT_VERSION = stringKey("evalgate.prompt_version");
  static final AttributeKey<String> CASE = stringKey("evalgate.case");
  static final AttributeKey<Long> REPEAT = longKey("evalgate.repeat");
  static final AttributeKey<Boolean> RECORDED = booleanKey("evalgate.recorded");
  static final AttributeKey<Boolean> TOKENS_ESTIMATED = booleanKey("evalgate.tokens.estimated");
  static final AttributeKey<List<String>> CHECKS_PASSED = stringArrayKey("evalgate.checks.passed");
  static final AttributeKey<List<String>> CHECKS_FAILED = stringArrayKey("evalgate.checks.failed");
  static final AttributeKey<Double> COST_USD = doubleKey("evalgate.cost_usd");
  static final AttributeKey<Long> TOOL_CALLS = longKey("evalgate.tool_calls");
  static final AttributeKey<Long> CASES = longKey("evalgate.cases");
  static final AttributeKey<String> DATASET_SHA256 = stringKey("evalgate.dataset.sha256");

  // events of the run span
  static final AttributeKey<Long> N = longKey("evalgate.n");
  static final AttributeKey<Long> ERRORED = longKey("evalgate.errored");
  static final AttributeKey<Double> PASS_ALL_RATE = doubleKey("evalgate.pass_all.rate");
  static final AttributeKey<Double> ERROR_RATE = doubleKey("evalgate.error.rate");
  static final AttributeKey<Double> LATENCY_P50 = doubleKey("evalgate.latency.p50_ms");
  static final AttributeKey<Double> LATENCY_P95 = doubleKey("evalgate.latency.p95_ms");
  static final AttributeKey<Double> LATENCY_P99 = doubleKey("evalgate.latency.p99_ms");
  static final AttributeKey<Long> PROMPT_TOKENS = longKey("evalgate.tokens.input");
  static final AttributeKey<Long> COMPLETION_TOKENS = longKey("evalgate.tokens.output");
  static final AttributeKey<Double> COST_PER_1K = doubleKey("evalgate.cost.per_1k_calls_usd");
  static final AttributeKey<String> CHALLENGER = stringKey("evalgate.challenger");
  static final AttributeKey<String> CONTROL_NAME = stringKey("evalgate.control");
  static final AttributeKey<String> DECISION = stringKey("evalgate.decision");
  static final AttributeKey<String> MESSAGE = stringKey("evalgate.message");

  /** The name of a metric's pass-rate attribute of a check: {@code evalgate.check.NAME.rate}. */
  static AttributeKey<Double> checkRate(String check) {
    return doubleKey("evalgate.check." + check + ".rate");
  }

  private SpanAttributes() {}
}
