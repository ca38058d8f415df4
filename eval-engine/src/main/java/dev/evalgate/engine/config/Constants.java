package dev.evalgate.engine.config;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Every configuration parameter of the EvalGate engine, with its default.
 *
 * <p>Set them as JUnit Platform configuration parameters ({@code junit-platform.properties},
 * Surefire's {@code <configurationParameters>}, {@code --config} on the console launcher) or as
 * system properties ({@code -Devalgate.recording.mode=record}). Their types and defaults are in
 * {@link Keys} and {@link VariantKeys}. An invalid value produces a discovery warning naming the
 * key, the value, what was expected and what is used instead; so does an unknown key under {@value
 * #PREFIX}, with the nearest known key.
 */
@API(status = STABLE, since = "0.1")
public final class Constants {

  /** The engine's id: {@value}. */
  public static final String ENGINE_ID = "evalgate";

  /** Prefix of every key: {@value}. */
  public static final String PREFIX = "evalgate.";

  // --- recordings -------------------------------------------------------------------------------

  /**
   * How model calls are answered: {@code replay} (default: recordings only, a miss errors that case
   * for that variant), {@code record} (call live, store new responses), {@code refresh} (call live
   * for everything, overwrite), {@code auto} (replay hits, call live for misses when the API key is
   * set or the base URL is a local server), {@code off} (always live, store nothing). Key:
   * {@value}.
   */
  public static final String RECORDING_MODE = "evalgate.recording.mode";

  /**
   * Directory of recording files, relative to the working directory; default {@code
   * src/test/resources/evalgate/recordings}. Key: {@value}.
   */
  public static final String RECORDING_DIR = "evalgate.recording.dir";

  // --- execution --------------------------------------------------------------------------------

  /**
   * Maximum model calls in flight across all variants, each made by one of as many threads ({@code
   * evalgate-call-N}); default 16. Key: {@value}.
   */
  public static final String CONCURRENCY = "evalgate.concurrency";

  /** Maximum model calls in flight per variant; default: {@link #CONCURRENCY}. Key: {@value}. */
  public static final String CONCURRENCY_PER_VARIANT = "evalgate.concurrency.per-variant";

  /**
   * Requests per minute per variant, counted when each call starts; default unlimited. Key:
   * {@value}.
   */
  public static final String REQUESTS_PER_MINUTE = "evalgate.rate-limit.requests-per-minute";

  /**
   * Tokens per minute per variant (estimated before the call); default unlimited. Key: {@value}.
   */
  public static final String TOKENS_PER_MINUTE = "evalgate.rate-limit.tokens-per-minute";

  /** Per-call timeout, e.g. {@code 60s}; default 60s. Key: {@value}. */
  public static final String TIMEOUT = "evalgate.timeout";

  /**
   * The longest a Java variant's function (an in-process function, or an app variant's whole
   * pipeline with all its model calls) may take to answer one case, e.g. {@code 5m}; past it the
   * case errs as {@code timeout} and the function is interrupted. Default 5m. Key: {@value}.
   */
  public static final String FUNCTION_TIMEOUT = "evalgate.function.timeout";

  /**
   * Attempts per call including the first, for 429, 5xx, timeouts and resets; default 4. Key:
   * {@value}.
   */
  public static final String RETRY_MAX_ATTEMPTS = "evalgate.retry.max-attempts";

  /** First backoff delay, doubled per retry with jitter; default 500ms. Key: {@value}. */
  public static final String RETRY_INITIAL_DELAY = "evalgate.retry.initial-delay";

  /**
   * Longest single backoff wait, also the cap on honoured {@code Retry-After}; default 60s. Key:
   * {@value}.
   */
  public static final String RETRY_MAX_DELAY = "evalgate.retry.max-delay";

  /**
   * The largest response body read, e.g. {@code 512KB}, {@code 4MB}; default {@code 4MB}, at most
   * {@code 1GB}. A larger body is not read whole (memory stays bounded) but ends the call as a
   * {@code too_large} error, without retries. Key: {@value}.
   */
  public static final String RESPONSE_MAX_SIZE = "evalgate.response.max-size";

  /**
   * Progress reporting: {@code auto} (a live line on a terminal, periodic log lines otherwise),
   * {@code on}, {@code off}; default {@code auto}. Key: {@value}.
   */
  public static final String PROGRESS = "evalgate.progress";

  /**
   * Prefix of per-variant overrides: {@code evalgate.variant.NAME.KEY} where KEY is one of {@link
   * VariantKeys#ALL} ({@code base-url}, {@code model}, {@code api-key-env}, {@code provider},
   * {@code temperature}, {@code top-p}, {@code max-tokens}, {@code seed}, {@code timeout}, {@code
   * pricing.input}, {@code pricing.output}) or {@code header.NAME}. Example: {@code
   * evalgate.variant.control.base-url=http://127.0.0.1:8080/v1}. Key prefix: {@value}.
   */
  public static final String VARIANT_PREFIX = "evalgate.variant.";

  // --- datasets ---------------------------------------------------------------------------------

  /**
   * Read at most this many cases of every suite, for quick runs: 1 or more; default (unset) all. An
   * invalid value, {@code 0} included, stops the run. Key: {@value}.
   */
  public static final String DATASET_LIMIT = "evalgate.dataset.limit";

  /**
   * Keep a seeded random sample of about this many cases: 1 or more; default (unset) all. An
   * invalid value, {@code 0} included, stops the run. Key: {@value}.
   */
  public static final String DATASET_SAMPLE = "evalgate.dataset.sample";

  /**
   * Whether discovery reads every dataset once to report unusable rows (with file and line) before
   * anything runs; default {@code true}. Turn off for very large datasets: problems are then found
   * during the run and still fail the suite's dataset test. Key: {@value}.
   */
  public static final String DATASET_VALIDATE = "evalgate.dataset.validate";

  /** Seed of everything random; default: the suite's seed. Key: {@value}. */
  public static final String SEED = "evalgate.seed";

  /**
   * Runs a deterministic share of the cases, {@code INDEX/COUNT} with 1 &lt;= INDEX &lt;= COUNT,
   * chosen by a hash of the case id; default {@code 1/1}. An invalid value stops the run (every
   * shard would otherwise run every case). Key: {@value}.
   */
  public static final String SHARD = "evalgate.shard";

  // --- gate -------------------------------------------------------------------------------------

  /**
   * What an INCONCLUSIVE verdict does to the gate test: {@code fail} (default), {@code warn}
   * (passes, with a report entry) or {@code pass}. Key: {@value}.
   */
  public static final String GATE_INCONCLUSIVE = "evalgate.gate.inconclusive";

  /** A champion run report to compare challengers with instead of a live control. Key: {@value}. */
  public static final String BASELINE = "evalgate.baseline";

  // --- reports ----------------------------------------------------------------------------------

  /** Directory of run reports and results files; default {@code target/evalgate}. Key: {@value}. */
  public static final String OUTPUT_DIR = "evalgate.output.dir";

  /**
   * Directory of Allure results; default: the {@code allure.results.directory} property, else
   * {@code target/allure-results}. Key: {@value}.
   */
  public static final String ALLURE_RESULTS_DIR = "evalgate.allure.results.dir";

  /** Whether Allure results are written; default {@code true}. Key: {@value}. */
  public static final String ALLURE_ENABLED = "evalgate.allure.enabled";

  /**
   * At most this many per-call Allure results (case x variant x repeat) per suite run; later calls
   * are left out of Allure (they are all in {@code results.jsonl}) and one skipped result says how
   * many. Default 20,000, {@code 0} for no limit. Key: {@value}.
   */
  public static final String ALLURE_MAX_RESULTS = "evalgate.allure.max-results";

  /**
   * Cases that may wait for the Allure writer thread, which builds and writes each call's Allure
   * result and attachments while the run goes on; the run waits when that many are waiting, and a
   * write error fails the run at its next case or at its end, naming the directory. Default 256,
   * {@code 0} writes them on the run's own thread. Key: {@value}.
   */
  public static final String ALLURE_WRITER_QUEUE = "evalgate.allure.writer-queue";

  /**
   * Redaction applied to prompts and outputs before anything is written: a comma-separated list of
   * {@code email}, {@code card}, {@code phone}, {@code secrets} (which stands for {@code
   * private-key}, {@code jwt}, {@code bearer}, {@code aws-key} and {@code api-key}, each also
   * accepted alone), {@code regex:PATTERN} and {@code none}; default {@code
   * email,card,phone,secrets}. An invalid value stops the run (a discovery error) rather than fall
   * back to the default. The run's own keys, header values and base-URL credentials are always
   * removed, whatever this says. Key: {@value}.
   */
  public static final String REDACT = "evalgate.redact";

  // --- telemetry --------------------------------------------------------------------------------

  /**
   * Exports every call of a run as an OpenTelemetry span, and the run's metrics and verdicts as
   * events of one run span, to this OTLP/HTTP endpoint (a collector's base URL such as {@code
   * http://localhost:4318}; spans go to {@code /v1/traces} under it). Default: none, nothing is
   * exported. Key: {@value}.
   */
  public static final String OTEL_ENDPOINT = "evalgate.otel.endpoint";

  /**
   * The environment variable holding the headers sent with every export, as {@code
   * name=value,name=value} (an observability vendor's API key, say); default {@code
   * OTEL_EXPORTER_OTLP_HEADERS}. Named, never given, so that no key is written in a POM. Key:
   * {@value}.
   */
  public static final String OTEL_HEADERS_ENV = "evalgate.otel.headers-env";

  /**
   * The longest wait for one export, and for the last spans when a suite ends; default {@code 10s}.
   * Key: {@value}.
   */
  public static final String OTEL_TIMEOUT = "evalgate.otel.timeout";

  /**
   * Spans that may wait for the exporter thread; when that many wait, later spans are dropped and
   * the run says how many at its end. Default 16,384. Key: {@value}.
   */
  public static final String OTEL_QUEUE_SIZE = "evalgate.otel.queue-size";

  // --- the Maven plugin's goals (not read by the engine; a -D given to Maven reaches the tests
  // too) ---

  /**
   * Skips the plugin's {@code check} and {@code merge} goals; default {@code false}. Key: {@value}.
   */
  public static final String SKIP = "evalgate.skip";

  /**
   * Whether {@code check} fails the build on a violated rule (else it warns); default {@code true}.
   * Key: {@value}.
   */
  public static final String HALT_ON_FAILURE = "evalgate.haltOnFailure";

  /**
   * Whether {@code check} fails the build when there is no run report; default {@code true}. Key:
   * {@value}.
   */
  public static final String FAIL_IF_NO_REPORTS = "evalgate.failIfNoReports";

  /**
   * Where the plugin's goals read the engine's reports (the engine's {@link #OUTPUT_DIR}); default
   * {@code ${project.build.directory}/evalgate}. Key: {@value}.
   */
  public static final String RESULTS_DIRECTORY = "evalgate.resultsDirectory";

  /**
   * What an INCONCLUSIVE verdict or rule does to {@code check}: fail, warn or pass; default {@code
   * fail}. Key: {@value}.
   */
  public static final String INCONCLUSIVE = "evalgate.inconclusive";

  /**
   * Where {@code promote} keeps champions, one folder per suite; default {@code
   * ${project.basedir}/src/test/resources/evalgate/champion}. Key: {@value}.
   */
  public static final String BASELINE_DIRECTORY = "evalgate.baselineDirectory";

  /**
   * The suite {@code promote} promotes; required when the results hold more than one. Key:
   * {@value}.
   */
  public static final String SUITE = "evalgate.suite";

  /**
   * One pilot's {@code report.json} the Maven plugin's {@code plan} goal plans from instead of
   * every report under the results directory. Key: {@value}.
   */
  public static final String PLAN_REPORT = "evalgate.plan.report";

  private Constants() {}
}
