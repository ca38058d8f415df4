package dev.evalgate.engine.config;

import dev.evalgate.engine.redact.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every engine-wide configuration value, read and validated at once so that an invalid value is
 * reported at discovery (naming the key) rather than surfacing half-way through a run.
 *
 * @param recordingMode replay, record, refresh, auto or off
 * @param recordingDir where recordings live
 * @param concurrency model calls in flight across all variants
 * @param concurrencyPerVariant model calls in flight per variant
 * @param requestsPerMinute per-variant request rate limit, 0 for none
 * @param tokensPerMinute per-variant token rate limit, 0 for none
 * @param timeout per-call timeout
 * @param retryMaxAttempts attempts per call including the first
 * @param retryInitialDelay first backoff delay
 * @param retryMaxDelay longest backoff wait
 * @param progress auto, on or off
 * @param datasetLimit cases per suite, 0 for all
 * @param datasetSample sampled cases per suite, 0 for all
 * @param datasetValidate whether discovery validates datasets
 * @param seed the seed override, or {@code null} for each suite's own
 * @param shard this run's shard
 * @param gateInconclusive fail, warn or pass
 * @param baseline a champion report to compare with, or {@code null}
 * @param outputDir where reports go
 * @param allureResultsDir where Allure results go
 * @param allureEnabled whether Allure results are written
 * @param allureMaxResults per-call Allure results per suite run, 0 for no limit
 * @param allureWriterQueue cases that may wait for the Allure writer thread, 0 to write Allure
 *     results on the run's thread
 * @param redact redaction rules, valid unless the settings hold an error for them
 * @param responseMaxBytes the largest response body read; a larger one is a {@code too_large} error
 */
public record EngineConfiguration(
    String recordingMode,
    Path recordingDir,
    int concurrency,
    int concurrencyPerVariant,
    int requestsPerMinute,
    int tokensPerMinute,
    Duration timeout,
    int retryMaxAttempts,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    String progress,
    int datasetLimit,
    int datasetSample,
    boolean datasetValidate,
    @Nullable Long seed,
    Shard shard,
    String gateInconclusive,
    @Nullable Path baseline,
    Path outputDir,
    Path allureResultsDir,
    boolean allureEnabled,
    long allureMaxResults,
    int allureWriterQueue,
    String redact,
    long responseMaxBytes) {

  /** The default of {@link Constants#RESPONSE_MAX_SIZE}: far above any model's longest answer, far below a test heap. */
  public static final long DEFAULT_RESPONSE_MAX_BYTES = 4L << 20;

  /** The default of {@link Constants#ALLURE_MAX_RESULTS}: per-call Allure results written per suite run. */
  public static final int DEFAULT_ALLURE_MAX_RESULTS = 20_000;

  /** The default of {@link Constants#ALLURE_WRITER_QUEUE}: cases that may wait for the Allure writer thread. */
  public static final int DEFAULT_ALLURE_WRITER_QUEUE = 256;

  public static final Set<String> RECORDING_MODES = Set.of("replay", "record", "refresh", "auto", "off");

  /** Reads every key; invalid values are left as warnings in {@code settings} and replaced by defaults. */
  public static EngineConfiguration from(Settings settings) {
    int concurrency = settings.integer(Constants.CONCURRENCY, 16, 1, 4096);
    String shardText = settings.string(Constants.SHARD, "1/1");
    Shard shard;
    try {
      shard = Shard.parse(shardText);
    } catch (IllegalArgumentException e) {
      shard = settings.invalid(Constants.SHARD, shardText, "I/N with 1 <= I <= N", Shard.WHOLE);
    }
    String seedText = settings.stringOrNull(Constants.SEED);
    Long seed = seedText == null ? null : settings.longValue(Constants.SEED, 0L);
    String baseline = settings.stringOrNull(Constants.BASELINE);
    return new EngineConfiguration(
        settings.choice(Constants.RECORDING_MODE, "replay", RECORDING_MODES),
        Path.of(settings.string(Constants.RECORDING_DIR, "src/test/resources/evalgate/recordings")),
        concurrency,
        settings.integer(Constants.CONCURRENCY_PER_VARIANT, concurrency, 1, 4096),
        settings.integer(Constants.REQUESTS_PER_MINUTE, 0, 0, Integer.MAX_VALUE),
        settings.integer(Constants.TOKENS_PER_MINUTE, 0, 0, Integer.MAX_VALUE),
        settings.duration(Constants.TIMEOUT, Duration.ofSeconds(60)),
        settings.integer(Constants.RETRY_MAX_ATTEMPTS, 4, 1, 100),
        settings.duration(Constants.RETRY_INITIAL_DELAY, Duration.ofMillis(500)),
        settings.duration(Constants.RETRY_MAX_DELAY, Duration.ofSeconds(60)),
        settings.choice(Constants.PROGRESS, "auto", Set.of("auto", "on", "off")),
        settings.integer(Constants.DATASET_LIMIT, 0, 0, Integer.MAX_VALUE),
        settings.integer(Constants.DATASET_SAMPLE, 0, 0, Integer.MAX_VALUE),
        settings.bool(Constants.DATASET_VALIDATE, true),
        seed,
        shard,
        settings.choice(Constants.GATE_INCONCLUSIVE, "fail", Set.of("fail", "warn", "pass")),
        baseline == null ? null : Path.of(baseline),
        Path.of(settings.string(Constants.OUTPUT_DIR, "target/evalgate")),
        Path.of(settings.string(Constants.ALLURE_RESULTS_DIR,
            settings.string("allure.results.directory", "target/allure-results"))),
        settings.bool(Constants.ALLURE_ENABLED, true),
        settings.integer(Constants.ALLURE_MAX_RESULTS, DEFAULT_ALLURE_MAX_RESULTS, 0, Integer.MAX_VALUE),
        settings.integer(Constants.ALLURE_WRITER_QUEUE, DEFAULT_ALLURE_WRITER_QUEUE, 0, 65_536),
        redact(settings),
        settings.size(Constants.RESPONSE_MAX_SIZE, DEFAULT_RESPONSE_MAX_BYTES, 1024, 1L << 30));
  }

  /**
   * The redaction rules, checked now: an invalid rule is refused (it stops the run), never replaced
   * by the defaults, which would write what the user asked to hide.
   */
  static String redact(Settings settings) {
    String rules = settings.string(Constants.REDACT, Redactor.DEFAULT_RULES);
    try {
      Redactor.parse(rules);
    } catch (IllegalArgumentException e) {
      settings.refuse(Constants.REDACT, rules, e.getMessage());
    }
    return rules;
  }
}
