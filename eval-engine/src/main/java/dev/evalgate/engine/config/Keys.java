package dev.evalgate.engine.config;

import static dev.evalgate.engine.config.ValueType.wholeNumber;

import dev.evalgate.engine.redact.Redactor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every configuration key with its type and default: the one place they are written. The parser
 * ({@link EngineConfiguration#from}), the warnings about unknown keys and the test that compares
 * {@code docs/configuration.md} with the code all read these lists. What each key means is said in
 * the Javadoc of {@link Constants} and in the docs.
 */
public final class Keys {
  private static final int UNLIMITED = Integer.MAX_VALUE;

  public static final Key<RecordingMode> RECORDING_MODE =
      Key.of(Constants.RECORDING_MODE, ValueType.choice(RecordingMode.class), RecordingMode.REPLAY);
  public static final Key<Path> RECORDING_DIR =
      Key.of(
          Constants.RECORDING_DIR,
          ValueType.path(),
          Path.of("src/test/resources/evalgate/recordings"));
  public static final Key<Integer> CONCURRENCY =
      Key.of(Constants.CONCURRENCY, wholeNumber(1, 4096), 16);

  /** Its default is the value of {@link #CONCURRENCY}. */
  public static final Key<Integer> CONCURRENCY_PER_VARIANT =
      Key.of(Constants.CONCURRENCY_PER_VARIANT, wholeNumber(1, 4096), null, Constants.CONCURRENCY);

  public static final Key<Integer> REQUESTS_PER_MINUTE =
      Key.of(Constants.REQUESTS_PER_MINUTE, wholeNumber(0, UNLIMITED), 0, "none");
  public static final Key<Integer> TOKENS_PER_MINUTE =
      Key.of(Constants.TOKENS_PER_MINUTE, wholeNumber(0, UNLIMITED), 0, "none");
  public static final Key<Duration> TIMEOUT =
      Key.of(Constants.TIMEOUT, ValueType.duration(), Duration.ofSeconds(60));
  public static final Key<Duration> FUNCTION_TIMEOUT =
      Key.of(Constants.FUNCTION_TIMEOUT, ValueType.duration(), Duration.ofMinutes(5), "5m");
  public static final Key<Integer> RETRY_MAX_ATTEMPTS =
      Key.of(Constants.RETRY_MAX_ATTEMPTS, wholeNumber(1, 100), 4);
  public static final Key<Duration> RETRY_INITIAL_DELAY =
      Key.of(Constants.RETRY_INITIAL_DELAY, ValueType.duration(), Duration.ofMillis(500));
  public static final Key<Duration> RETRY_MAX_DELAY =
      Key.of(Constants.RETRY_MAX_DELAY, ValueType.duration(), Duration.ofSeconds(60));

  /** Far above any model's longest answer, far below a test heap. */
  public static final Key<Long> RESPONSE_MAX_SIZE =
      Key.of(Constants.RESPONSE_MAX_SIZE, ValueType.size(1024, 1L << 30), 4L << 20);

  public static final Key<ProgressMode> PROGRESS =
      Key.of(Constants.PROGRESS, ValueType.choice(ProgressMode.class), ProgressMode.AUTO);

  /**
   * Unset ({@code 0} inside) runs every case; an invalid value, {@code 0} included, stops the run:
   * running every case instead would run (and, recording, pay for) what the user meant to cut.
   */
  public static final Key<Integer> DATASET_LIMIT =
      Key.refusingInvalid(
          Constants.DATASET_LIMIT,
          ValueType.caseCount(),
          0,
          "all",
          "the default 'all' would run every case");

  /** As {@link #DATASET_LIMIT}. */
  public static final Key<Integer> DATASET_SAMPLE =
      Key.refusingInvalid(
          Constants.DATASET_SAMPLE,
          ValueType.caseCount(),
          0,
          "all",
          "the default 'all' would run every case");

  public static final Key<Boolean> DATASET_VALIDATE =
      Key.of(Constants.DATASET_VALIDATE, ValueType.bool(), true);
  public static final Key<Long> SEED =
      Key.of(Constants.SEED, ValueType.longNumber(), null, "the suite's");

  /** An invalid shard stops the run: every CI shard would otherwise run the whole dataset. */
  public static final Key<Shard> SHARD =
      Key.refusingInvalid(
          Constants.SHARD,
          ValueType.shard(),
          Shard.WHOLE,
          "1/1",
          "the default '1/1' would run every case in every shard");

  public static final Key<InconclusivePolicy> GATE_INCONCLUSIVE =
      Key.of(
          Constants.GATE_INCONCLUSIVE,
          ValueType.choice(InconclusivePolicy.class),
          InconclusivePolicy.FAIL);
  public static final Key<Path> BASELINE =
      Key.of(Constants.BASELINE, ValueType.path(), null, "none");
  public static final Key<Path> OUTPUT_DIR =
      Key.of(Constants.OUTPUT_DIR, ValueType.path(), Path.of("target/evalgate"));

  /** Allure's own property, read when {@link #ALLURE_RESULTS_DIR} is unset. */
  static final String ALLURE_OWN_DIRECTORY = "allure.results.directory";

  public static final Key<Path> ALLURE_RESULTS_DIR =
      Key.of(
          Constants.ALLURE_RESULTS_DIR,
          ValueType.path(),
          Path.of("target/allure-results"),
          ALLURE_OWN_DIRECTORY + ", else target/allure-results");
  public static final Key<Boolean> ALLURE_ENABLED =
      Key.of(Constants.ALLURE_ENABLED, ValueType.bool(), true);
  public static final Key<Integer> ALLURE_MAX_RESULTS =
      Key.of(Constants.ALLURE_MAX_RESULTS, wholeNumber(0, UNLIMITED), 20_000);
  public static final Key<Integer> ALLURE_WRITER_QUEUE =
      Key.of(Constants.ALLURE_WRITER_QUEUE, wholeNumber(0, 65_536), 256);

  /** Checked by {@link Redactor#parse}: an invalid value stops the run instead of falling back. */
  public static final Key<String> REDACT =
      Key.of(Constants.REDACT, ValueType.text(), Redactor.DEFAULT_RULES);

  public static final Key<URI> OTEL_ENDPOINT =
      Key.of(Constants.OTEL_ENDPOINT, ValueType.httpUrl(), null, "none");
  public static final Key<String> OTEL_HEADERS_ENV =
      Key.of(Constants.OTEL_HEADERS_ENV, ValueType.text(), "OTEL_EXPORTER_OTLP_HEADERS");
  public static final Key<Duration> OTEL_TIMEOUT =
      Key.of(Constants.OTEL_TIMEOUT, ValueType.duration(), Duration.ofSeconds(10));
  public static final Key<Integer> OTEL_QUEUE_SIZE =
      Key.of(Constants.OTEL_QUEUE_SIZE, wholeNumber(1, 1 << 20), 16_384);

  /** The engine-wide keys, in the order of the docs. */
  public static final List<Key<?>> ENGINE =
      List.of(
          RECORDING_MODE,
          RECORDING_DIR,
          CONCURRENCY,
          CONCURRENCY_PER_VARIANT,
          REQUESTS_PER_MINUTE,
          TOKENS_PER_MINUTE,
          TIMEOUT,
          FUNCTION_TIMEOUT,
          RETRY_MAX_ATTEMPTS,
          RETRY_INITIAL_DELAY,
          RETRY_MAX_DELAY,
          RESPONSE_MAX_SIZE,
          PROGRESS,
          DATASET_LIMIT,
          DATASET_SAMPLE,
          DATASET_VALIDATE,
          SEED,
          SHARD,
          GATE_INCONCLUSIVE,
          BASELINE,
          OUTPUT_DIR,
          ALLURE_RESULTS_DIR,
          ALLURE_ENABLED,
          ALLURE_MAX_RESULTS,
          ALLURE_WRITER_QUEUE,
          REDACT,
          OTEL_ENDPOINT,
          OTEL_HEADERS_ENV,
          OTEL_TIMEOUT,
          OTEL_QUEUE_SIZE);

  /**
   * Properties of the Maven plugin's goals ({@code check}, {@code merge}, {@code promote}): the
   * engine does not read them, but a {@code -D} given to Maven reaches the test JVM too, so they
   * are known. Their defaults are the goals' parameter defaults (a test of the plugin compares
   * them).
   */
  public static final List<Key<String>> MAVEN_PLUGIN =
      List.of(
          Key.of(Constants.SKIP, ValueType.text(), "false"),
          Key.of(Constants.HALT_ON_FAILURE, ValueType.text(), "true"),
          Key.of(Constants.FAIL_IF_NO_REPORTS, ValueType.text(), "true"),
          Key.of(
              Constants.RESULTS_DIRECTORY, ValueType.text(), "${project.build.directory}/evalgate"),
          Key.of(Constants.INCONCLUSIVE, ValueType.text(), "fail"),
          Key.of(
              Constants.BASELINE_DIRECTORY,
              ValueType.text(),
              "${project.basedir}/src/test/resources/evalgate/champion"),
          Key.of(Constants.SUITE, ValueType.text(), null, "the only one"),
          Key.of(Constants.PLAN_REPORT, ValueType.text(), null, "none"));

  /**
   * Names under {@code evalgate.} that are not configuration and are never warned about: the
   * version property of the README's POM, and the switches of EvalGate's own tests ({@code
   * -Devalgate.test.chromium.required=true} in its CI reaches every test JVM).
   */
  static final List<String> NOT_CONFIGURATION =
      List.of("evalgate.version", "evalgate.test.", "evalgate.timing.", "evalgate.tuning");

  private Keys() {}

  /** Every key a user may set engine-wide (the engine's and the Maven plugin's), by name. */
  public static Optional<Key<?>> named(String name) {
    return Stream.concat(ENGINE.stream(), MAVEN_PLUGIN.stream())
        .filter(k -> k.name().equals(name))
        .findFirst()
        .map(k -> (Key<?>) k);
  }

  static boolean notConfiguration(String name) {
    return NOT_CONFIGURATION.stream()
        .anyMatch(p -> p.endsWith(".") ? name.startsWith(p) : name.equals(p));
  }
}
