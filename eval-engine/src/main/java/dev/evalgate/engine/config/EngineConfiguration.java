package dev.evalgate.engine.config;

import dev.evalgate.engine.concurrent.TimedPool;
import dev.evalgate.engine.redact.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every configuration value, read and validated once, at discovery, so that an invalid value or an
 * unknown key is reported there (naming the key) rather than surfacing half-way through a run. The
 * keys, their types and their defaults are in {@link Keys} and {@link VariantKeys}.
 *
 * @param recordingMode how model calls are answered
 * @param recordingDir where recordings live
 * @param concurrency model calls in flight across all variants
 * @param concurrencyPerVariant model calls in flight per variant
 * @param requestsPerMinute per-variant request rate limit, 0 for none
 * @param tokensPerMinute per-variant token rate limit, 0 for none
 * @param timeout per-call timeout
 * @param functionTimeout the longest a Java variant's function may take to answer one case
 * @param retryMaxAttempts attempts per call including the first
 * @param retryInitialDelay first backoff delay
 * @param retryMaxDelay longest backoff wait
 * @param progress how progress is reported
 * @param datasetLimit cases per suite, 0 for all (the key unset: a 0 given is refused)
 * @param datasetSample sampled cases per suite, 0 for all (the key unset: a 0 given is refused)
 * @param datasetValidate whether discovery validates datasets
 * @param seed the seed override, or {@code null} for each suite's own
 * @param shard this run's shard
 * @param gateInconclusive what an INCONCLUSIVE verdict does to its test
 * @param baseline a champion report to compare with, or {@code null}
 * @param outputDir where reports go
 * @param allureResultsDir where Allure results go
 * @param allureEnabled whether Allure results are written
 * @param allureMaxResults per-call Allure results per suite run, 0 for no limit
 * @param allureWriterQueue cases that may wait for the Allure writer thread, 0 to write Allure
 *     results on the run's thread
 * @param redact the redaction rules as given, valid unless the settings hold an error for them
 * @param responseMaxBytes the largest response body read; a larger one is a {@code too_large} error
 * @param variants the {@code evalgate.variant.NAME.*} overrides, by variant name
 * @param telemetry the {@code evalgate.otel.*} export of spans, off unless an endpoint is set
 */
