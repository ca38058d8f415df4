package dev.evalgate.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.EngineWiring;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.run.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's one worker pool: shared by the replay look-ups and the checks, and gone when the run
 * ends.
 */
class SuiteRunnerTest {
  static final String WORKER = "evalgate-worker-";
  static final String OK =
      "{\"choices\":[{\"message\":{\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}";
  static final int CASES = 60;

  @TempDir Path dir;

  SuiteOutcome run(String mode, SuiteSpec spec, DatasetSource dataset, Set<String> ids) {
    return run(mode, spec, dataset, ids, Map.of());
  }

  SuiteOutcome run(
      String mode,
      SuiteSpec spec,
      DatasetSource dataset,
      Set<String> ids,
      Map<String, String> more) {
    return run(
        mode, spec, dataset, ids, more, Window.heldCharsFor(Runtime.getRuntime().maxMemory()));
  }

  SuiteOutcome run(
      String mode,
      SuiteSpec spec,
      DatasetSource dataset,
      Set<String> ids,
      Map<String, String> more,
      long maxHeldChars) {
    Map<String, String> values =
        new java.util.HashMap<>(
            Map.of(
                Constants.RECORDING_MODE,
                mode,
                Constants.RECORDING_DIR,
                dir.resolve("rec").toString(),
                Constants.OUTPUT_DIR,
                dir.resolve("out").toString(),
                Constants.ALLURE_ENABLED,
                "false"));
    values.putAll(more);
    Settings settings = Settings.of(k -> Optional.ofNullable(values.get(k)));
    EngineConfiguration config = EngineConfiguration.from(settings);
    return new SuiteRunner(config, EngineWiring.environment(config), maxHeldChars)
        .run(spec, dataset, false, ids);
  }

