package dev.evalgate.engine.report.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The Allure report tells the story of the HTML report: the verdict on the overview, the suite's
 * tests (criteria, gate, dataset) passed or failed as in the build, its cases as evidence under the
 * same root, no case among Allure's "Product defects", and one run's results, not every run's.
 * Allure's own rules are applied here as its generator applies them (the summary's percentage,
 * categories); docs/allure-e2e.sh checks the same with the real Allure command line.
 */
class AllureStoryTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The suite labels of a suite's tests and of its cases: the tests sort first. */
  static final String TESTS = "1. gate and criteria";

  static final String CASES = "2. cases";
  @TempDir Path dir;

  /**
   * Runs {@code suite} through a launcher with allure-junit-platform's listener, as a user's build
   * with it does.
   */
  private Path runWithAllureJunitPlatform(Class<?> suite, Path allure) {
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allure));
    AllureLifecycle previous = Allure.getLifecycle();
    Allure.setLifecycle(lifecycle);
    try {
      Launcher launcher =
          LauncherFactory.create(
              LauncherConfig.builder()
                  .enableTestExecutionListenerAutoRegistration(false)
                  .addTestExecutionListeners(new AllureJunitPlatform(lifecycle))
                  .build());
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(suite))
              .filters(org.junit.platform.launcher.EngineFilter.includeEngines(Constants.ENGINE_ID))
              .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out").toString())
              .configurationParameter(Constants.ALLURE_RESULTS_DIR, allure.toString())
              .build());
    } finally {
      Allure.setLifecycle(previous);
    }
    return allure;
  }

  @Test
  void aPromoteRunWhoseCasesOftenFailACheckIsAllPassedOnTheOverviewWithTheVerdictAndOneRoot()
      throws Exception {
    Path allure = runWithAllureJunitPlatform(GreetingSuites.Mediocre.class, dir.resolve("allure"));
    List<JsonNode> results = results(allure);

    List<JsonNode> tests = results.stream().filter(r -> label(r, "suite").equals(TESTS)).toList();
    List<JsonNode> cases = results.stream().filter(r -> label(r, "suite").equals(CASES)).toList();
    assertThat(tests)
        .extracting(r -> r.path("name").asText())
        .containsExactlyInAnyOrder(
            "no-new-failures: exact [casual]",
            "gate: casual may replace formal",
            "dataset: every row of fixtures/greetings.jsonl is usable");
    assertThat(tests).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("passed"));
    assertThat(cases).hasSize(8);
    assertThat(cases).filteredOn(r -> r.path("name").asText().endsWith("✘ exact")).hasSize(6);
    assertThat(results)
        .hasSize(11)
        .allSatisfy(r -> assertThat(label(r, "parentSuite")).isEqualTo("mediocre-greetings"));
    // the summary's percentage is passed / (passed + failed + broken): 100 %, where it was 5 of 11
    // before
    assertThat(ring(results)).isEqualTo(100.0);
    assertThat(defaultCategories(results, categories(allure))).isEmpty();

    Map<String, String> environment = environment(allure);
    assertThat(environment.keySet().iterator().next()).isEqualTo("mediocre-greetings: verdict");
    assertThat(environment.get("mediocre-greetings: verdict"))
        .isEqualTo("PROMOTE casual: all 1 criteria hold; it may replace formal");
    assertThat(JSON.readTree(allure.resolve("executor.json").toFile()).path("reportName").asText())
        .isEqualTo("EvalGate mediocre-greetings: PROMOTE casual");
  }

  @Test
  void aRejectRunShowsItsFailedTestsInTheGateAndProductDefectsAndItsErrorsInTheirOwnCategories()
      throws Exception {
    Path allure = runWithAllureJunitPlatform(GreetingSuites.Rude.class, dir.resolve("allure"));
    List<JsonNode> results = results(allure);
    List<Map<String, Object>> categories = categories(allure);

    JsonNode gate =
        results.stream()
            .filter(r -> r.path("name").asText().startsWith("gate: "))
            .findFirst()
            .orElseThrow();
    assertThat(gate.path("status").asText()).isEqualTo("failed");
    assertThat(matching(gate, categories)).containsExactly("Gate: REJECT");
    // the dataset test passed, the criterion and the gate failed: the cases are not counted
    assertThat(ring(results)).isEqualTo(100.0 / 3);
    assertThat(results)
        .filteredOn(r -> label(r, "suite").equals(CASES))
        .allSatisfy(r -> assertThat(r.has("status")).isFalse())
        .filteredOn(r -> r.path("name").asText().contains("[rude]"))
        .allSatisfy(
            r ->
                assertThat(matching(r, categories))
                    .containsExactly("Evidence: other checks failed"));
    assertThat(JSON.readTree(allure.resolve("executor.json").toFile()).path("reportName").asText())
        .isEqualTo("EvalGate rude-greetings: REJECT rude");
  }

  @Test
  void aSecondRunReplacesTheSuitesEarlierResultsAndKeepsEverythingElse() throws Exception {
    Path allure = Files.createDirectories(dir.resolve("allure"));
    Files.writeString(
        allure.resolve("11111111-foreign-result.json"),
        "{\"uuid\":\"11111111-foreign\",\"name\":\"another framework\","
            + "\"labels\":[{\"name\":\"framework\",\"value\":\"junit-platform\"},{\"name\":\"suite\",\"value\":\"rude-greetings\"}],"
            + "\"attachments\":[{\"name\":\"log\",\"source\":\"22222222-foreign-attachment.txt\"}]}");
    Files.writeString(allure.resolve("22222222-foreign-attachment.txt"), "theirs");
    Files.writeString(
        allure.resolve("33333333-foreign-container.json"),
        "{\"uuid\":\"33333333\",\"children\":[\"11111111-foreign\"]}");
    Files.writeString(allure.resolve("not-json-result.json"), "{ torn");
    Files.createDirectories(allure.resolve("history"));
    Files.writeString(allure.resolve("history").resolve("history.json"), "{}");
    Files.writeString(allure.resolve("environment.properties"), "Browser=Chrome\n");
    Files.writeString(
        allure.resolve("categories.json"),
        "[{\"name\": \"Their category\", \"matchedStatuses\": [\"failed\"]}]");

    runWithAllureJunitPlatform(GreetingSuites.Rude.class, allure);
    List<String> first = files(allure);
    // a run in another JVM: results of this JVM's run are never taken for earlier ones
    for (JsonNode result :
        results(allure, f -> !f.contains("foreign") && !f.startsWith("not-json"))) {
      String run = label(result, "evalgate.run");
      Path file = allure.resolve(result.path("uuid").asText() + "-result.json");
      if (!run.isEmpty()) {
        Files.writeString(file, Files.readString(file).replace(run, "an-earlier-run"));
      }
    }
    runWithAllureJunitPlatform(GreetingSuites.Rude.class, allure);
    List<String> second = files(allure);

    assertThat(count(second, "-result.json")).isEqualTo(count(first, "-result.json"));
    assertThat(count(second, "-attachment.txt") + count(second, "-attachment.json"))
        .isEqualTo(count(first, "-attachment.txt") + count(first, "-attachment.json"));
    assertThat(second)
        .contains(
            "11111111-foreign-result.json",
            "22222222-foreign-attachment.txt",
            "33333333-foreign-container.json",
            "not-json-result.json",
            "history");
    assertThat(second)
        .doesNotContainAnyElementsOf(
            first.stream()
                .filter(
                    f ->
                        !f.contains("foreign")
                            && !f.startsWith("not-json")
                            && (f.endsWith("-result.json")
                                || f.endsWith("-attachment.txt")
                                || f.endsWith("-attachment.json")
                                || f.endsWith("-container.json")))
                .toList());
    assertThat(environment(allure))
        .containsEntry("Browser", "Chrome")
        .containsKey("rude-greetings: verdict");
    assertThat(JSON.readTree(allure.resolve("categories.json").toFile()))
        .extracting(c -> c.path("name").asText())
        .contains("Their category", "Gate: REJECT");
  }

  @Test
  void theDatasetLineIsAParameterAndALinkOnlyWhereAllureIsToldHowToBuildIt() throws Exception {
    Path plain = dir.resolve("plain");
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, plain.toString())
        .selectors(selectClass(GreetingSuites.Rude.class))
        .execute();
    JsonNode first =
        results(plain).stream()
            .filter(r -> r.path("name").asText().startsWith("g-1 [rude]"))
            .findFirst()
            .orElseThrow();
    assertThat(first.path("links")).isEmpty();
    assertThat(first.path("parameters").toString())
        .contains(
            "{\"name\":\"dataset"
                + " line\",\"value\":\"src/test/resources/fixtures/greetings.jsonl:1\"}");

    Path linked = dir.resolve("linked");
    System.setProperty(
        "allure.link.dataset.pattern", "https://example.org/repo/blob/main/eval-engine/{}");
    try {
      EngineTestKit.engine(Constants.ENGINE_ID)
          .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out2").toString())
          .configurationParameter(Constants.ALLURE_RESULTS_DIR, linked.toString())
          .selectors(selectClass(GreetingSuites.Rude.class))
          .execute();
    } finally {
      System.clearProperty("allure.link.dataset.pattern");
    }
    JsonNode link =
        results(linked).stream()
            .filter(r -> r.path("name").asText().startsWith("g-4 [rude]"))
            .findFirst()
            .orElseThrow()
            .path("links")
            .get(0);
    assertThat(link.path("name").asText()).isEqualTo("dataset line");
    assertThat(link.path("url").asText())
        .isEqualTo(
            "https://example.org/repo/blob/main/eval-engine/src/test/resources/fixtures/greetings.jsonl#L5");
  }

  // ---- Allure's rules, as its generator (2.35) applies them

  /**
   * The summary widget's percentage: passed / (passed + failed + broken); skipped and unknown are
   * left out.
   */
  static double ring(List<JsonNode> results) {
    long passed = results.stream().filter(r -> r.path("status").asText().equals("passed")).count();
    long failed = results.stream().filter(r -> r.path("status").asText().equals("failed")).count();
    long broken = results.stream().filter(r -> r.path("status").asText().equals("broken")).count();
    return 100.0 * passed / (passed + failed + broken);
  }

  /**
   * The categories a result matches: status (none is "unknown"), and message and trace matched
   * whole, as CategoriesPlugin does.
   */
  static List<String> matching(JsonNode result, List<Map<String, Object>> categories) {
    String status = result.path("status").asText("unknown");
    String message =
        result.path("statusDetails").path("message").isTextual()
            ? result.path("statusDetails").path("message").asText()
            : null;
    String trace =
        result.path("statusDetails").path("trace").isTextual()
            ? result.path("statusDetails").path("trace").asText()
            : null;
    List<String> names = new ArrayList<>();
    for (Map<String, Object> category : categories) {
      @SuppressWarnings("unchecked")
      List<String> statuses = (List<String>) category.getOrDefault("matchedStatuses", List.of());
      String messageRegex = (String) category.get("messageRegex");
      String traceRegex = (String) category.get("traceRegex");
      if ((statuses.isEmpty() || statuses.contains(status))
          && (messageRegex == null
              || message != null
                  && Pattern.compile(messageRegex, Pattern.DOTALL).matcher(message).matches())
          && (traceRegex == null
              || trace != null
                  && Pattern.compile(traceRegex, Pattern.DOTALL).matcher(trace).matches())) {
        names.add((String) category.get("name"));
      }
    }
    return names;
  }

  /**
   * The results Allure puts in its default "Product defects" (failed) or "Test defects" (broken):
   * those no category matched.
   */
  static List<String> defaultCategories(
      List<JsonNode> results, List<Map<String, Object>> categories) {
    return results.stream()
        .filter(r -> List.of("failed", "broken").contains(r.path("status").asText()))
        .filter(r -> matching(r, categories).isEmpty())
        .map(r -> r.path("name").asText())
        .toList();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> categories(Path allure) throws IOException {
    return JSON.readValue(allure.resolve("categories.json").toFile(), List.class);
  }

  static Map<String, String> environment(Path allure) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (var in = Files.newInputStream(allure.resolve("environment.properties"))) {
      new Properties() {
        @Override
        public synchronized Object put(Object key, Object value) {
          return entries.put((String) key, (String) value);
        }
      }.load(in);
    }
    return entries;
  }

  static String label(JsonNode result, String name) {
    for (JsonNode label : result.path("labels")) {
      if (label.path("name").asText().equals(name)) {
        return label.path("value").asText();
      }
    }
    return "";
  }

  static List<JsonNode> results(Path allure) throws IOException {
    return results(allure, name -> true);
  }

  static List<JsonNode> results(Path allure, java.util.function.Predicate<String> names)
      throws IOException {
    try (Stream<Path> files = Files.list(allure)) {
      return files
          .filter(
              f ->
                  f.getFileName().toString().endsWith("-result.json")
                      && names.test(f.getFileName().toString()))
          .map(
              f -> {
                try {
                  return JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  static List<String> files(Path allure) throws IOException {
    try (Stream<Path> files = Files.list(allure)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  static long count(List<String> files, String suffix) {
    return files.stream().filter(f -> f.endsWith(suffix)).count();
  }
}
