package dev.evalgate.engine.execution;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.baseline.Baseline;
import dev.evalgate.engine.concurrent.RunThreads;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.RecordingMode;
import dev.evalgate.engine.dataset.CaseSampling;
import dev.evalgate.engine.dataset.DatasetException;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.evaluation.EvaluationPlan;
import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.evaluation.Judgement;
import dev.evalgate.engine.gate.ClaimResults;
import dev.evalgate.engine.io.SourcePaths;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.CaseSink;
import dev.evalgate.engine.model.Responder;
import dev.evalgate.engine.provider.Secrets;
import dev.evalgate.engine.provider.VariantOverrides;
import dev.evalgate.engine.recording.RecordingException;
import dev.evalgate.engine.recording.RecordingOwner;
import dev.evalgate.engine.recording.RecordingStore;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.SuiteSources;
import dev.evalgate.engine.run.CasePipeline;
import dev.evalgate.engine.run.Progress;
import dev.evalgate.engine.run.SinkChain;
import dev.evalgate.engine.run.Window;
import dev.evalgate.engine.telemetry.Telemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Runs one suite end to end: reads the dataset lazily, answers every case with every variant,
 * checks the answers, feeds the results to the sinks and evaluates the claims.
 */
public final class SuiteRunner {
  private final EngineConfiguration config;
  private final RunEnvironment environment;
  private final long maxHeldChars;

  /** A runner taking its responders, prices, threads and console from {@code environment}. */
  public SuiteRunner(EngineConfiguration config, RunEnvironment environment) {
    this(config, environment, Window.heldCharsFor(Runtime.getRuntime().maxMemory()));
  }

  /**
   * As {@link #SuiteRunner(EngineConfiguration, RunEnvironment)}, holding cases of at most {@code
   * maxHeldChars} characters past the minimum.
   */
  SuiteRunner(EngineConfiguration config, RunEnvironment environment, long maxHeldChars) {
    this.config = config;
    this.environment = environment;
    this.maxHeldChars = maxHeldChars;
  }

  /**
   * @param spec the suite
   * @param dataset its resolved dataset
   * @param claims whether the suite's claims are to be evaluated (false when only cases were
   *     selected)
   * @param selectedCases ids of individually selected cases; when {@code claims} is false only
   *     these run
   */
  public SuiteOutcome run(
      SuiteSpec declared, DatasetSource dataset, boolean claims, Set<String> selectedCases) {
    return run(declared, dataset, claims, selectedCases, null);
  }

