package dev.evalgate.engine.report.allure;

import dev.evalgate.api.CallStep;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.concurrent.EngineThreads;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.InconclusivePolicy;
import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.gate.Claim;
import dev.evalgate.engine.gate.ClaimResult;
import dev.evalgate.engine.gate.ClaimResults;
import dev.evalgate.engine.gate.ClaimStatus;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.metrics.RepeatLedger;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.CaseSink;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.results.AttemptTexts;
import dev.evalgate.engine.report.results.CaseFields;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.results.StepTexts;
import dev.evalgate.engine.report.results.ToolCallTexts;
import dev.evalgate.engine.report.summary.RunReport;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.PropertiesUtils;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes each case x variant x repeat as an Allure result as it completes: evidence, not a test (no
 * status, which Allure shows as unknown, or broken when the call errored; the checks are its
 * steps), with parameters, labels, attachments and, when Allure is told how to build it, a link to
 * the dataset line. The suite's earlier results are removed first ({@link AllureCleanup}); at the
 * end the overview files are written ({@link AllureOverview}), and the suite's tests when
 * allure-junit-platform is absent (when present, it reports them and {@link AllureLayout} places
 * them under the same root). Builds allure-java-commons' model and writes the files that its {@code
 * FileSystemResultsWriter} would write (see {@link AllureJson}). REPORTS.md has the mapping.
 *
 * <p>Results whose attachments have the same type and text (check details often repeat; prompts
 * repeat across repeats) name the same attachment file, recently written, instead of a new copy:
 * Allure shows it in each of them.
 *
 * <p>At most {@code maxResults} per-call results are written per run ({@value
 * EngineConfiguration#DEFAULT_ALLURE_MAX_RESULTS} unless configured): a million-case run would
 * otherwise leave millions of files that Allure cannot render. Later calls are counted and reported
 * as one skipped result; every call stays in {@code results.jsonl}.
 *
 * <p>With a queue ({@code queue > 0}, {@value EngineConfiguration#DEFAULT_ALLURE_WRITER_QUEUE}
 * unless configured), results are built and written on one background thread, {@code
 * evalgate-allure-writer}: the run's thread only hands each completed case over, and waits when
 * {@code queue} cases are waiting. The first error stops the writing; the next {@link #accept},
 * {@link #finish} or {@link #close} throws it, naming the directory. {@link #finish} and {@link
 * #close} wait until every handed-over case is written. With {@code queue == 0} everything is
 * written on the caller's thread.
 */
public final class AllureWriter implements CaseSink, AutoCloseable {
  private final SuiteSpec suite;
  private final Map<String, VariantSpec> variants;
  private final Path directory;
  private final String datasetLocation;
  private final Options options;

  /** The suite's key in Allure ({@link AllureLayout#key}). */
  private final String key;

  /**
   * {@code allure.link.dataset.pattern} from allure.properties or the system properties, if set.
   */
  private final @Nullable String linkPattern;

  private final Redactor redactor;
  private final long maxResults;
  private final int queueCapacity;
  private final SplittableRandom random;
  private final MessageDigest sha256;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
  private @Nullable BlockingQueue<Job> queue;
  private @Nullable Thread thread;
  private volatile @Nullable Throwable failure;
  private boolean closed;
  private long written;
  private long omitted;

  /** Recently written attachment files by extension and text, least recently used first. */
  private final Map<String, String> sources =
      new LinkedHashMap<>(2 * SHARED_SOURCES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > SHARED_SOURCES;
        }
      };

  private String lastCaseKey = "";
  private String lastCaseHash = "";

  /**
   * Attachment texts remembered for sharing their file: at most 2,048 of up to 2,048 characters.
   */
  static final int SHARED_SOURCES = 2048;

  static final int SHARED_MAX_CHARS = 2048;

  /**
   * One case handed to the writer thread, with the time it completed; {@code END}, the one without
   * a case, stops it.
   */
  private record Job(@Nullable CaseResult result, long completed) {}

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final Job END = new Job(null, 0);

  public AllureWriter(
      SuiteSpec suite,
      List<VariantSpec> variants,
      Path directory,
      String datasetLocation,
      Redactor redactor) {
    this(
        suite,
        variants,
        directory,
        datasetLocation,
        redactor,
        EngineConfiguration.DEFAULT_ALLURE_MAX_RESULTS);
  }

  /**
   * @param maxResults per-call results to write at most, 0 for no limit
   */
  public AllureWriter(
      SuiteSpec suite,
      List<VariantSpec> variants,
      Path directory,
      String datasetLocation,
      Redactor redactor,
      long maxResults) {
    this(
        suite,
        variants,
        directory,
        datasetLocation,
        redactor,
        maxResults,
        EngineConfiguration.DEFAULT_ALLURE_WRITER_QUEUE);
  }

  /**
   * @param maxResults per-call results to write at most, 0 for no limit
   * @param queue cases that may wait for the writer thread, 0 to write on the caller's thread
   */
  public AllureWriter(
      SuiteSpec suite,
      List<VariantSpec> variants,
      Path directory,
      String datasetLocation,
      Redactor redactor,
      long maxResults,
      int queue) {
    this(
        suite,
        variants,
        directory,
        datasetLocation,
        redactor,
        new Options(
            maxResults,
            queue,
            datasetLocation,
            "1/1",
            InconclusivePolicy.FAIL,
            !allureJunitPlatformPresent()));
  }

  /**
   * How results are written besides the directory.
   *
   * @param maxResults per-call results to write at most, 0 for no limit
   * @param queue cases that may wait for the writer thread, 0 to write on the caller's thread
   * @param datasetPath the dataset as the results name it, with the line ({@code path:line}); its
   *     source under {@code src/} when it is a build copy
   * @param shard the run's shard, {@code I/N}
   * @param inconclusive {@code evalgate.gate.inconclusive}: how an inconclusive claim ends (fail,
   *     warn, pass)
   * @param writeTests whether EvalGate writes the suite's tests (criteria, gate, dataset) itself:
   *     true unless allure-junit-platform reports them
   */
  public record Options(
      long maxResults,
      int queue,
      String datasetPath,
      String shard,
      InconclusivePolicy inconclusive,
      boolean writeTests) {}

  public AllureWriter(
      SuiteSpec suite,
      List<VariantSpec> variants,
      Path directory,
      String datasetLocation,
      Redactor redactor,
      Options options) {
    this.maxResults = options.maxResults() <= 0 ? Long.MAX_VALUE : options.maxResults();
    this.queueCapacity = Math.max(0, options.queue());
    this.suite = suite;
    this.variants =
        variants.stream().collect(Collectors.toMap(VariantSpec::name, Function.identity()));
    this.directory = directory;
    this.datasetLocation = datasetLocation;
    this.options = options;
    this.key = AllureLayout.key(suite.name(), options.shard());
    this.redactor = redactor;
    String pattern;
    try {
      pattern =
          PropertiesUtils.loadAllureProperties()
              .getProperty(ResultsUtils.getLinkTypePatternPropertyName(LINK_TYPE));
    } catch (RuntimeException e) {
      pattern = null;
    }
    this.linkPattern = pattern == null || pattern.isBlank() ? null : pattern;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException("cannot create Allure results directory " + directory, e));
    }
    AllureCleanup.removeEarlierRuns(directory, suite.name(), key);
    AtomicFiles.removeLeftovers(
        directory,
        List.of(
            AllureOverview.ENVIRONMENT, AllureOverview.EXECUTOR, AllureOverview.CATEGORIES_FILE));
    // uuids only need to be unique: seeded once from the system's secure source rather than
    // reading it four times per call as UUID.randomUUID() does
    this.random = new SplittableRandom(new SecureRandom().nextLong());
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The link type of a case's dataset line: {@code allure.link.dataset.pattern} turns {@code
   * path#Lline} into a URL.
   */
  static final String LINK_TYPE = "dataset";

  @Override
  public void accept(CaseResult result) {
    rethrow();
    if (closed) {
      throw new IllegalStateException("Allure writer for " + directory + " is closed");
    }
    int take = 0;
    for (int i = 0; i < result.outcomes().size(); i++) {
      if (written >= maxResults) {
        omitted++;
      } else {
        written++;
        take++;
      }
    }
    if (take == 0) {
      return;
    }
    long completed = System.currentTimeMillis();
    if (queueCapacity == 0) {
      try {
        writeCase(result, take, completed);
      } catch (IOException | RuntimeException e) {
        failure = e;
        rethrow();
      }
      return;
    }
    BlockingQueue<Job> jobs = queue;
    Thread writer = thread;
    if (jobs == null || writer == null) {
      BlockingQueue<Job> created = new ArrayBlockingQueue<>(queueCapacity);
      jobs = created;
      writer = EngineThreads.thread("allure-writer", () -> drain(created));
      queue = jobs;
      thread = writer;
      writer.start();
    }
    // the first `take` outcomes are the ones within the limit: a case is split only at the limit
    Job job =
        new Job(
            take == result.outcomes().size()
                ? result
                : new CaseResult(
                    result.evalCase(), result.prompts(), result.outcomes().subList(0, take)),
            completed);
    put(jobs, writer, job);
  }

  private void put(BlockingQueue<Job> queue, Thread thread, Job job) {
    try {
      while (!queue.offer(job, 100, TimeUnit.MILLISECONDS)) {
        if (!thread.isAlive()) {
          rethrow();
          throw new IllegalStateException("Allure writer thread for " + directory + " stopped");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while handing a result to the Allure writer for " + directory, e);
    }
  }

  /** The writer thread: writes each case until {@code END}; after an error, only takes jobs. */
  private void drain(BlockingQueue<Job> queue) {
    try {
      while (true) {
        Job job = queue.take();
        CaseResult result = job.result();
        if (result == null) {
          return;
        }
        if (failure == null) {
          try {
            writeCase(result, result.outcomes().size(), job.completed());
          } catch (IOException | RuntimeException | Error e) {
            failure = e;
          }
        }
      }
    } catch (InterruptedException e) {
      failure = failure != null ? failure : e;
    }
  }

  /** Throws the first write error, naming the directory. */
  private void rethrow() {
    Throwable error = failure;
    if (error == null) {
      return;
    }
    IOException cause =
        error instanceof IOException io ? io : new IOException(error.toString(), error);
    throw new UncheckedIOException(
        new IOException(
            "cannot write Allure results to " + directory + ": " + error.getMessage(), cause));
  }

  /** Waits until every handed-over case is written and stops the writer thread. */
  private void stop() {
    BlockingQueue<Job> jobs = queue;
    Thread writer = thread;
    if (jobs == null || writer == null) {
      return;
    }
    try {
      if (writer.isAlive()) {
        put(jobs, writer, END);
      }
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for the Allure writer for " + directory, e);
    } finally {
      thread = null;
    }
  }

  /**
   * Waits for the cases handed to the writer thread to be written and stops it.
   *
   * @throws UncheckedIOException when a result could not be written, naming the directory
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      stop();
    }
    rethrow();
  }

  private void writeCase(CaseResult result, int outcomes, long completed) throws IOException {
    // with repeats, a variant whose repeats of this case disagree on a check: Allure marks its
    // results flaky
    Set<String> flaky = new LinkedHashSet<>();
    for (VariantOutcome outcome : result.outcomes()) {
      if (!flaky.contains(outcome.variant())
          && RepeatLedger.flaky(result.outcomesOf(outcome.variant()))) {
        flaky.add(outcome.variant());
      }
    }
    for (int i = 0; i < outcomes; i++) {
      VariantOutcome outcome = result.outcomes().get(i);
      TestResult test = testResult(result, outcome, completed);
      if (flaky.contains(outcome.variant()) && test.getStatusDetails() != null) {
        test.getStatusDetails().setFlaky(true);
      }
      writeResult(test);
    }
  }

  /**
   * A case's call as Allure evidence: status unknown when it was answered (it passes or fails no
   * test; its checks are its steps, the failing ones named in its name and message), broken when
   * the call errored. See REPORTS.md, "Allure".
   */
  private TestResult testResult(CaseResult result, VariantOutcome outcome, long stop)
      throws IOException {
    VariantSpec variant = variants.get(outcome.variant());
    ModelResponse response = outcome.response();
    String id = result.caseId();
    String uuid = uuid();
    List<CheckResult> failed = new ArrayList<>(0);
    int notApplicable = 0;
    for (CheckResult c : outcome.checks()) {
      if (c.failed()) {
        failed.add(c);
      } else if (!c.applicable()) {
        notApplicable++;
      }
    }
    Set<String> families = new LinkedHashSet<>();
    failed.forEach(
        c -> families.add(c.details().getOrDefault(CheckResult.DETAIL_FAMILY, "custom")));
    StatusDetails details = new StatusDetails();
    String mark;
    ErrorClass error = response.error();
    if (error != null) {
      details.setMessage(
          error.id() + ": " + redactor.apply(String.valueOf(response.errorMessage())));
      details.setTrace(AllureOverview.ERRORED + error.id());
      mark = "⚠ " + error.id();
    } else if (!failed.isEmpty()) {
      StringBuilder message = new StringBuilder();
      StringBuilder names = new StringBuilder();
      for (CheckResult c : failed) {
        message
            .append(message.length() == 0 ? "" : "\n")
            .append(c.check())
            .append(": ")
            .append(redactor.apply(c.reason()));
        names.append(names.length() == 0 ? "" : ", ").append(c.check());
      }
      details.setMessage(message.toString());
      StringBuilder trace = new StringBuilder(AllureOverview.FAILED_CHECKS);
      families.forEach(f -> trace.append(" family:").append(f));
      details.setTrace(trace.toString());
      mark = "✘ " + names;
    } else {
      details.setMessage(
          "no check failed"
              + (notApplicable == 0 ? "" : " (" + notApplicable + " not applicable)"));
      mark = "✔";
    }
    List<Label> labels = AllureLayout.placement(suite.name(), key, outcome.variant());
    labels.add(label("framework", "evalgate"));
    labels.add(label("story", id));
    labels.add(label("tag", outcome.variant()));
    if (suite.experiment() != null) {
      labels.add(label("epic", suite.experiment()));
    }
    if (families.isEmpty()) {
      labels.add(label("feature", outcome.errored() ? "transport" : "all checks"));
    } else {
      families.forEach(f -> labels.add(label("feature", f)));
    }
    long line = result.evalCase().line();
    List<Parameter> parameters =
        new ArrayList<>(
            List.of(
                parameter("variant", outcome.variant()),
                parameter("model", variant == null ? "" : String.valueOf(variant.model())),
                parameter("prompt version", variant == null ? "" : variant.promptVersion()),
                parameter("case", id),
                parameter("repeat", String.valueOf(outcome.repeat())),
                parameter("dataset line", options.datasetPath() + ":" + line)));
    // the requests this run sent; a replayed answer sent none and claims none
    if (response.attempts() > 0) {
      parameters.add(parameter("attempts", String.valueOf(response.attempts())));
    }
    List<Attachment> attachments = new ArrayList<>(4);
    attachments.add(
        attach(
            "prompt",
            "text/plain",
            ResultsWriter.promptText(result.prompts().get(outcome.variant()))));
    attachments.add(
        attach(
            "output",
            "text/plain",
            response.content() == null
                ? String.valueOf(response.errorMessage())
                : response.content()));
    if (!response.toolCalls().isEmpty()) {
      attachments.add(attach("tool calls", "application/json", toolCallsJson(response)));
    }
    if (!response.steps().isEmpty()) {
      attachments.add(attach("model calls", "application/json", stepsJson(response)));
    }
    attachments.add(attach("checks", "application/json", checksJson(outcome)));
    String fields = caseFieldsJson(result.evalCase());
    if (fields != null) {
      attachments.add(attach("case fields", "application/json", fields));
    }
    long start = stop - response.latency().toMillis();
    String caseKey = suite.name() + "|" + id;
    if (!caseKey.equals(lastCaseKey)) {
      lastCaseHash = sha256(caseKey);
      lastCaseKey = caseKey;
    }
    return new TestResult()
        .setUuid(uuid)
        .setHistoryId(sha256(caseKey + "|" + outcome.variant() + "|" + outcome.repeat()))
        .setTestCaseId(lastCaseHash)
        .setName(
            id
                + " ["
                + outcome.variant()
                + (outcome.repeat() > 0 ? " #" + outcome.repeat() : "")
                + "] "
                + mark)
        .setFullName(datasetLocation + ":" + line + "#" + outcome.variant())
        .setStatus(outcome.errored() ? Status.BROKEN : null) // no status: Allure shows "unknown"
        .setStatusDetails(details)
        .setLabels(labels)
        .setParameters(parameters)
        .setAttachments(attachments)
        .setSteps(steps(outcome, start, stop))
        .setLinks(
            linkPattern == null
                ? List.of()
                : List.of(
                    new Link()
                        .setName("dataset line")
                        .setType(LINK_TYPE)
                        .setUrl(linkPattern.replace("{}", options.datasetPath() + "#L" + line))))
        .setStart(start)
        .setStop(stop);
  }

  /**
   * The answer's tool calls as results.jsonl writes them: {@code [{"id", "name", "arguments"}]}.
   */
  private static String toolCallsJson(ModelResponse response) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator json = JSON.getFactory().createGenerator(text)) {
      json.writeStartObject();
      ToolCallTexts.write(json, "tool_calls", response.toolCalls(), UnaryOperator.identity());
      json.writeEndObject();
    }
    return text.toString();
  }

  /** An app variant's model calls as results.jsonl writes them ({@link StepTexts}). */
  private String stepsJson(ModelResponse response) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator json = JSON.getFactory().createGenerator(text)) {
      json.writeStartObject();
      StepTexts.write(json, "steps", response.steps(), redactor, UnaryOperator.identity());
      json.writeEndObject();
    }
    return text.toString();
  }

  /** The case's context, expect and references as JSON, or null when it has none of them. */
  private static @Nullable String caseFieldsJson(EvalCase c) throws IOException {
    CaseFields fields =
        new CaseFields(c.context(), c.expect(), c.references(), c.incorrectReferences());
    if (fields.isEmpty()) {
      return null;
    }
    java.io.StringWriter text = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator json = JSON.getFactory().createGenerator(text)) {
      fields.write(json, UnaryOperator.identity());
    }
    return text.toString();
  }

  /**
   * An attachment file, or the file of a recently written attachment with the same type and text
   * (up to {@value #SHARED_MAX_CHARS} characters): several results may name one source, and Allure
   * reads each source file once and shows it in every result that names it. Creating files is most
   * of this writer's cost, and check details in particular repeat from call to call.
   */
  private Attachment attach(String name, String type, String content) throws IOException {
    String text = redactor.apply(content);
    String key = text.length() <= SHARED_MAX_CHARS ? type + '\n' + text : null;
    String source = key == null ? null : sources.get(key);
    if (source == null) {
      source = uuid() + "-attachment" + (type.equals("application/json") ? ".json" : ".txt");
      write(source, text.getBytes(StandardCharsets.UTF_8), 0, -1);
      if (key != null) {
        sources.put(key, source);
      }
    }
    return new Attachment().setName(name).setType(type).setSource(source);
  }

  /** Writes {@code <uuid>-result.json}, as FileSystemResultsWriter names it. */
  private void writeResult(TestResult result) throws IOException {
    buffer.reset();
    AllureJson.write(result, buffer);
    write(result.getUuid() + "-result.json", null, 0, buffer.size());
  }

  /**
   * One file, one open, write and close; {@code data == null} writes {@code buffer}. The directory
   * is created again if it went away during the run.
   */
  private void write(String name, byte @Nullable [] data, int offset, int length)
      throws IOException {
    File file = directory.resolve(name).toFile();
    try (FileOutputStream out = open(file)) {
      if (data == null) {
        buffer.writeTo(out);
      } else {
        out.write(data, offset, length < 0 ? data.length : length);
      }
    }
  }

  private FileOutputStream open(File file) throws IOException {
    try {
      return new FileOutputStream(file);
    } catch (FileNotFoundException e) {
      Files.createDirectories(directory);
      return new FileOutputStream(file);
    }
  }

  /** A random (version 4) UUID from this writer's generator. */
  private String uuid() {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(most, least).toString();
  }

  private String sha256(String text) {
    return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The steps inside the result file (no extra file per case): first, for a call that was retried,
   * one per attempt ({@link AttemptTexts}: broken when it failed, the last passed when it
   * answered); for an app variant, one per model call in order, laid out back to back from the
   * case's start by their latencies (broken when the call failed); then one per check: name,
   * status, and the reason and score as its message.
   */
  private List<StepResult> steps(VariantOutcome outcome, long start, long at) {
    List<CallStep> calls = outcome.response().steps();
    List<StepResult> steps = new ArrayList<>(calls.size() + outcome.checks().size());
    List<String> attempts = AttemptTexts.lines(outcome.response(), redactor::apply);
    for (int i = 0; i < attempts.size(); i++) {
      boolean answered = i == attempts.size() - 1 && !outcome.errored();
      steps.add(
          new StepResult()
              .setName(attempts.get(i))
              .setStatus(answered ? Status.PASSED : Status.BROKEN)
              .setStart(start)
              .setStop(i == attempts.size() - 1 ? at : start));
    }
    long from = start;
    for (int i = 0; i < calls.size(); i++) {
      CallStep call = calls.get(i);
      long to = from + call.latency().toMillis();
      ErrorClass error = call.error();
      steps.add(
          new StepResult()
              .setName(callName(call, i + 1, calls.size()))
              .setStatus(error != null ? Status.BROKEN : Status.PASSED)
              .setStatusDetails(
                  error != null
                      ? new StatusDetails()
                          .setMessage(
                              error.id()
                                  + ": "
                                  + redactor.apply(String.valueOf(call.errorMessage())))
                      : null)
              .setStart(from)
              .setStop(to));
      from = to;
    }
    for (CheckResult c : outcome.checks()) {
      String message =
          redactor.apply(c.reason()) + (c.score() == null ? "" : " (score " + c.score() + ")");
      steps.add(
          new StepResult()
              .setName(c.check())
              .setStatus(
                  c.passed() ? Status.PASSED : c.applicable() ? Status.FAILED : Status.SKIPPED)
              .setStatusDetails(new StatusDetails().setMessage(message))
              .setStart(at)
              .setStop(at));
    }
    return steps;
  }

  /**
   * {@code model call 2 of 3: gpt-4.1-mini, 50 + 7 tokens, 412 ms → request_refund}: the model, the
   * tokens in and out, the latency and the names of the tools it called (their arguments are in the
   * "model calls" attachment).
   */
  static String callName(CallStep call, int number, int of) {
    StringBuilder name =
        new StringBuilder("model call ")
            .append(number)
            .append(" of ")
            .append(of)
            .append(": ")
            .append(call.model() == null ? "(no model)" : call.model())
            .append(", ")
            .append(call.usage().promptTokens())
            .append(" + ")
            .append(call.usage().completionTokens())
            .append(" tokens, ")
            .append(call.latency().toMillis())
            .append(" ms");
    if (call.recorded()) {
      name.append(" (replayed)");
    }
    if (!call.toolCalls().isEmpty()) {
      name.append(" → ")
          .append(String.join(", ", call.toolCalls().stream().map(ToolCall::name).toList()));
    }
    return name.toString();
  }

  private static String checksJson(VariantOutcome outcome) {
    StringBuilder json = new StringBuilder("[");
    for (CheckResult c : outcome.checks()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"name\":")
          .append(quote(c.check()))
          .append(",\"passed\":")
          .append(c.passed())
          .append(",\"score\":")
          .append(c.score())
          .append(",\"reason\":")
          .append(quote(c.reason()))
          .append('}');
    }
    return json.append(']').toString();
  }

  private static String quote(String text) {
    return "\""
        + text.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        + "\"";
  }

  private static Label label(String name, String value) {
    return new Label().setName(name).setValue(value);
  }

  private static Parameter parameter(String name, String value) {
    return new Parameter().setName(name).setValue(value);
  }

  /**
   * The run-level files ({@link AllureOverview}: the verdict first) and, when allure-junit-platform
   * is not there to report them, the suite's tests: its criteria, gates and dataset test, named and
   * passed or failed as in the build.
   */
  public void finish(RunReport report) throws IOException {
    closed = true;
    stop();
    Throwable error = failure;
    if (error != null) {
      throw new IOException(
          "cannot write Allure results to " + directory + ": " + error.getMessage(), error);
    }
    if (omitted > 0) {
      TestResult note =
          test(
              "results beyond " + written + " calls",
              "omitted",
              Status.SKIPPED,
              omitted
                  + " more calls of suite '"
                  + suite.name()
                  + "' are not in Allure (evalgate.allure.max-results="
                  + written
                  + "); every call is in results.jsonl",
              List.of());
      writeResult(note);
    }
    if (options.writeTests()) {
      Map<String, ClaimResult> results = ClaimResults.of(suite, report.gate());
      for (Claim claim : Claim.of(suite)) {
        ClaimResult result = results.get(claim.key());
        if (result != null) {
          writeResult(
              test(
                  claim.displayName(),
                  claim.key(),
                  status(result.status()),
                  result.message(),
                  result.evidence()));
        }
      }
      String dataset = "dataset: every row of " + datasetLocation + " is usable";
      // a problem of the whole file skipped no row, but the dataset test fails on it as on a row
      writeResult(
          report.skippedRows() == 0 && report.wholeFileProblems() == 0
              ? test(
                  dataset, "dataset", Status.PASSED, report.dataset().cases() + " cases", List.of())
              : test(
                  dataset,
                  "dataset",
                  Status.FAILED,
                  RowProblem.summary(report.skippedRows(), 0, report.wholeFileProblems())
                      + "; the build log and the discovery warnings name each",
                  List.of()));
    }
    AllureOverview.write(directory, key, report);
  }

  /**
   * A claim's status as its test ends: an inconclusive claim fails, or passes with a warning, as
   * {@code evalgate.gate.inconclusive} says.
   */
  private Status status(ClaimStatus status) {
    return switch (status) {
      case HOLDS -> Status.PASSED;
      case VIOLATED -> Status.FAILED;
      case INCONCLUSIVE ->
          options.inconclusive() == InconclusivePolicy.FAIL ? Status.FAILED : Status.PASSED;
    };
  }

  /** One of the suite's tests, as allure-junit-platform would report it, under the suite's root. */
  private TestResult test(
      String name, String testKey, Status status, String message, List<String> evidence) {
    long now = System.currentTimeMillis();
    List<Label> labels = AllureLayout.placement(suite.name(), key, null);
    labels.add(label("framework", "evalgate"));
    labels.add(label("feature", "gate and criteria"));
    if (suite.experiment() != null) {
      labels.add(label("epic", suite.experiment()));
    }
    return new TestResult()
        .setUuid(uuid())
        .setHistoryId(sha256(key + "|test|" + testKey))
        .setName(name)
        .setFullName(suite.name() + "#" + testKey)
        .setStatus(status)
        .setStatusDetails(new StatusDetails().setMessage(redactor.apply(message)))
        .setDescriptionHtml(
            evidence.isEmpty()
                ? null
                : descriptionHtml(redactor.apply(String.join("\n", evidence))))
        .setLabels(labels)
        .setStart(now)
        .setStop(now);
  }

  /**
   * Text as Allure shows it, whatever it holds: {@code <pre>} with the text escaped as the HTML
   * report escapes it ({@link Html#esc}). Allure's command line renders a plain {@code description}
   * as Markdown and drops the HTML in it, so a gateway's error body {@code <h1>502 Bad
   * Gateway</h1><script>alert(1)</script>} read {@code 502 Bad Gatewayalert(1)}; a {@code
   * descriptionHtml} is shown as it is.
   */
  static String descriptionHtml(String text) {
    return "<pre>" + Html.esc(text) + "</pre>";
  }

  public static boolean allureJunitPlatformPresent() {
    try {
      Class.forName(
          "io.qameta.allure.junitplatform.AllureJunitPlatform",
          false,
          AllureWriter.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
