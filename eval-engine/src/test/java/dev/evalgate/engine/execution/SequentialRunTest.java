package dev.evalgate.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.EngineWiring;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.fixtures.ReportSchema;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.run.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run with {@code gate.sequential}: judged after each share of its cases, it stops calling
 * once every verdict is decided and says how many calls it saved; one that is not decided answers
 * every case; a replay answers every case and is judged once.
 */
class SequentialRunTest {
  static final int CASES = 1000;

  @TempDir Path dir;

  private DatasetSource dataset;
  private final AtomicInteger challengerCalls = new AtomicInteger();

  @BeforeEach
  void dataset() throws IOException {
    dataset = write("d.jsonl", i -> "");
  }

  /** A dataset of {@link #CASES} rows {@code c-i} with {@code n = i} and {@code more} fields. */
  private DatasetSource write(String name, IntFunction<String> more) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        IntStream.range(0, CASES)
            .mapToObj(i -> "{\"id\":\"c-" + i + "\",\"n\":\"" + i + "\"" + more.apply(i) + "}\n")
            .collect(Collectors.joining()));
    return new DatasetSource(file.toString(), file.toUri(), file);
  }

  /** Answers "good" to the cases whose number {@code good} accepts, else "bad". */
  private static ModelResponse answer(List<ChatMessage> prompt, IntPredicate good) {
    String last = prompt.get(prompt.size() - 1).content();
    int n = Integer.parseInt(last.substring(last.indexOf(' ') + 1));
    return ModelResponse.ofText(good.test(n) ? "good" : "bad");
  }

  private SuiteSpec suite(IntPredicate control, IntPredicate challenger, String margin) {
    PromptTemplate prompt = PromptTemplate.of("seq-v1", "Answer.", "Case {{n}}");
    return SuiteSpec.named("sequential")
        .dataset(dataset.location())
        .control(
            VariantSpec.inProcess("control", p -> answer(p, control))
                .withPrompt(prompt)
                .asControl())
        .challenger(
            VariantSpec.inProcess(
                    "challenger",
                    p -> {
                      challengerCalls.incrementAndGet();
                      return answer(p, challenger);
                    })
                .withPrompt(prompt))
        .check(
            Check.of(
                "good",
                x ->
                    x.output().equals("good")
                        ? CheckResult.pass("good", "good")
                        : CheckResult.fail("good", "bad")))
        .gate(GateSpec.minCases(50).nonInferior("pass-rate(good)", margin).sequential(5))
        .build();
  }

  private SuiteOutcome run(String mode, SuiteSpec spec) {
    Map<String, String> values =
        Map.of(
            Constants.RECORDING_MODE,
            mode,
            Constants.RECORDING_DIR,
            dir.resolve("rec").toString(),
            Constants.OUTPUT_DIR,
            dir.resolve("out").toString(),
            Constants.ALLURE_ENABLED,
            "false",
            Constants.CONCURRENCY,
            "8");
    EngineConfiguration config =
        EngineConfiguration.from(Settings.of(k -> Optional.ofNullable(values.get(k))));
    return new SuiteRunner(
            config,
            EngineWiring.environment(config),
            Window.heldCharsFor(Runtime.getRuntime().maxMemory()))
        .run(spec, dataset, true, Set.of());
  }

  @Test
  void aClearlyBetterChallengerIsPromotedAtTheFirstLookAndTheRestIsNeverCalled()
      throws IOException {
    SuiteOutcome outcome = run("off", suite(n -> n % 10 < 6, n -> true, "5pp"));

    assertThat(outcome.failure()).isNull();
    assertThat(outcome.claims().get("gate@challenger").status().name()).isEqualTo("HOLDS");
    // the first look comes after 200 cases, and no case is handed out before it is taken
    assertThat(challengerCalls.get()).isEqualTo(200);
    assertThat(outcome.cases()).isEqualTo(challengerCalls.get());
    // the report keeps the design, so that a merge or a baseline judges it again the same way
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("out/sequential/report.json").toFile())
                .get("policy")
                .get("looks")
                .asInt())
        .isEqualTo(5);
    assertThat(outcome.summary())
        .contains(
            "  sequential: decided at look 1 of 5, after 200 of 1,000 cases; 1,600 of 2,000 calls"
                + " saved (80.0%)\n")
        .contains("99.9999% CI");
    // where it stopped is kept with the figures, not only in the build log
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("out/sequential/report.json").toFile())
                .get("sequential")
                .toString())
        .isEqualTo(
            "{\"looks\":5,\"decidedAt\":1,\"cases\":200,\"plannedCases\":1000,\"calls\":400,"
                + "\"plannedCalls\":2000}");
    assertThat(Files.readString(dir.resolve("out/sequential/report.md")))
        .contains(
            "\nsequential: decided at look 1 of 5, after 200 of 1,000 cases; 1,600 of 2,000 calls"
                + " saved (80.0%)\n");
    assertThat(
            ReportReader.read(dir.resolve("out/sequential/report.json")).sequential().decidedAt())
        .isEqualTo(1);
    assertThat(
            ReportSchema.runReport()
                .validate(
                    new ObjectMapper()
                        .readTree(dir.resolve("out/sequential/report.json").toFile())))
        .isEmpty();
  }

  @Test
  void aChallengerThatIsNotDecidedAnswersEveryCase() {
    // discordant on every case, no difference on average: a 1 pp margin is never decided
    SuiteOutcome outcome = run("off", suite(n -> n % 2 == 0, n -> n % 2 == 1, "1pp"));

    assertThat(challengerCalls.get()).isEqualTo(CASES);
    assertThat(outcome.summary())
        .contains(
            "  sequential: 5 looks, undecided before the last; every case answered (2,000"
                + " calls)\n");
  }

  @Test
  void answersReadFromTheDatasetAreAllJudgedOnce() throws IOException {
    dataset =
        write(
            "answered.jsonl",
            i -> ",\"old\":\"" + (i % 10 < 6 ? "good" : "bad") + "\",\"new\":\"good\"");
    SuiteSpec spec =
        SuiteSpec.named("sequential")
            .dataset(dataset.location())
            .control(VariantSpec.fromDataset("control", "old").asControl())
            .challenger(VariantSpec.fromDataset("challenger", "new"))
            .check(suite(n -> true, n -> true, "5pp").checks().get(0))
            .gate(GateSpec.minCases(50).nonInferior("pass-rate(good)", "5pp").sequential(5))
            .build();

    SuiteOutcome outcome = run("off", spec);

    assertThat(outcome.failure()).isNull();
    assertThat(outcome.cases()).isEqualTo(CASES);
    assertThat(outcome.summary()).doesNotContain("  sequential:");
  }

  @Test
  void aReplayAnswersEveryCaseAndIsJudgedOnce() throws IOException {
    SuiteSpec spec = suite(n -> n % 10 < 6, n -> true, "5pp");

    SuiteOutcome outcome = run("replay", spec);

    assertThat(challengerCalls.get()).isEqualTo(CASES);
    assertThat(outcome.cases()).isEqualTo(CASES);
    assertThat(outcome.summary()).doesNotContain("  sequential:");
    assertThat(outcome.claims().get("gate@challenger").status().name()).isEqualTo("HOLDS");
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("out/sequential/report.json").toFile())
                .has("sequential"))
        .isFalse();
  }
}