  /**
   * As {@link #run(SuiteSpec, DatasetSource, boolean, Set)}, first noting {@code source} in the
   * report folder's {@link SuiteSources#FILE} when the run writes reports, so that {@code
   * evalgate:check} can tell two suites of one name apart across test JVMs.
   */
  public SuiteOutcome run(
      SuiteSpec declared,
      DatasetSource dataset,
      boolean claims,
      Set<String> selectedCases,
      @Nullable String source) {
    boolean split = declared.dataset().traces() != null && declared.dataset().traces().split();
    if (claims && source != null) {
      Path folder =
          split
              ? TrafficSplitRun.folder(config, declared.name())
              : RunReports.folder(config, declared.name());
      try {
        SuiteSources.append(folder, source, Instant.now());
      } catch (IOException e) {
        return SuiteOutcome.failed(
            "cannot write " + folder.resolve(SuiteSources.FILE) + ": " + e.getMessage());
      }
    }
    List<RowProblem> problems = new ArrayList<>();
    Map<String, CaseResult> selected = new LinkedHashMap<>();
    List<VariantSpec> variants =
        declared.variants().stream()
            .map(v -> VariantOverrides.apply(v, config.variant(v.name())))
            .toList();
    if (source != null && !split) {
      String clash = recordingsOfAnother(declared.name(), variants, source);
      if (clash != null) {
        return SuiteOutcome.failed(SuiteOutcome.Part.RECORDINGS, clash);
      }
    }
    if (split) {
      // production answered each case with one variant: compare those answers, call nothing
      return new TrafficSplitRun(config, environment)
          .run(
              declared,
              variants,
              dataset,
              selection(declared),
              seed(declared),
              claims,
              selectedCases);
    }
    Baseline baseline = null;
    if (config.baseline() != null && claims) {
      try {
        baseline = Baseline.load(config.baseline());
        baseline.requireDataset(DatasetReader.sha256(dataset));
      } catch (IOException e) {
        return SuiteOutcome.failed(
            SuiteOutcome.Part.BASELINE, Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      Baseline champion = baseline;
      variants = variants.stream().map(v -> v.control() ? champion.standIn(v) : v).toList();
    }
    SuiteSpec spec =
        new SuiteSpec(
            declared.name(),
            declared.experiment(),
            declared.dataset(),
            variants,
            declared.checks(),
            declared.gate(),
            declared.repeats(),
            declared.seed());
    int concurrency = config.concurrency();
    // every configured key, header value and base-URL credential, scrubbed from all that is
    // recorded, written or printed
    Secrets secrets = Secrets.of(variants, environment.variables());
    // the run's pools: its workers look recordings up (replay) and check the answers; stopped after
    // the responder is closed, when the run ends
    try (RunThreads threads = environment.threads().get()) {
      ExecutorService workers = threads.workers();
      RunReports reports = null;
      // opening the recordings or the dataset may fail: whatever was opened before is closed, and
      // the failure is the suite's
      try (Responder routing = environment.responders().open(spec, secrets, threads);
          Responder fromBaseline =
              baseline == null ? null : baseline.responder(spec.control().name(), routing);
          DatasetReader reader =
              DatasetReader.open(
                  dataset,
                  spec.dataset(),
                  spec.checks().stream().map(dev.evalgate.api.Check::name).toList(),
                  config.redactor(),
                  problems::add);
          Telemetry.Run telemetry = environment.telemetry().open(spec, environment.console())) {
        Responder responder = fromBaseline == null ? routing : fromBaseline;
        Iterator<EvalCase> cases = selection(spec).apply(reader);
        if (!claims) {
          cases = filter(cases, selectedCases);
        }
        Progress progress =
            new Progress(
                spec.name(),
                variants.stream().map(VariantSpec::name).toList(),
                0,
                config.progress(),
                environment.console());
        CasePipeline pipeline =
            new CasePipeline(
                spec,
                variants,
                responder,
                environment.prices(),
                Window.of(concurrency, variants.size() * spec.repeats(), maxHeldChars),
                progress,
                workers);
        if (claims) {
          reports =
              RunReports.open(
                  config,
                  spec,
                  variants,
                  dataset.location(),
                  dataset.file() == null ? dataset.location() : SourcePaths.display(dataset.file()),
                  secrets.values());
        }
        EvaluationPlan plan = EvaluationPlan.of(spec, seed(spec));
        // the first error message of each class reaches the console and the reports: redacted as
        // they are
        Evaluator evaluator =
            reports == null ? new Evaluator(plan) : new Evaluator(plan, reports::redact);
        List<CaseSink> sinks = new ArrayList<>();
        sinks.add(evaluator);
        if (reports != null) {
          sinks.addAll(reports.sinks());
        }
        sinks.add(telemetry);
        SinkChain chain = new SinkChain(sinks);
        // a live run that may stop calling once decided; a replay (or answers read from the
        // dataset) costs nothing, so it answers every case and is judged once
        SequentialCases looks =
            reports != null
                    && spec.gate().sequential()
                    && config.recordingMode().callsLive()
                    && variants.stream().anyMatch(v -> !VariantSpec.DATASET.equals(v.provider()))
                ? SequentialCases.shuffled(cases, seed(spec), spec.gate().looks(), evaluator)
                : null;
        long count =
            pipeline.run(
                looks == null ? cases : looks,
                looks == null ? () -> true : looks::ready,
                chain::prepare,
                prepared -> {
                  chain.accept(prepared);
                  if (looks != null) {
                    looks.delivered();
                  }
                  CaseResult result = prepared.result();
                  if (selectedCases.contains(result.caseId())) {
                    selected.put(result.caseId(), result);
                  }
                },
                problems::add,
                dataset.location());
        reader.close();
        problems.addAll(reader.slicesNotFound());
        problems.addAll(reader.clusterNotFound());
        if (count == 0 && claims) {
          problems.add(new RowProblem(dataset.location(), 0, DatasetReader.EMPTY));
        }
        RunReports open = reports;
        if (open == null) {
          // no claims to judge (only selected cases run): nothing is evaluated or written
          telemetry.finish(null, count, null);
          return new SuiteOutcome(problems, count, Map.of(), selected, List.of(), "");
        }
        Judgement judged =
            looks == null ? evaluator.finish(workers) : evaluator.finish(workers, looks.fraction());
        telemetry.finish(judged, count, reader.sha256());
        RunReports.Written written =
            open.finish(
                judged,
                reader.sha256(),
                count,
                problems.stream().filter(p -> !p.wholeFile()).count(),
                problems.stream().filter(RowProblem::wholeFile).count(),
                looks == null ? null : looks.outcome(variants.size() * spec.repeats()));
        reports = null;
        String console = written.console();
        environment.console().print(console);
        environment.console().flush();
        return new SuiteOutcome(
            problems,
            count,
            ClaimResults.of(spec, judged.gate()),
            selected,
            written.files(),
            console);
      } catch (DatasetException e) {
        return SuiteOutcome.failed(SuiteOutcome.Part.DATASET, e.describe());
      } catch (RecordingException e) {
        return SuiteOutcome.failed(SuiteOutcome.Part.RECORDINGS, e.getMessage());
      } catch (UncheckedIOException e) {
        IOException cause = e.getCause();
        String message = cause == null ? null : cause.getMessage();
        return SuiteOutcome.failed(Objects.requireNonNullElse(message, e.toString()));
      } catch (IOException e) {
        return SuiteOutcome.failed(
            dataset.location() + ": cannot read the dataset or write reports: " + e.getMessage());
      } finally {
        if (reports != null) {
          reports.abandon();
        }
      }
    }
  }

  /**
   * Before a run that may record (record, refresh or auto, with a variant that calls a model), why
   * it must not: the suite's recordings folder holds the recordings of another suite of its name
   * ({@link RecordingOwner}); else {@code null}, the folder now named as this suite's.
   */
  private @Nullable String recordingsOfAnother(
      String suite, List<VariantSpec> variants, String source) {
    if (config.recordingMode() == RecordingMode.REPLAY
        || config.recordingMode() == RecordingMode.OFF
        || variants.stream()
            .allMatch(
                v ->
                    VariantSpec.IN_PROCESS.equals(v.provider())
                        || VariantSpec.DATASET.equals(v.provider()))) {
      return null;
    }
    Path folder = config.recordingDir().resolve(RecordingStore.slug(suite));
    try {
      String other = RecordingOwner.claim(folder, source);
      return other == null
          ? null
          : folder
              + " holds the recordings of suite '"
              + suite
              + "' of "
              + other
              + " (its "
              + RecordingOwner.FILE
              + " file names it), and suite '"
              + suite
              + "' of "
              + source
              + " would record into it too, so each one's record and refresh runs would add to and"
              + " replace answers in the other's files; nothing was called or recorded. Give each"
              + " suite its own name (its suite: line, or SuiteSpec.named); if this suite is that"
              + " one renamed or moved, delete "
              + folder.resolve(RecordingOwner.FILE)
              + " and run again";
    } catch (IOException e) {
      return "cannot write " + folder.resolve(RecordingOwner.FILE) + ": " + e.getMessage();
    }
  }

  private CaseSampling selection(SuiteSpec spec) {
    Integer limit =
        config.datasetLimit() > 0 ? Integer.valueOf(config.datasetLimit()) : spec.dataset().limit();
    Integer sample =
        config.datasetSample() > 0
            ? Integer.valueOf(config.datasetSample())
            : spec.dataset().sample();
    return new CaseSampling(limit, sample, seed(spec), config.shard());
  }

  /**
   * The run's seed, of the sample and of the bootstrap intervals alike: {@code evalgate.seed}, else
   * the suite's.
   */
  private long seed(SuiteSpec spec) {
    return config.seed() != null ? config.seed() : spec.seed();
  }

  private static Iterator<EvalCase> filter(Iterator<EvalCase> cases, Set<String> ids) {
    List<EvalCase> kept = new ArrayList<>();
    while (cases.hasNext() && kept.size() < ids.size()) {
      EvalCase c = cases.next();
      if (ids.contains(c.id())) {
        kept.add(c);
      }
    }
    return kept.iterator();
  }
}
