package dev.evalgate.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.concurrent.RunThreads;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.model.Responder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite run takes its responders, prices, threads, console and variables from the environment it
 * is given.
 */
class RunEnvironmentTest {
  static final String KEY = "sk-fake-key-0123456789";

  @TempDir Path dir;

  @Test
  void aRunWithAFakeEnvironmentCallsNothingButItAndClosesWhatItOpened() throws Exception {
    Path dataset = dir.resolve("d.jsonl");
    Files.writeString(
        dataset, "{\"id\":\"q-1\",\"city\":\"France\"}\n{\"id\":\"q-2\",\"city\":\"Italy\"}\n");
    SuiteSpec spec =
        SuiteSpec.named("faked")
            .dataset(dataset.toString())
            .control(
                VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
                    .withPrompt(PromptTemplate.of("capital-v1", "Answer.", "Capital of {{city}}?")))
            .challenger(
                VariantSpec.http("challenger", VariantSpec.OPENAI, "no-such-model")
                    .withPrompt(
                        PromptTemplate.of("capital-v2", "Answer briefly.", "Capital of {{city}}?")))
            .check(Check.of("answered", x -> CheckResult.pass("answered", "ok")))
            .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
            .build();
    List<String> calls = new CopyOnWriteArrayList<>();
    AtomicReference<List<String>> secretsSeen = new AtomicReference<>();
    AtomicReference<Boolean> responderClosed = new AtomicReference<>(false);
    AtomicReference<RunThreads> threadsGiven = new AtomicReference<>();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RunEnvironment environment =
        new RunEnvironment(
            (suite, secrets, threads) -> {
              secretsSeen.set(secrets.values());
              return new Responder() {
                @Override
                public CompletableFuture<ModelResponse> answer(CallRequest request) {
                  calls.add(request.variant().name() + " " + request.evalCase().id());
                  // the answer quotes the key: the reports must not
                  return CompletableFuture.completedFuture(
                      new ModelResponse(
                          "Paris " + KEY,
                          "stop",
                          new TokenUsage(1_000, 500, false),
                          Duration.ofMillis(7),
                          Duration.ofMillis(3),
                          200,
                          "r-1",
                          null,
                          null,
                          false));
                }

                @Override
                public void close() {
                  responderClosed.set(true);
                }
              };
            },
            (variant, usage) -> variant.name().equals("control") ? 0.25 : null,
            () -> {
              threadsGiven.set(new RunThreads());
              return threadsGiven.get();
            },
            new PrintStream(console, true, StandardCharsets.UTF_8),
            name -> name.equals("OPENAI_API_KEY") ? KEY : null);
    Map<String, String> values =
        Map.of(
            Constants.OUTPUT_DIR,
            dir.resolve("out").toString(),
            Constants.ALLURE_ENABLED,
            "false",
            Constants.PROGRESS,
            "off");
    Settings settings = Settings.of(k -> Optional.ofNullable(values.get(k)));

    SuiteOutcome outcome =
        new SuiteRunner(EngineConfiguration.from(settings), environment)
            .run(
                spec,
                new DatasetSource(dataset.toString(), dataset.toUri(), dataset),
                true,
                Set.of());

    assertThat(outcome.failure()).isNull();
    assertThat(calls)
        .containsExactlyInAnyOrder(
            "control q-1", "control q-2", "challenger q-1", "challenger q-2");
    assertThat(secretsSeen.get())
        .as("keys are read from the environment's variables")
        .containsExactly(KEY);
    assertThat(console.toString(StandardCharsets.UTF_8))
        .as("the summary is printed on the given console")
        .isEqualTo(outcome.summary())
        .isNotBlank();
    assertThat(responderClosed.get()).isTrue();
    assertThatThrownBy(() -> threadsGiven.get().workers())
        .as("the run stopped its threads")
        .isInstanceOf(IllegalStateException.class);
    Path out =
        outcome.files().stream()
            .filter(f -> f.getFileName().toString().equals("report.json"))
            .findFirst()
            .orElseThrow();
    JsonNode variants =
        new ObjectMapper().readTree(out.toFile()).path("evaluation").path("variants");
    assertThat(variants.get(0).path("cost").path("total").doubleValue())
        .as("the given prices, not the bundled table")
        .isEqualTo(0.5);
    assertThat(variants.get(1).path("cost").path("total").isNull()).isTrue();
    assertThat(variants.get(1).path("cost").path("unknownCalls").intValue()).isEqualTo(2);
    for (Path file : outcome.files()) {
      if (Files.isRegularFile(file)) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY);
      }
    }
  }
}