  /** Names of live threads of a run's worker pool. */
  static List<String> liveWorkers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(WORKER))
        .sorted()
        .toList();
  }

  /**
   * Waits (at most ten seconds) for the workers of a shut-down pool to end; returns those still
   * alive.
   */
  static List<String> workersAfterTheRun() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> live = liveWorkers();
    while (!live.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      live = liveWorkers();
    }
    return live;
  }

  @Test
  void replayedAnswersAreCheckedOnTheRunsWorkersWhichEndWithTheRun() throws Exception {
    Path dataset = dir.resolve("d.jsonl");
    Files.writeString(
        dataset,
        IntStream.range(0, CASES)
            .mapToObj(i -> "{\"id\":\"p-" + i + "\",\"name\":\"n" + i + "\"}\n")
            .collect(Collectors.joining()));
    DatasetSource source = new DatasetSource(dataset.toString(), dataset.toUri(), dataset);
    Set<String> ids = IntStream.range(0, CASES).mapToObj(i -> "p-" + i).collect(Collectors.toSet());
    Set<String> checkThreads = ConcurrentHashMap.newKeySet();
    Check thread =
        Check.of(
            "thread",
            x -> {
              checkThreads.add(Thread.currentThread().getName());
              return CheckResult.pass("thread", "noted the thread");
            });
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "application/json")
                  .body(OK)
                  .build();
            }
          });
      server.start();
      SuiteSpec spec =
          SuiteSpec.named("pool")
              .dataset(dataset.toString())
              .control(
                  VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
                      .withPrompt(PromptTemplate.of("pool-v1", "Greet.", "Greet {{name}}"))
                      .withBaseUrl(server.url("/v1").toString()))
              .check(thread)
              .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
              .build();

      SuiteOutcome recorded = run("record", spec, source, ids);
      assertThat(recorded.failure()).isNull();
      assertThat(recorded.cases()).isEqualTo(CASES);
      assertThat(workersAfterTheRun()).as("worker threads alive after the record run").isEmpty();
      checkThreads.clear();

      SuiteOutcome replayed = run("replay", spec, source, ids);

      assertThat(replayed.failure()).isNull();
      assertThat(replayed.selectedCases()).hasSize(CASES);
      assertThat(replayed.selectedCases().values())
          .allSatisfy(
              result -> {
                VariantOutcome outcome = result.outcomeOf("control", 0);
                assertThat(outcome).isNotNull();
                assertThat(outcome.response().recorded()).isTrue();
                assertThat(outcome.passedAll()).isTrue();
              });
      assertThat(server.getRequestCount()).as("replay calls nothing").isEqualTo(CASES);
    }
    assertThat(checkThreads)
        .as("threads that checked replayed answers")
        .anyMatch(n -> n.startsWith(WORKER));
    assertThat(workersAfterTheRun()).as("worker threads alive after the replay run").isEmpty();
  }

  @Test
  void aCorruptRecordingFailsTheSuiteWithItsFileAndLineAndLeavesNothingRunning() throws Exception {
    Path dataset = dir.resolve("d.jsonl");
    Files.writeString(dataset, "{\"id\":\"p-0\",\"name\":\"n0\"}\n");
    DatasetSource source = new DatasetSource(dataset.toString(), dataset.toUri(), dataset);
    Path recordings = Files.createDirectories(dir.resolve("rec").resolve("corrupt"));
    Files.writeString(recordings.resolve("control.jsonl"), "{\"key\": \"tr\n");
    SuiteSpec spec =
        SuiteSpec.named("corrupt")
            .dataset(dataset.toString())
            .control(
                VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
                    .withPrompt(PromptTemplate.of("corrupt-v1", "Greet.", "Greet {{name}}"))
                    .withBaseUrl("http://127.0.0.1:9/v1"))
            .check(Check.of("any", x -> CheckResult.pass("any", "ok")))
            .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
            .build();

    SuiteOutcome outcome = run("replay", spec, source, Set.of());

    assertThat(outcome.failure())
        .startsWith(recordings.resolve("control.jsonl") + ":1: corrupt recording (");
    assertThat(workersAfterTheRun()).as("worker threads alive after the failed run").isEmpty();
  }

  @Test
  void aStuckCallHoldsUpTheCallsAfterItOnlyOnceSixteenCallsPerSlotWereAnswered() throws Exception {
    Path dataset = dir.resolve("d.jsonl");
    Files.writeString(
        dataset,
        IntStream.range(0, 100)
            .mapToObj(i -> "{\"id\":\"p-" + i + "\",\"name\":\"n" + i + "\"}\n")
            .collect(Collectors.joining()));
    DatasetSource source = new DatasetSource(dataset.toString(), dataset.toUri(), dataset);
    Set<String> ids = IntStream.range(0, 100).mapToObj(i -> "p-" + i).collect(Collectors.toSet());
    java.util.concurrent.atomic.AtomicInteger answeredMeanwhile =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch enough = new java.util.concurrent.CountDownLatch(60);
    boolean[] released = new boolean[1];
    SuiteSpec spec =
        SuiteSpec.named("window")
            .dataset(dataset.toString())
            .control(
                VariantSpec.inProcess(
                        "control",
                        prompt -> {
                          if (prompt.get(prompt.size() - 1).content().equals("Greet n0")) {
                            // the first case's call is stuck until 60 later cases were answered (at
                            // most ten seconds)
                            try {
                              released[0] = enough.await(10, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          } else {
                            answeredMeanwhile.incrementAndGet();
                            enough.countDown();
                          }
                          return dev.evalgate.api.ModelResponse.ofText("Hello!");
                        })
                    .withPrompt(PromptTemplate.of("window-v1", "Greet.", "Greet {{name}}")))
            .check(Check.of("any", x -> CheckResult.pass("any", "ok")))
            .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
            .build();

    // concurrency 4, one call a case: the window is 64 cases (16 calls per slot), where twice the
    // concurrency held 32
    SuiteOutcome outcome = run("replay", spec, source, ids, Map.of(Constants.CONCURRENCY, "4"));

    assertThat(outcome.failure()).isNull();
    assertThat(outcome.selectedCases()).hasSize(100);
    assertThat(released[0])
        .as("60 later cases were answered while the first call was stuck")
        .isTrue();
    assertThat(Window.cases(4, 1)).isEqualTo(64);
    assertThat(Window.cases(64, 2)).isEqualTo(512);
    assertThat(Window.cases(16, 20)).as("at least 32 cases").isEqualTo(32);
    assertThat(Window.cases(4096, 1))
        .as("bounded, but at least twice the concurrency in calls")
        .isEqualTo(16_384);
    assertThat(Window.cases(4096, 4)).isEqualTo(4_096);
  }

  @Test
  void largeCasesShrinkTheWindowToTwiceTheConcurrencyButNoFurther() throws Exception {
    // concurrency 4, one call a case: 64 cases by count, 8 at least; about 200,000 characters a
    // case
    // (the row's variable, and the prompt it is rendered into) against 2,000,000: the run holds ten
    // cases, the stuck one and nine answered behind it
    assertThat(answeredBehindAStuckCase(2_000_000)).isEqualTo(9);
    // however large the cases, twice the concurrency in calls: eight cases, the stuck one and seven
    assertThat(answeredBehindAStuckCase(1)).isEqualTo(7);
    assertThat(answeredBehindAStuckCase(Window.heldCharsFor(256L << 20)))
        .as("32 MB of text: every case, by count")
        .isEqualTo(29);

    assertThat(Window.of(4, 1, 1)).isEqualTo(new Window(64, 8, 1));
    assertThat(Window.of(64, 2, 1))
        .as("twice the concurrency in calls, in cases")
        .isEqualTo(new Window(512, 64, 1));
    assertThat(Window.of(3, 4, 1).minimumCases()).as("rounded up").isEqualTo(2);
    assertThat(Window.heldCharsFor(256L << 20))
        .as("an eighth of the heap at two bytes a character")
        .isEqualTo(16L << 20);
  }

  /**
   * Runs 30 cases of about 100,000 characters; returns how many were answered while the first one's
   * call was stuck.
   */
  private int answeredBehindAStuckCase(long maxHeldChars) throws Exception {
    int cases = 30;
    String large = "x".repeat(100_000);
    Path dataset = dir.resolve("large.jsonl");
    Files.writeString(
        dataset,
        IntStream.range(0, cases)
            .mapToObj(i -> "{\"id\":\"p-" + i + "\",\"name\":\"" + i + large + "\"}\n")
            .collect(Collectors.joining()));
    DatasetSource source = new DatasetSource(dataset.toString(), dataset.toUri(), dataset);
    Set<String> ids = IntStream.range(0, cases).mapToObj(i -> "p-" + i).collect(Collectors.toSet());
    java.util.concurrent.atomic.AtomicInteger answeredMeanwhile =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch firstDone = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch allOthers =
        new java.util.concurrent.CountDownLatch(cases - 1);
    int[] answeredWhileStuck = {-1};
    SuiteSpec spec =
        SuiteSpec.named("large")
            .dataset(dataset.toString())
            .control(
                VariantSpec.inProcess(
                        "control",
                        prompt -> {
                          if (prompt.get(prompt.size() - 1).content().startsWith("Greet 0x")) {
                            // stuck until every other case was answered, or for two seconds: the
                            // cases answered
                            // meanwhile are the ones the window held
                            try {
                              allOthers.await(2, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            answeredWhileStuck[0] = answeredMeanwhile.get();
                            firstDone.countDown();
                          } else if (firstDone.getCount() > 0) {
                            answeredMeanwhile.incrementAndGet();
                            allOthers.countDown();
                          }
                          // usage given, so that no tokens are counted
                          return new dev.evalgate.api.ModelResponse(
                              "Hello!",
                              "stop",
                              new dev.evalgate.api.TokenUsage(25_000, 2, false),
                              java.time.Duration.ofMillis(1),
                              null,
                              200,
                              null,
                              null,
                              null,
                              false);
                        })
                    .withPrompt(PromptTemplate.of("large-v1", "Greet.", "Greet {{name}}")))
            .check(Check.of("any", x -> CheckResult.pass("any", "ok")))
            .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
            .build();

    SuiteOutcome outcome =
        run("replay", spec, source, ids, Map.of(Constants.CONCURRENCY, "4"), maxHeldChars);

    assertThat(outcome.failure()).isNull();
    assertThat(outcome.selectedCases()).as("every case ran in the end").hasSize(cases);
    return answeredWhileStuck[0];
  }
}