public record EngineConfiguration(
    RecordingMode recordingMode,
    Path recordingDir,
    int concurrency,
    int concurrencyPerVariant,
    int requestsPerMinute,
    int tokensPerMinute,
    Duration timeout,
    Duration functionTimeout,
    int retryMaxAttempts,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    ProgressMode progress,
    int datasetLimit,
    int datasetSample,
    boolean datasetValidate,
    @Nullable Long seed,
    Shard shard,
    InconclusivePolicy gateInconclusive,
    @Nullable Path baseline,
    Path outputDir,
    Path allureResultsDir,
    boolean allureEnabled,
    long allureMaxResults,
    int allureWriterQueue,
    String redact,
    long responseMaxBytes,
    Map<String, VariantSettings> variants,
    TelemetrySettings telemetry) {

  /** The default of {@link Constants#RESPONSE_MAX_SIZE}. */
  public static final long DEFAULT_RESPONSE_MAX_BYTES =
      Objects.requireNonNull(Keys.RESPONSE_MAX_SIZE.defaultValue());

  /** The default of {@link Constants#ALLURE_MAX_RESULTS}. */
  public static final int DEFAULT_ALLURE_MAX_RESULTS =
      Objects.requireNonNull(Keys.ALLURE_MAX_RESULTS.defaultValue());

  /** The default of {@link Constants#ALLURE_WRITER_QUEUE}. */
  public static final int DEFAULT_ALLURE_WRITER_QUEUE =
      Objects.requireNonNull(Keys.ALLURE_WRITER_QUEUE.defaultValue());

  public EngineConfiguration {
    variants = Map.copyOf(variants);
  }

  /** Every key at its default. */
  public static EngineConfiguration defaults() {
    return from(Settings.defaults());
  }

  /**
   * Reads every key; invalid values and unknown keys are left as warnings in {@code settings} and
   * replaced by defaults (or, per variant, by the suite's values); an invalid redaction rule is
   * left as an error.
   */
  public static EngineConfiguration from(Settings settings) {
    int concurrency = value(settings, Keys.CONCURRENCY);
    Path allureDir =
        settings
            .raw(Keys.ALLURE_OWN_DIRECTORY)
            .map(Path::of)
            .orElseGet(() -> Objects.requireNonNull(Keys.ALLURE_RESULTS_DIR.defaultValue()));
    EngineConfiguration config =
        new EngineConfiguration(
            value(settings, Keys.RECORDING_MODE),
            value(settings, Keys.RECORDING_DIR),
            concurrency,
            settings.read(Keys.CONCURRENCY_PER_VARIANT, concurrency),
            value(settings, Keys.REQUESTS_PER_MINUTE),
            value(settings, Keys.TOKENS_PER_MINUTE),
            value(settings, Keys.TIMEOUT),
            value(settings, Keys.FUNCTION_TIMEOUT),
            value(settings, Keys.RETRY_MAX_ATTEMPTS),
            value(settings, Keys.RETRY_INITIAL_DELAY),
            value(settings, Keys.RETRY_MAX_DELAY),
            value(settings, Keys.PROGRESS),
            value(settings, Keys.DATASET_LIMIT),
            value(settings, Keys.DATASET_SAMPLE),
            value(settings, Keys.DATASET_VALIDATE),
            settings.read(Keys.SEED),
            value(settings, Keys.SHARD),
            value(settings, Keys.GATE_INCONCLUSIVE),
            settings.read(Keys.BASELINE),
            value(settings, Keys.OUTPUT_DIR),
            settings.read(Keys.ALLURE_RESULTS_DIR, allureDir),
            value(settings, Keys.ALLURE_ENABLED),
            value(settings, Keys.ALLURE_MAX_RESULTS),
            value(settings, Keys.ALLURE_WRITER_QUEUE),
            redact(settings),
            value(settings, Keys.RESPONSE_MAX_SIZE),
            ScannedKeys.variants(settings),
            new TelemetrySettings(
                settings.read(Keys.OTEL_ENDPOINT),
                value(settings, Keys.OTEL_HEADERS_ENV),
                value(settings, Keys.OTEL_TIMEOUT),
                value(settings, Keys.OTEL_QUEUE_SIZE)));
    ScannedKeys.unknownKeys(settings);
    ScannedKeys.overriddenSystemProperties(settings);
    return config;
  }

  /** The overrides of one variant; none when no key names it. */
  public VariantSettings variant(String name) {
    return variants.getOrDefault(name, VariantSettings.none(name));
  }

  /** The redaction rules; discovery has refused invalid ones, so this only guards other callers. */
  public Redactor redactor() {
    try {
      return Redactor.parse(redact);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(Constants.REDACT + ": " + e.getMessage(), e);
    }
  }

  private static <T> T value(Settings settings, Key<T> key) {
    return Objects.requireNonNull(settings.read(key), key.name());
  }

  /**
   * The redaction rules, checked now: an invalid rule is refused (it stops the run), never replaced
   * by the defaults, which would write what the user asked to hide.
   */
  static String redact(Settings settings) {
    String rules = settings.raw(Keys.REDACT.name()).orElse(Keys.REDACT.defaultText());
    try {
      Redactor.parse(rules);
    } catch (IllegalArgumentException e) {
      settings.refuse(
          Keys.REDACT.name(), rules, Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    return rules;
  }

  /**
   * {@link #functionTimeout} with the key's own spelling of it ({@code 300s}) and the key's name,
   * for the messages of a Java variant's late or refused call.
   */
  public TimedPool.Limit functionLimit() {
    return new TimedPool.Limit(
        functionTimeout,
        Keys.FUNCTION_TIMEOUT.type().format(functionTimeout),
        Constants.FUNCTION_TIMEOUT);
  }
}
