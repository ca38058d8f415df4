package dev.evalgate.engine.report;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.EngineVersion;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.run.CaseResult;
import dev.evalgate.engine.run.CaseSink;
import dev.evalgate.engine.run.VariantOutcome;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes each case x variant x repeat as an Allure test result as it completes (passed, failed on a
 * failed check, broken on an errored call), with parameters, labels, attachments and a link to the
 * dataset line; plus {@code environment.properties}, {@code executor.json} and
 * {@code categories.json} once per run. Uses allure-java-commons' writer; coexists with
 * allure-junit-platform, which reports the criteria and gate tests themselves (this writer adds
 * them only when that listener is absent).
 *
 * <p>At most {@code maxResults} per-call results are written per run ({@value #DEFAULT_MAX_RESULTS}
 * unless configured): a million-case run would otherwise leave millions of files that Allure cannot
 * render. Later calls are counted and reported as one skipped result; every call stays in
 * {@code results.jsonl}.
 */
public final class AllureWriter implements CaseSink {
  private final SuiteSpec suite;
  private final Map<String, VariantSpec> variants;
  private final Path directory;
  private final String datasetLocation;
  private final Redactor redactor;
  private final AllureResultsWriter writer;
  private final long maxResults;
  private long written;
  private long omitted;

  /** Per-call results written per run unless configured otherwise. */
  public static final int DEFAULT_MAX_RESULTS = 20_000;

  public AllureWriter(SuiteSpec suite, List<VariantSpec> variants, Path directory, String datasetLocation, Redactor redactor) {
    this(suite, variants, directory, datasetLocation, redactor, DEFAULT_MAX_RESULTS);
  }

  /** @param maxResults per-call results to write at most, 0 for no limit */
  public AllureWriter(SuiteSpec suite, List<VariantSpec> variants, Path directory, String datasetLocation, Redactor redactor,
      long maxResults) {
    this.maxResults = maxResults <= 0 ? Long.MAX_VALUE : maxResults;
    this.suite = suite;
    this.variants = variants.stream().collect(Collectors.toMap(VariantSpec::name, Function.identity()));
    this.directory = directory;
    this.datasetLocation = datasetLocation;
    this.redactor = redactor;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot create Allure results directory " + directory, e));
    }
    this.writer = new FileSystemResultsWriter(directory);
  }

  @Override
  public void accept(CaseResult result) {
    for (VariantOutcome outcome : result.outcomes()) {
      if (written >= maxResults) {
        omitted++;
        continue;
      }
      written++;
      writer.write(testResult(result, outcome));
    }
  }

  private TestResult testResult(CaseResult result, VariantOutcome outcome) {
    VariantSpec variant = variants.get(outcome.variant());
    ModelResponse response = outcome.response();
    String id = result.caseId();
    String uuid = UUID.randomUUID().toString();
    List<CheckResult> failed = outcome.checks().stream().filter(c -> !c.passed()).toList();
    Status status = outcome.errored() ? Status.BROKEN : failed.isEmpty() ? Status.PASSED : Status.FAILED;
    StatusDetails details = new StatusDetails();
    if (outcome.errored()) {
      details.setMessage(response.error().id() + ": " + redactor.apply(String.valueOf(response.errorMessage())));
    } else if (!failed.isEmpty()) {
      details.setMessage(String.join("\n", failed.stream().map(c -> c.check() + ": " + redactor.apply(c.reason())).toList()));
    }
    Set<String> families = new LinkedHashSet<>();
    failed.forEach(c -> families.add(c.details().getOrDefault(CheckResult.DETAIL_FAMILY, "custom")));
    List<Label> labels = new ArrayList<>(List.of(
        label("framework", "evalgate"), label("suite", suite.name()), label("parentSuite", "EvalGate"),
        label("subSuite", outcome.variant()), label("story", id), label("tag", outcome.variant())));
    if (suite.experiment() != null) {
      labels.add(label("epic", suite.experiment()));
    }
    if (families.isEmpty()) {
      labels.add(label("feature", outcome.errored() ? "transport" : "all checks"));
    } else {
      families.forEach(f -> labels.add(label("feature", f)));
    }
    List<Parameter> parameters = List.of(parameter("variant", outcome.variant()),
        parameter("model", variant == null ? "" : String.valueOf(variant.model())),
        parameter("prompt version", variant == null ? "" : variant.promptVersion()),
        parameter("case", id), parameter("repeat", String.valueOf(outcome.repeat())));
    List<Attachment> attachments = new ArrayList<>();
    attachments.add(attach("prompt", "text/plain", ResultsWriter.promptText(result.prompts().get(outcome.variant()))));
    attachments.add(attach("output", "text/plain", response.content() == null ? String.valueOf(response.errorMessage()) : response.content()));
    attachments.add(attach("checks", "application/json", checksJson(outcome)));
    long stop = System.currentTimeMillis();
    long start = stop - response.latency().toMillis();
    return new TestResult()
        .setUuid(uuid)
        .setHistoryId(SuiteFingerprint.sha256(suite.name() + "|" + id + "|" + outcome.variant() + "|" + outcome.repeat()))
        .setTestCaseId(SuiteFingerprint.sha256(suite.name() + "|" + id))
        .setName(id + " [" + outcome.variant() + (outcome.repeat() > 0 ? " #" + outcome.repeat() : "") + "]")
        .setFullName(datasetLocation + ":" + result.evalCase().line() + "#" + outcome.variant())
        .setStatus(status)
        .setStatusDetails(details)
        .setLabels(labels)
        .setParameters(parameters)
        .setAttachments(attachments)
        .setSteps(steps(outcome, stop))
        .setLinks(List.of(new Link().setName("dataset line").setUrl(datasetLocation + "#L" + result.evalCase().line()).setType("dataset")))
        .setStart(start)
        .setStop(stop);
  }

  private Attachment attach(String name, String type, String content) {
    String source = UUID.randomUUID() + "-attachment" + (type.equals("application/json") ? ".json" : ".txt");
    writer.write(source, new ByteArrayInputStream(redactor.apply(content).getBytes(StandardCharsets.UTF_8)));
    return new Attachment().setName(name).setType(type).setSource(source);
  }

  /**
   * One step per check, inside the result file (no extra file per case): name, status, and the
   * reason and score as its message.
   */
  private List<StepResult> steps(VariantOutcome outcome, long at) {
    List<StepResult> steps = new ArrayList<>(outcome.checks().size());
    for (CheckResult c : outcome.checks()) {
      String message = redactor.apply(c.reason()) + (c.score() == null ? "" : " (score " + c.score() + ")");
      steps.add(new StepResult()
          .setName(c.check())
          .setStatus(c.passed() ? Status.PASSED : Status.FAILED)
          .setStatusDetails(new StatusDetails().setMessage(message))
          .setStart(at)
          .setStop(at));
    }
    return steps;
  }

  private static String checksJson(VariantOutcome outcome) {
    StringBuilder json = new StringBuilder("[");
    for (CheckResult c : outcome.checks()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"name\":").append(quote(c.check())).append(",\"passed\":").append(c.passed())
          .append(",\"score\":").append(c.score()).append(",\"reason\":").append(quote(c.reason())).append('}');
    }
    return json.append(']').toString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
  }

  private static Label label(String name, String value) {
    return new Label().setName(name).setValue(value);
  }

  private static Parameter parameter(String name, String value) {
    return new Parameter().setName(name).setValue(value);
  }

  /** Run-level files, and the claims as results when allure-junit-platform is not there to report the tests. */
  public void finish(RunReport report) throws IOException {
    StringBuilder environment = new StringBuilder();
    environment.append("EvalGate=").append(EngineVersion.get()).append('\n');
    environment.append("Suite=").append(report.suite()).append('\n');
    environment.append("Dataset=").append(report.dataset().path()).append('\n');
    environment.append("Dataset.SHA256=").append(report.dataset().sha256()).append('\n');
    for (RunReport.VariantInfo v : report.variants()) {
      environment.append("Variant.").append(v.name()).append('=').append(v.provider()).append(' ').append(v.model()).append(' ')
          .append(v.promptVersion()).append('\n');
    }
    AtomicFiles.write(directory.resolve("environment.properties"), environment.toString());
    AtomicFiles.write(directory.resolve("executor.json"), "{\"name\":\"EvalGate\",\"type\":\"evalgate\",\"buildName\":"
        + quote(report.suite() + " " + report.createdAt()) + "}");
    AtomicFiles.write(directory.resolve("categories.json"), CATEGORIES);
    if (omitted > 0) {
      TestResult note = claim("results beyond " + written + " calls", Status.SKIPPED, omitted + " more calls of suite '" + suite.name()
          + "' are not in Allure (evalgate.allure.max-results=" + written + "); every call is in results.jsonl");
      writer.write(note);
    }
    if (!allureJunitPlatformPresent()) {
      for (CriterionResult c : report.gate().criteria()) {
        writer.write(claim("criterion: " + c.criterion() + (c.variant() == null ? "" : " [" + c.variant() + "]"),
            c.status() == dev.evalgate.engine.gate.Status.HOLDS ? Status.PASSED : Status.FAILED, c.message()));
      }
      for (Verdict v : report.gate().verdicts()) {
        writer.write(claim("gate: " + v.challenger(), v.decision() == dev.evalgate.engine.gate.Decision.PROMOTE ? Status.PASSED
            : Status.FAILED, v.message()));
      }
    }
  }

  private TestResult claim(String name, Status status, String message) {
    long now = System.currentTimeMillis();
    return new TestResult().setUuid(UUID.randomUUID().toString())
        .setHistoryId(SuiteFingerprint.sha256(suite.name() + "|claim|" + name)).setName(name)
        .setFullName(suite.name() + "#" + name).setStatus(status).setStatusDetails(new StatusDetails().setMessage(message))
        .setLabels(List.of(label("framework", "evalgate"), label("suite", suite.name()), label("feature", "gate")))
        .setStart(now).setStop(now);
  }

  static boolean allureJunitPlatformPresent() {
    try {
      Class.forName("io.qameta.allure.junitplatform.AllureJunitPlatform", false, AllureWriter.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static final String CATEGORIES = """
      [
        {"name": "Schema violations", "matchedStatuses": ["failed"], "messageRegex": "(?s).*schema[^:]*: .*(violation|no JSON).*"},
        {"name": "Refusals", "matchedStatuses": ["failed"], "messageRegex": "(?s).*(over-refusal|under-refusal|refused).*"},
        {"name": "Hallucination flags", "matchedStatuses": ["failed"], "messageRegex": "(?s).*(supported by the context|specifics appear|cites \\\\[|references).*"},
        {"name": "Length and limits", "matchedStatuses": ["failed"], "messageRegex": "(?s).*(expected at most|expected at least|truncated).*"},
        {"name": "Transport errors", "matchedStatuses": ["broken"], "messageRegex": "(?s)(rate_limited|server_error|timeout|connection|bad_response|client|exception).*"},
        {"name": "Authentication and recordings", "matchedStatuses": ["broken"], "messageRegex": "(?s)(auth|not_recorded).*"},
        {"name": "Gate", "matchedStatuses": ["failed"], "messageRegex": "(?s)(REJECT|INCONCLUSIVE).*"}
      ]
      """;
}
