package dev.evalgate.engine.report.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.report.results.ResultsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * With allure-junit-platform on the classpath (it is, in this module's tests), its listener reports
 * the criteria and gate tests; EvalGate then writes only the per-case results, so nothing is
 * reported twice and every result has its own uuid and history id.
 */
class AllureCoexistenceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void onlyCaseResultsAreWrittenWhenAllureJunitPlatformReportsTheTests() throws Exception {
    assertThat(AllureWriter.allureJunitPlatformPresent()).isTrue();
    Path allure = dir.resolve("allure");
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, allure.toString())
        .selectors(selectClass(GreetingSuites.Rude.class))
        .execute();

    List<JsonNode> results = resultFiles(allure);
    assertThat(results).hasSize(8);
    assertThat(results)
        .extracting(r -> r.path("name").asText())
        .noneMatch(n -> n.startsWith("criterion:") || n.startsWith("gate:"));
    Set<String> uuids = new HashSet<>();
    Set<String> histories = new HashSet<>();
    results.forEach(
        r -> {
          uuids.add(r.path("uuid").asText());
          histories.add(r.path("historyId").asText());
        });
    assertThat(uuids).hasSize(8);
    assertThat(histories).hasSize(8);
  }

  @Test
  void perCallResultsStopAtTheConfiguredLimitAndOneSkippedResultCountsTheRest() throws Exception {
    Path allure = dir.resolve("allure-limited");
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out-limited").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, allure.toString())
        .configurationParameter(Constants.ALLURE_MAX_RESULTS, "3")
        .selectors(selectClass(GreetingSuites.Rude.class))
        .execute();

    List<JsonNode> results = resultFiles(allure);
    assertThat(results).hasSize(4);
    assertThat(results)
        .filteredOn(r -> r.path("status").asText().equals("skipped"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.path("statusDetails").path("message").asText())
                    .startsWith("5 more calls of suite")
                    .contains("results.jsonl"));
    assertThat(
            Files.readAllLines(
                dir.resolve("out-limited").resolve("rude-greetings").resolve(ResultsWriter.FILE)))
        .hasSize(8);
  }

  private static List<JsonNode> resultFiles(Path allure) throws IOException {
    try (Stream<Path> files = Files.list(allure)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-result.json"))
          .map(
              f -> {
                try {
                  return JSON.readTree(f.toFile());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
