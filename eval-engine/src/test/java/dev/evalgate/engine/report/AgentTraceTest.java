package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.AgentSuites;
import dev.evalgate.engine.report.results.ResultsWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A tool-calling agent through the engine: three model calls per answer for the control (two tool
 * rounds, then the answer), four for a challenger that plans with a larger model first. Recorded
 * once through the recording endpoint from a provider on loopback; every test then replays it with
 * the provider gone, the base URL pointing at a closed port and no key: nothing may reach a
 * network.
 */
class AgentTraceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String NOWHERE = "http://127.0.0.1:9/v1";
  static final Pattern ORDER = Pattern.compile("A-\\d+");

  @TempDir static Path recorded;
  @TempDir Path dir;

  /** The provider: a plan when no tools are offered, else a tool per round, then the answer. */
  static MockResponse answerOf(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String message;
    String finish;
    int promptTokens;
    int completionTokens = 7;
    if (!body.has("tools")) {
      message = "{\"role\":\"assistant\",\"content\":\"Look the order up, then refund it.\"}";
      finish = "stop";
      promptTokens = 20;
      completionTokens = 30;
    } else {
      int results = 0;
      String order = "";
      for (JsonNode m : body.path("messages")) {
        results += m.path("role").asText().equals("tool") ? 1 : 0;
        Matcher matcher = ORDER.matcher(m.path("content").asText());
        if (m.path("role").asText().equals("user") && matcher.find()) {
          order = matcher.group();
        }
      }
      String arguments = "{\\\"order_id\\\":\\\"" + order + "\\\"}";
      message =
          results < 2
              ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_"
                  + results
                  + "\",\"type\":\"function\",\"function\":{\"name\":\""
                  + (results == 0 ? "lookup_order" : "request_refund")
                  + "\",\"arguments\":\""
                  + arguments
                  + "\"}}]}"
              : "{\"role\":\"assistant\",\"content\":\"Refund filed for " + order + ".\"}";
      finish = results < 2 ? "tool_calls" : "stop";
      promptTokens = 40 + results * 10;
    }
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(
            "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":"
                + message
                + ",\"finish_reason\":\""
                + finish
                + "\"}],\"usage\":{\"prompt_tokens\":"
                + promptTokens
                + ",\"completion_tokens\":"
                + completionTokens
                + "}}")
        .build();
  }

  static void run(String mode, String baseUrl, Path output, Path allure) {
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "true")
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, allure.toString())
        .configurationParameter(Constants.RECORDING_MODE, mode)
        .configurationParameter(Constants.RECORDING_DIR, recorded.resolve("recordings").toString())
        .configurationParameter(Constants.VARIANT_PREFIX + "agent.base-url", baseUrl)
        .configurationParameter(Constants.VARIANT_PREFIX + "planner.base-url", baseUrl)
        .selectors(selectClass(AgentSuites.Refunds.class))
        .execute();
  }

  @BeforeAll
  static void record() throws IOException {
    try (MockWebServer provider = new MockWebServer()) {
      provider.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return answerOf(request);
            }
          });
      provider.start();
      run(
          "record",
          provider.url("/v1").toString(),
          recorded.resolve("live"),
          recorded.resolve("live-allure"));
      // 3 cases: 3 calls each for the control, 4 for the challenger
      assertThat(provider.getRequestCount()).isEqualTo(3 * 3 + 3 * 4);
    }
  }

  static List<JsonNode> lines(Path output) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            output.resolve("refunds").resolve(ResultsWriter.FILE), StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void theAgentReplaysEveryCallWithNoNetworkAndEachCaseCountsItsCallsTokensAndEveryStepsCost()
      throws Exception {
    Path output = dir.resolve("replayed");
    run("replay", NOWHERE, output, dir.resolve("allure"));

    List<JsonNode> lines = lines(output);
    assertThat(lines).hasSize(6);
    for (JsonNode line : lines) {
      assertThat(line.path("error_class").isNull()).as(line.toString()).isTrue();
      assertThat(line.path("recorded").asBoolean()).isTrue();
      assertThat(line.path("output").asText()).startsWith("Refund filed for A-");
      assertThat(line.path("tool_calls"))
          .extracting(c -> c.path("name").asText())
          .containsExactly("lookup_order", "request_refund");
      assertThat(line.path("checks"))
          .allSatisfy(c -> assertThat(c.path("passed").asBoolean()).isTrue());
      boolean planner = line.path("variant").asText().equals("planner");
      assertThat(line.path("steps"))
          .extracting(s -> s.path("model").asText())
          .containsExactlyElementsOf(
              planner
                  ? List.of("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-mini", "gpt-4.1-mini")
                  : List.of("gpt-4.1-mini", "gpt-4.1-mini", "gpt-4.1-mini"));
      assertThat(line.path("steps"))
          .allSatisfy(s -> assertThat(s.path("recorded").asBoolean()).isTrue());
      // every step priced as its own model (per 1M tokens: gpt-4.1 $2/$8, gpt-4.1-mini $0.4/$1.6)
      double mini = (150 * 0.40 + 21 * 1.60) / 1e6;
      double plan = (20 * 2.00 + 30 * 8.00) / 1e6;
      assertThat(line.path("cost_usd").asDouble())
          .isCloseTo(planner ? mini + plan : mini, within(1e-12));
    }

    JsonNode report = JSON.readTree(output.resolve("refunds").resolve("report.json").toFile());
    JsonNode agent = report.path("evaluation").path("variants").get(0);
    JsonNode planner = report.path("evaluation").path("variants").get(1);
    assertThat(agent.path("callsPerCase").path("mean").asDouble()).isEqualTo(3.0);
    assertThat(planner.path("callsPerCase").path("mean").asDouble()).isEqualTo(4.0);
    assertThat(agent.path("tokensPerCase").path("mean").asDouble()).isEqualTo(150 + 21);
    assertThat(planner.path("tokensPerCase").path("mean").asDouble()).isEqualTo(150 + 21 + 50);
    JsonNode comparison = report.path("evaluation").path("comparisons").get(0);
    assertThat(comparison.path("callsPerCase").path("mean").asDouble()).isEqualTo(1.0);
    assertThat(comparison.path("tokensPerCase").path("mean").asDouble()).isEqualTo(50.0);
    assertThat(ReportsTest.schema("run-report-v1.schema.json").validate(report)).isEmpty();

    assertThat(report.path("gate").path("verdicts").get(0).path("decision").asText())
        .isEqualTo("REJECT");
    assertThat(report.path("gate").path("criteria").get(1).path("message").asText())
        .isEqualTo("planner mean model calls per case is 4.0, but expected maximum is 3.0 (n=3)");
    assertThat(report.path("gate").path("criteria").get(2).path("status").asText())
        .isEqualTo("HOLDS");
    assertThat(report.path("gate").path("criteria").get(2).path("message").asText())
        .startsWith(
            "planner mean tokens per case 221.0 is non-inferior to agent 171.0 (Δ 50.0, 95% CI"
                + " [50.0, 50.0], margin +60.0, n=3)");
  }

  @Test
  void thePageAndAllureShowEachModelCallWithItsModelTokensLatencyAndToolCalls() throws Exception {
    Path output = dir.resolve("replayed");
    Path allure = dir.resolve("allure");
    run("replay", NOWHERE, output, allure);

    String dom = Chromium.require().dumpDom(output.resolve("refunds").resolve("report.html"), dir);
    assertThat(dom)
        .contains(
            "<tr><td>model calls / tokens per case</td><td>3.0 / 171</td><td>4.0 / 221</td></tr>")
        .contains("<summary>4 model calls · 221 tokens · ")
        .contains("<summary>3 model calls · 171 tokens · ")
        .containsPattern(
            "<li>gpt-4\\.1 · 20 \\+ 30 tokens · \\d+ ms · replayed</li>"
                + "<li>gpt-4\\.1-mini · 40 \\+ 7 tokens · \\d+ ms · replayed"
                + "<div class=\"tool\">→ lookup_order\\(\\{\"order_id\":\"A-1\"\\}\\)</div></li>");

    List<JsonNode> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(allure)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        JsonNode result = JSON.readTree(file.toFile());
        if (result.path("name").asText().startsWith("r-1 [planner]")) {
          results.add(result);
        }
      }
    }
    assertThat(results).hasSize(1);
    JsonNode result = results.get(0);
    List<String> steps = new ArrayList<>();
    result.path("steps").forEach(step -> steps.add(step.path("name").asText()));
    assertThat(steps).hasSize(7).endsWith("tool-call", "tool-schema", "expected-tool-calls");
    assertThat(String.join("\n", steps.subList(0, 4)))
        .matches(
            "model call 1 of 4: gpt-4\\.1, 20 \\+ 30 tokens, \\d+ ms \\(replayed\\)\n"
                + "model call 2 of 4: gpt-4\\.1-mini, 40 \\+ 7 tokens, \\d+ ms \\(replayed\\)"
                + " → lookup_order\n"
                + "model call 3 of 4: gpt-4\\.1-mini, 50 \\+ 7 tokens, \\d+ ms \\(replayed\\)"
                + " → request_refund\n"
                + "model call 4 of 4: gpt-4\\.1-mini, 60 \\+ 7 tokens, \\d+ ms \\(replayed\\)");
    JsonNode attachment = null;
    for (JsonNode a : result.path("attachments")) {
      if (a.path("name").asText().equals("model calls")) {
        attachment = JSON.readTree(allure.resolve(a.path("source").asText()).toFile());
      }
    }
    assertThat(attachment).as("the \"model calls\" attachment").isNotNull();
    assertThat(attachment.path("steps")).hasSize(4);
    assertThat(attachment.path("steps").get(1).path("tool_calls").get(0).path("arguments").asText())
        .isEqualTo("{\"order_id\":\"A-1\"}");
  }
}
