package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.AppSuites;
import dev.evalgate.engine.report.results.ResultsWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * An app variant's cases through the engine: recorded through the endpoint from a provider, then
 * replayed with the provider gone; each results line holds the final answer and its steps (valid
 * against the schema), and the case's tokens are the sum of its calls'.
 */
class AppPipelineReportsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  List<JsonNode> run(String mode, String baseUrl, Path output) throws IOException {
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .configurationParameter(Constants.RECORDING_MODE, mode)
        .configurationParameter(Constants.RECORDING_DIR, dir.resolve("recordings").toString())
        .configurationParameter(Constants.VARIANT_PREFIX + "first.base-url", baseUrl)
        .configurationParameter(Constants.VARIANT_PREFIX + "second.base-url", baseUrl)
        .selectors(selectClass(AppSuites.Pipelines.class))
        .execute();
    List<JsonNode> lines = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            output.resolve("pipelines").resolve(ResultsWriter.FILE), StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void eachCaseHoldsItsFinalAnswerAndTheTraceOfItsCallsRecordedThenReplayed() throws Exception {
    String baseUrl;
    List<JsonNode> live;
    try (MockWebServer provider = new MockWebServer()) {
      provider.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String name = request.getBody().utf8().replaceAll(".*Greet ([A-Za-z]+).*", "$1");
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "application/json")
                  .body(
                      "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hello, "
                          + name
                          + "!\"},\"finish_reason\":\"stop\"}],"
                          + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4}}")
                  .build();
            }
          });
      provider.start();
      baseUrl = provider.url("/v1").toString();
      live = run("record", baseUrl, dir.resolve("live"));
      assertThat(provider.getRequestCount()).isEqualTo(live.size() * 2);
    }
    List<JsonNode> replayed = run("replay", baseUrl, dir.resolve("replayed"));
    assertThat(live).isNotEmpty();
    for (List<JsonNode> lines : List.of(live, replayed)) {
      assertThat(lines)
          .allSatisfy(
              line -> {
                assertThat(ReportsTest.schema("results-line-v1.schema.json").validate(line))
                    .isEmpty();
                assertThat(line.path("error_class").isNull()).as(line.toString()).isTrue();
                assertThat(line.path("output").asText()).startsWith("Hello, ");
                assertThat(line.path("steps")).hasSize(2);
                assertThat(line.path("steps").get(0).path("model").asText()).isEqualTo("m-draft");
                assertThat(line.path("steps").get(1).path("model").asText()).isEqualTo("m-polish");
                assertThat(line.path("tokens_in").asLong()).isEqualTo(20);
                assertThat(line.path("tokens_out").asLong()).isEqualTo(8);
              });
    }
    assertThat(replayed)
        .allSatisfy(
            line -> {
              assertThat(line.path("recorded").asBoolean()).isTrue();
              assertThat(line.path("steps"))
                  .allSatisfy(step -> assertThat(step.path("recorded").asBoolean()).isTrue());
            });
    assertThat(replayed.stream().map(l -> l.path("output").asText()).toList())
        .isEqualTo(live.stream().map(l -> l.path("output").asText()).toList());
  }
}
