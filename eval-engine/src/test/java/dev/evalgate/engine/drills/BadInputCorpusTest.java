package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.api.DatasetSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.dataset.DatasetException;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.fixtures.BrokenSuites;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.io.ResourceLoader;
import dev.evalgate.engine.recording.RecordingException;
import dev.evalgate.engine.recording.RecordingStore;
import dev.evalgate.engine.suite.SuiteFileException;
import dev.evalgate.engine.suite.SuiteFileLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Drill 3: a corpus of malformed inputs. Each gets one clear message naming the file, the line and
 * what was expected (checked word for word), never a stack-trace wall; the rest of the input is
 * still read where that is safe.
 */
class BadInputCorpusTest {
  @TempDir static Path dir;

  static final String SUITE_OK =
      """
      suite: s
      dataset: fixtures/greetings.jsonl
      variants:
        control: { provider: openai, model: gpt-4o-mini }
        challenger: { provider: openai, model: gpt-4.1-mini }
      checks:
        - length: { max-words: 50 }
      gate:
        criteria:
          - min-cases: 1
      """;

  static String datasetProblem(String name, String content) throws IOException {
    return datasetProblem(name, content, "id");
  }

  static String datasetProblem(String name, String content, String idField) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    List<RowProblem> problems = new ArrayList<>();
    try {
      DatasetReader.validate(new DatasetSource(name, file.toUri(), file), idField, problems::add);
    } catch (DatasetException e) {
      return e.describe();
    }
    return problems.isEmpty() ? "no problem" : problems.get(0).describe();
  }

  /** The first problem of a dataset whose suite clusters its cases by {@code cluster}. */
  static String clusteredDatasetProblem(String name, String content, String cluster)
      throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    List<RowProblem> problems = new ArrayList<>();
    DatasetReader.validate(
        new DatasetSource(name, file.toUri(), file),
        new DatasetSpec(name, "id", null, null).withCluster(cluster),
        problems::add);
    return problems.isEmpty() ? "no problem" : problems.get(0).describe();
  }

  static String suiteProblem(String yaml) {
    SuiteFileLoader loader =
        new SuiteFileLoader(
            (kind, options, base) ->
                Checks.fromSpec(kind, options, base, BadInputCorpusTest.class.getClassLoader()),
            GateEvaluator::validate,
            new ResourceLoader(BadInputCorpusTest.class.getClassLoader()));
    try {
      loader.load(
          "evals/s.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), null);
      return "no problem";
    } catch (SuiteFileException e) {
      return e.getMessage();
    }
  }

  /** The first case's id, as the reader gives it. */
  static String firstId(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    try (DatasetReader reader =
        DatasetReader.open(new DatasetSource(name, file.toUri(), file), "id", p -> {})) {
      return reader.next().id();
    }
  }

  /**
   * The first issue discovery reports for a suite file (target/hostile/lint.yaml), with
   * configuration.
   */
  static String discoveryProblem(String yaml, String... config) throws IOException {
    Path file = Path.of("target/hostile/lint.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    EngineTestKit.Builder engine =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .selectors(DiscoverySelectors.selectClass(BrokenSuites.Lint.class));
    for (int i = 0; i < config.length; i += 2) {
      engine.configurationParameter(config[i], config[i + 1]);
    }
    List<DiscoveryIssue> issues = engine.discover().getDiscoveryIssues();
    return issues.isEmpty() ? "no problem" : issues.get(0).message();
  }

  /**
   * Validation at discovery only warns (and can be switched off); the run itself fails the dataset
   * test when the cluster field names no row's field, as it does for a slice field.
   */
  @Test
  void aClusterFieldThatNoRowHasFailsTheDatasetTestOfTheRun() throws IOException {
    Path file = Path.of("target/hostile/lint.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        LINT_OK.replace(
            "dataset: fixtures/greetings.jsonl",
            "dataset: { path: fixtures/greetings.jsonl, cluster: conversation }"),
        StandardCharsets.UTF_8);

    EngineExecutionResults results =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.DATASET_VALIDATE, "false")
            .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .selectors(DiscoverySelectors.selectClass(BrokenSuites.Lint.class))
            .execute();

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("dataset"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(
                                "no row has a value for the field 'conversation' that"
                                    + " dataset.cluster names, so every case would be a cluster of"
                                    + " its own (judged as independent)")))));
  }

  static String recordingProblem(String content) throws IOException {
    Path root = Files.createTempDirectory(dir, "rec");
    Files.createDirectories(root.resolve("s"));
    Files.writeString(root.resolve("s").resolve("control.jsonl"), content);
    try {
      RecordingStore.open(root, "s").close();
      return "no problem";
    } catch (RecordingException e) {
      return e.getMessage().replace(root.toString(), "ROOT");
    }
  }

  static String configProblem(String key, String value) {
    Settings settings = Settings.of(k -> Optional.ofNullable(Map.of(key, value).get(k)));
    EngineConfiguration.from(settings);
    if (!settings.errors().isEmpty()) {
      return settings.errors().get(0);
    }
    return settings.warnings().isEmpty() ? "no problem" : settings.warnings().get(0);
  }

  /** A suite file that discovery resolves fully: its dataset is the classpath fixture. */
  static final String LINT_OK =
      SUITE_OK
          .replace("dataset: fixtures/greetings.jsonl", "dataset: fixtures/greetings.jsonl")
          .replace(
              "model: gpt-4o-mini }", "model: gpt-4o-mini, api-key-env: EVALGATE_DRILL_UNSET_KEY }")
          .replace(
              "model: gpt-4.1-mini }",
              "model: gpt-4.1-mini, api-key-env: EVALGATE_DRILL_UNSET_KEY }");

  /** What discovery says of a challenger that sends the control's requests (an A/A run). */
  static final String SAME_AS_CONTROL =
      "target/hostile/lint.yaml: challenger 'challenger' sends the same requests as control"
          + " 'control' (openai, model gpt-4o-mini, the same prompt and parameters), so the"
          + " run compares the control with itself and a PROMOTE shows nothing; expected a"
          + " challenger that differs in provider, model, prompt or parameters (ignore this"
          + " for an A/A run)";

  static Stream<Arguments> corpus() throws IOException {
    String rec =
        "{\"key\":\"k\",\"case\":\"c\",\"variant\":\"control\",\"repeat\":0,\"content\":\"x\",\"prompt_tokens\":1,"
            + "\"completion_tokens\":1,\"tokens_estimated\":false,\"latency_ms\":1,\"status\":200}";
    return Stream.of(
        // datasets: JSONL
        Arguments.of(
            "truncated JSONL line",
            datasetProblem("a.jsonl", "{\"id\": \"1\", \"q\": \"x\"\n"),
            "a.jsonl:1: invalid JSON at column 21 (Unexpected end-of-input: expected close marker"
                + " for Object); expected one JSON object per line"),
        Arguments.of(
            "JSONL array line",
            datasetProblem("b.jsonl", "[1, 2]\n"),
            "b.jsonl:1: expected a JSON object, but the line holds an array"),
        Arguments.of(
            "JSONL string line",
            datasetProblem("c.jsonl", "\"hello\"\n"),
            "c.jsonl:1: expected a JSON object, but the line holds a string"),
        Arguments.of(
            "trailing garbage",
            datasetProblem("d.jsonl", "{\"id\": \"1\"} {\"id\": \"2\"}\n"),
            "d.jsonl:1: invalid JSON at column 13 (more JSON after the first value, starting with"
                + " '{'); expected one JSON object per line"),
        Arguments.of(
            "duplicate ids",
            datasetProblem("e.jsonl", "{\"id\": \"1\"}\n{\"id\": \"1\"}\n"),
            "e.jsonl:2: duplicate case id '1'; expected every id to be unique (the row is"
                + " skipped)"),
        Arguments.of(
            "bad expect",
            datasetProblem("f.jsonl", "{\"id\": \"1\", \"expect\": \"maybe\"}\n"),
            "f.jsonl:1: field 'expect' must be \"refuse\" or \"comply\", but was \"maybe\""),
        Arguments.of(
            "object id",
            datasetProblem("g.jsonl", "{\"id\": {\"a\": 1}}\n"),
            "g.jsonl:1: field 'id' must be a non-empty string or number, but was {\"a\":1}"),
        Arguments.of(
            "bad messages",
            datasetProblem("h.jsonl", "{\"id\": \"1\", \"messages\": \"hi\"}\n"),
            "h.jsonl:1: field 'messages' must be an array of {\"role\": ..., \"content\": ...}"
                + " objects, but was \"hi\""),
        Arguments.of(
            "duplicate keys",
            datasetProblem("i.jsonl", "{\"id\": \"1\", \"id\": \"2\"}\n"),
            "i.jsonl:1: invalid JSON at column 17 (Duplicate field 'id'); expected one JSON object"
                + " per line"),
        Arguments.of(
            "JSONL nesting deeper than the parser reads",
            datasetProblem(
                "j.jsonl", "{\"id\": \"1\", \"q\": " + "[".repeat(1001) + "]".repeat(1001) + "}\n"),
            "j.jsonl:1: over the JSON parser's limit: Document nesting depth (1001) exceeds the"
                + " maximum allowed (1000); expected values within the parser's limits (the row is"
                + " skipped)"),
        Arguments.of(
            "JSONL line longer than the parser reads",
            datasetProblem(
                "k.jsonl",
                "{\"id\": \"1\", \"q\": \"" + "a".repeat(20_000_001) + "\"}\n{\"id\": \"2\"}\n"),
            "k.jsonl:1: the line holds 20,000,021 characters, more than the 20,000,000 a row may"
                + " hold; expected one JSON object per line (the row is skipped)"),
        // datasets: CSV
        Arguments.of(
            "CSV wrong column count",
            datasetProblem("a.csv", "id,q\n1,x,y\n"),
            "a.csv:2: expected 2 columns (id, q), but the row has 3"),
        Arguments.of(
            "CSV unbalanced quote",
            datasetProblem("b.csv", "id,q\n1,\"open\n"),
            "b.csv:2: unreadable CSV (…"),
        Arguments.of(
            "CSV empty file",
            datasetProblem("c.csv", ""),
            "c.csv:1: empty CSV file; expected a header row of column names"),
        Arguments.of(
            "CSV duplicate header",
            datasetProblem("d.csv", "id,id\n1,2\n"),
            "d.csv:1: invalid CSV header: The header contains a duplicate name: \"id\" in [id,"
                + " id]; expected a header row of unique column names"),
        Arguments.of(
            "CSV header with an empty name",
            datasetProblem("e.csv", "id,,q\n1,2,3\n"),
            "e.csv:1: invalid CSV header: A header name is missing in [id, , q]; expected a header"
                + " row of unique column names"),
        // datasets: JSON arrays and files
        Arguments.of(
            "JSON not an array",
            datasetProblem("a.json", "{\"id\": 1}"),
            "a.json:1: expected a JSON array of objects, but the file starts with {"),
        Arguments.of(
            "JSON element not object",
            datasetProblem("b.json", "[1]"),
            "b.json:1: expected a JSON object as array element, but found the number 1"),
        Arguments.of(
            "JSON file is a number",
            datasetProblem("e.json", "5"),
            "e.json:1: expected a JSON array of objects, but the file starts with the number 5"),
        Arguments.of(
            "JSON truncated",
            datasetProblem("c.json", "[{\"id\": 1},"),
            "c.json:1: invalid JSON (Unexpected end-of-input within/between Array entries);"
                + " expected a JSON array of objects; the rest of the file is skipped"),
        Arguments.of(
            "JSON string longer than the parser reads",
            datasetProblem(
                "d.json", "[{\"id\": \"1\", \"q\": \"" + "a".repeat(20_000_001) + "\"}]"),
            "d.json:1: over the JSON parser's limit: String value length (20000001) exceeds the"
                + " maximum allowed (20000000); expected values within the parser's limits; the"
                + " rest of the file is skipped"),
        Arguments.of(
            "unknown dataset format",
            datasetProblem("a.txt", "x"),
            "a.txt: unknown dataset format; expected a file ending in .jsonl, .ndjson, .csv or"
                + " .json"),
        Arguments.of(
            "empty dataset",
            datasetProblem("empty.jsonl", "\n\n"),
            "empty.jsonl: the dataset has no usable case; expected at least one row"),
        // suite files
        Arguments.of(
            "YAML syntax",
            suiteProblem("suite: [x\n"),
            "evals/s.yaml:2: not valid YAML/JSON: while parsing a flow sequence: expected ',' or"
                + " ']', but got <stream end>"),
        Arguments.of(
            "blank suite name",
            suiteProblem(SUITE_OK.replace("suite: s", "suite: \"\"")),
            "evals/s.yaml:1: suite must be a non-empty name, but was \"\""),
        Arguments.of(
            "second YAML document",
            suiteProblem(SUITE_OK + "---\n" + SUITE_OK),
            "evals/s.yaml:12: a second YAML document begins here; expected one suite definition per"
                + " file (remove the '---' line and what follows, or move it to a file of its"
                + " own)"),
        Arguments.of(
            "50 MB comment",
            suiteProblem("# " + "c".repeat(50 << 20) + "\n" + SUITE_OK),
            "evals/s.yaml: the file is larger than 1,048,576 bytes, the most a suite or prompt file"
                + " may hold (the YAML parser slows down sharply beyond); expected a smaller file,"
                + " with long texts in the dataset"),
        Arguments.of(
            "unknown top key",
            suiteProblem(SUITE_OK + "gates: {}\n"),
            "evals/s.yaml:11: unknown key 'gates' in the suite file; expected one of: checks,"
                + " control, dataset, experiment, gate, repeats, seed, slices, suite, variants"),
        Arguments.of(
            "wrong type",
            suiteProblem(
                SUITE_OK.replace("model: gpt-4o-mini", "model: gpt-4o-mini, temperature: hot")),
            "evals/s.yaml:4: temperature must be a number from 0 to 2, but was \"hot\""),
        Arguments.of(
            "unknown provider",
            suiteProblem(
                SUITE_OK.replace(
                    "provider: openai, model: gpt-4.1-mini", "provider: gemini, model: x")),
            "evals/s.yaml:5: unknown provider 'gemini' in variant 'challenger'; expected one of:"
                + " anthropic, dataset, openai"),
        Arguments.of(
            "missing suite name",
            suiteProblem(SUITE_OK.replace("suite: s\n", "")),
            "evals/s.yaml:1: missing 'suite'; expected the suite's name"),
        Arguments.of(
            "no criteria",
            suiteProblem(
                SUITE_OK
                    .replace("    - min-cases: 1\n", "")
                    .replace("  criteria:\n", "  criteria: []\n")),
            "evals/s.yaml:9: the gate has no criteria; expected a list such as '- non-inferior: {"
                + " metric: pass-rate(schema), margin: 2pp }'"),
        Arguments.of(
            "unknown metric",
            suiteProblem(
                SUITE_OK.replace(
                    "- min-cases: 1", "- at-most: { metric: latency-p42, limit: 1s }")),
            "evals/s.yaml:10: unknown metric 'latency-p42'; expected one…"),
        Arguments.of(
            "unknown check",
            suiteProblem(SUITE_OK.replace("- length:", "- lenght:")),
            "evals/s.yaml:7: unknown check 'lenght'; expected one of: citations,…"),
        Arguments.of(
            "check option type",
            suiteProblem(SUITE_OK.replace("max-words: 50", "max-words: many")),
            "evals/s.yaml:7: option 'max-words' of check 'length' must be a whole number, but was"
                + " \"many\""),
        Arguments.of(
            "unknown check option",
            suiteProblem(SUITE_OK.replace("max-words: 50", "maxwords: 50")),
            "evals/s.yaml:7: unknown option 'maxwords' of check 'length'; expected one of:"
                + " allow-truncated, max-chars, max-sentences, max-tokens, max-words, min-chars,"
                + " min-sentences, min-tokens, min-words, name"),
        Arguments.of(
            "refusal expectation misspelt",
            suiteProblem(
                SUITE_OK.replace("- length: { max-words: 50 }", "- refusal: { expect: complyy }")),
            "evals/s.yaml:7: option 'expect' of check 'refusal' must be refuse, comply or a"
                + " {{variable}} holding one, but was \"complyy\""),
        Arguments.of(
            "negative minimum length",
            suiteProblem(SUITE_OK.replace("max-words: 50", "min-words: -3")),
            "evals/s.yaml:7: option 'min-words' of check 'length' must be a whole number of 0 or"
                + " more, but was -3"),
        Arguments.of(
            "minimum length above the maximum",
            suiteProblem(SUITE_OK.replace("max-words: 50", "min-words: 100, max-words: 10")),
            "evals/s.yaml:7: options 'min-words' (100) and 'max-words' (10) of check 'length' leave"
                + " no length that passes; expected min-words at most max-words"),
        Arguments.of(
            "missing schema",
            suiteProblem(
                SUITE_OK.replace("- length: { max-words: 50 }", "- schema: schemas/nope.json")),
            "evals/s.yaml:7: schema 'schemas/nope.json' not found next to the suite file, in the"
                + " working directory or on the classpath"),
        Arguments.of(
            "invalid schema",
            suiteProblem(
                SUITE_OK.replace(
                    "- length: { max-words: 50 }", "- schema: { schema: { type: 12 } }")),
            "evals/s.yaml:7: schema 'the inline schema' is not a valid JSON Schema: /type…"),
        Arguments.of(
            "single variant",
            suiteProblem(
                SUITE_OK.replace("  challenger: { provider: openai, model: gpt-4.1-mini }\n", "")),
            "evals/s.yaml:4: a suite needs a control and at least one challenger, but declares only"
                + " 'control'"),
        // accepted but meaningless: each found at discovery, before anything is paid for
        Arguments.of(
            "margin over 100 pp",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1",
                    "- non-inferior: { metric: pass-rate(length), margin: 150pp }")),
            "target/hostile/lint.yaml:10: criterion 'non-inferior: { metric: pass-rate(length),"
                + " margin: 150pp }': a margin of 150 pp means nothing for a rate; expected a"
                + " margin from 0 pp to 100 pp"),
        Arguments.of(
            "margin below 0",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1", "- non-inferior: { metric: latency-mean, margin: -200ms }")),
            "target/hostile/lint.yaml:10: criterion 'non-inferior: { metric: latency-mean, margin:"
                + " -200ms }': a negative margin (-200) asks the challenger to be better, not no"
                + " worse; expected a margin of 0 or more"),
        Arguments.of(
            "latency limit in percentage points",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1", "- at-most: { metric: latency-p95, limit: 5pp }")),
            "target/hostile/lint.yaml:10: criterion 'at-most: { metric: latency-p95, limit:"
                + " 5pp }': '5pp' is in percentage points, but latency-p95 is a time; expected a"
                + " limit such as 2500ms or 2.5s"),
        Arguments.of(
            "cost limit in percent",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1", "- at-most: { metric: cost-per-1k-calls, limit: 50% }")),
            "target/hostile/lint.yaml:10: criterion 'at-most: { metric: cost-per-1k-calls,"
                + " limit: 50% }': '50%' is in percent, but cost-per-1k-calls is an amount in"
                + " dollars; expected a limit such as $0.50"),
        Arguments.of(
            "agreement minimum in dollars",
            discoveryProblem(
                LINT_OK.replace("- min-cases: 1", "- agreement: { check: length, min: $0.9 }")),
            "target/hostile/lint.yaml:10: criterion 'agreement: { check: length, min: $0.9 }':"
                + " '$0.9' is in dollars, but agreement is a share of the labelled answers;"
                + " expected a minimum such as 90%"),
        Arguments.of(
            "agreement minimum over 100%",
            discoveryProblem(
                LINT_OK.replace("- min-cases: 1", "- agreement: { check: length, min: 150% }")),
            "target/hostile/lint.yaml:10: criterion 'agreement: { check: length, min: 150% }':"
                + " min: '150%' is not a share; expected a percentage from 0% to 100%, e.g. 90%"),
        Arguments.of(
            "rate margin in milliseconds",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1",
                    "- non-inferior: { metric: pass-rate(length), margin: 2ms }")),
            "target/hostile/lint.yaml:10: criterion 'non-inferior: { metric:"
                + " pass-rate(length), margin: 2ms }': '2ms' is in milliseconds, but"
                + " pass-rate(length) is a rate; expected a margin such as 2pp"),
        Arguments.of(
            "count limit in seconds",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1", "- at-most: { metric: output-tokens-mean, limit: 2s }")),
            "target/hostile/lint.yaml:10: criterion 'at-most: { metric: output-tokens-mean,"
                + " limit: 2s }': '2s' is in seconds, but output-tokens-mean is a count; expected"
                + " a limit such as 120 (a plain number)"),
        Arguments.of(
            "ratio in milliseconds",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1", "- ratio-at-most: { metric: latency-p95, limit: 800ms }")),
            "target/hostile/lint.yaml:10: criterion 'ratio-at-most: { metric: latency-p95,"
                + " limit: 800ms }': '800ms' is in milliseconds, but ratio-at-most divides"
                + " challenger's latency-p95 by control's; expected a plain ratio such as 0.8"),
        Arguments.of(
            "negative ratio",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1",
                    "- ratio-at-most: { metric: cost-per-1k-calls, limit: -0.8 }")),
            "target/hostile/lint.yaml:10: criterion 'ratio-at-most: { metric:"
                + " cost-per-1k-calls, limit: -0.8 }': a negative ratio (-0.80) means nothing for"
                + " cost-per-1k-calls, which is never negative; expected a ratio of 0 or more"),
        Arguments.of(
            "negative minimum of a count",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1", "- at-least: { metric: output-tokens-mean, limit: -5 }")),
            "target/hostile/lint.yaml:10: criterion 'at-least: { metric:"
                + " output-tokens-mean, limit: -5 }': a negative limit (-5) means nothing for"
                + " output-tokens-mean, which is never negative; expected a limit of 0 or more"),
        Arguments.of(
            "metric of an unknown check",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1", "- at-least: { metric: pass-rate(schmea), limit: 90% }")),
            "target/hostile/lint.yaml:10: criterion 'at-least: { metric: pass-rate(schmea), limit:"
                + " 90% }': the suite has no check 'schmea'; expected one of: length"),
        Arguments.of(
            "no criterion about the challenger",
            discoveryProblem(
                LINT_OK.replace(
                    "- min-cases: 1",
                    "- at-most: { metric: latency-p95, limit: 2s, variant: control }")),
            "target/hostile/lint.yaml:10: no criterion of the gate is about challenger"
                + " 'challenger' (each names another variant), so it would be promoted with nothing"
                + " judged; expected a criterion without 'variant', or with 'variant: challenger'"),
        Arguments.of(
            "no-new-failures of an unknown check",
            discoveryProblem(LINT_OK.replace("- min-cases: 1", "- no-new-failures: shcema")),
            "target/hostile/lint.yaml:10: criterion 'no-new-failures: shcema': the suite has no"
                + " check 'shcema'; expected one of: length"),
        Arguments.of(
            "unclosed placeholder",
            suiteProblem(
                SUITE_OK.replace(
                    "model: gpt-4o-mini }",
                    "model: gpt-4o-mini, prompt: { user: \"Answer {{question\" } }")),
            "evals/s.yaml:4: the user prompt has '{{question' without its closing '}}'; expected"
                + " {{name}}"),
        Arguments.of(
            "malformed base-url in the suite",
            suiteProblem(
                SUITE_OK.replace(
                    "model: gpt-4o-mini }",
                    "model: gpt-4o-mini, base-url: \"htp:/127.0.0.1:8080\" }")),
            "evals/s.yaml:4: variant 'control': base-url 'htp:/127.0.0.1:8080' is not an http:// or"
                + " https:// URL; expected e.g. https://api.openai.com/v1 or"
                + " http://127.0.0.1:8080/v1"),
        Arguments.of(
            "malformed base-url override",
            discoveryProblem(
                LINT_OK, "evalgate.variant.control.base-url", "http//user:secret@gateway/v1"),
            "target/hostile/lint.yaml: variant 'control': base-url 'http//…@gateway/v1' is not an"
                + " http:// or https:// URL; expected e.g. https://api.openai.com/v1 or"
                + " http://127.0.0.1:8080/v1 (from evalgate.variant.control.base-url)"),
        Arguments.of(
            "override of a variant that does not exist",
            discoveryProblem(LINT_OK, "evalgate.variant.chalenger.model", "gpt-4.1"),
            "Configuration parameter 'evalgate.variant.chalenger.model' overrides variant"
                + " 'chalenger', which no discovered suite declares, so it changes nothing;"
                + " expected one of: challenger, control"),
        Arguments.of(
            "live run without its key",
            discoveryProblem(LINT_OK, "evalgate.recording.mode", "record"),
            "target/hostile/lint.yaml: variant 'control' calls its provider's API (openai) live"
                + " (evalgate.recording.mode=record), but EVALGATE_DRILL_UNSET_KEY is not set, so"
                + " every call will fail as auth; expected the key in EVALGATE_DRILL_UNSET_KEY (a"
                + " local server, e.g. base-url http://127.0.0.1:8080/v1, needs none)"),
        Arguments.of(
            "challenger declared as the control",
            discoveryProblem(
                LINT_OK.replace(
                    "model: gpt-4.1-mini, api-key-env", "model: gpt-4o-mini, api-key-env")),
            SAME_AS_CONTROL),
        Arguments.of(
            "override that makes the challenger the control",
            discoveryProblem(LINT_OK, "evalgate.variant.challenger.model", "gpt-4o-mini"),
            SAME_AS_CONTROL),
        Arguments.of(
            "live run on a local server needs no key",
            discoveryProblem(
                LINT_OK,
                "evalgate.recording.mode",
                "record",
                "evalgate.variant.control.base-url",
                "http://127.0.0.1:9/v1",
                "evalgate.variant.challenger.base-url",
                "http://localhost:9/v1"),
            "no problem"),
        Arguments.of(
            "remote $ref in a schema",
            suiteProblem(
                SUITE_OK.replace(
                    "- length: { max-words: 50 }",
                    "- schema: { schema: { type: object, properties: { address: { $ref:"
                        + " \"https://example.com/address.json\" } } } }")),
            "evals/s.yaml:7: schema 'the inline schema' refers to"
                + " 'https://example.com/address.json' ($ref at /properties/address); remote"
                + " schemas are never fetched, so every answer would fail; expected the definitions"
                + " inside the schema ($defs) or in a file next to it"),
        Arguments.of(
            "CSV with a byte order mark keeps its id column",
            firstId("bom.csv", "\uFEFFid,q\n7,x\n"),
            "7"),
        Arguments.of(
            "JSONL with a byte order mark",
            datasetProblem("bom.jsonl", "\uFEFF{\"id\": \"1\"}\n"),
            "no problem"),
        Arguments.of(
            "dataset.cluster naming a field no row has",
            clusteredDatasetProblem(
                "turns.jsonl",
                "{\"id\": \"t-1\", \"conversation_id\": \"c-1\"}\n"
                    + "{\"id\": \"t-2\", \"conversation_id\": \"c-1\"}\n",
                "conversation"),
            "turns.jsonl:1: no row has a value for the field 'conversation' that dataset.cluster"
                + " names, so every case would be a cluster of its own (judged as independent);"
                + " expected one of the rows' fields: id, conversation_id"),
        Arguments.of(
            "dataset.cluster named by every row",
            clusteredDatasetProblem(
                "turns2.jsonl",
                "{\"id\": \"t-1\", \"conversation_id\": \"c-1\"}\n",
                "conversation_id"),
            "no problem"),
        Arguments.of(
            "dataset.id naming a field no row has",
            datasetProblem(
                "ids.jsonl",
                "{\"ticket\": \"t-1\", \"q\": \"x\"}\n{\"ticket\": \"t-2\", \"q\": \"y\"}\n",
                "ident"),
            "ids.jsonl:1: no row has the field 'ident' that dataset.id names, so every case id is a"
                + " hash of its row (it changes whenever the row does); expected one of the rows'"
                + " fields: ticket, q"),
        Arguments.of(
            "CSV quote never closed loses the rest",
            datasetProblem("lost.csv", "id,q\n1,\"open\n2,x\n3,y\n4,z\n"),
            "lost.csv:2: unreadable CSV ((startline 2) EOF reached before encapsulated token"
                + " finished); expected balanced double quotes; lines 2 to 5, the rest of the file,"
                + " are lost"),
        // recordings
        Arguments.of(
            "truncated recording",
            recordingProblem(rec + "\n{\"key\": \"tr"),
            "ROOT/s/control.jsonl:2: corrupt recording (Unexpected end-of-input: was expecting"
                + " closing quote for a string value); expected one JSON object per line with key,"
                + " case, variant, content and usage; delete the line, or the file, and record"
                + " again"),
        Arguments.of(
            "recording line without its closing brace",
            recordingProblem(rec.substring(0, rec.length() - 1) + "\n"),
            "ROOT/s/control.jsonl:1: corrupt recording (Unexpected end-of-input: expected close"
                + " marker for Object); expected one JSON object per line with key, case, variant,"
                + " content and usage; delete the line, or the file, and record again"),
        Arguments.of(
            "recording missing fields",
            recordingProblem("{\"key\":\"k\"}\n"),
            "ROOT/s/control.jsonl:1: corrupt recording (field 'repeat' is missing or of the wrong"
                + " type); expected one JSON object per line with key, case, variant, content and"
                + " usage; delete the line, or the file, and record again"),
        // configuration
        Arguments.of(
            "bad concurrency",
            configProblem("evalgate.concurrency", "-1"),
            "Invalid value '-1' for configuration parameter 'evalgate.concurrency': expected a"
                + " whole number from 1 to 4096; using the default '16'."),
        Arguments.of(
            "bad recording mode",
            configProblem("evalgate.recording.mode", "live"),
            "Invalid value 'live' for configuration parameter 'evalgate.recording.mode': expected"
                + " one of auto, off, record, refresh, replay; using the default 'replay'."),
        Arguments.of(
            "dataset limit of zero",
            configProblem("evalgate.dataset.limit", "0"),
            "Invalid value '0' for configuration parameter 'evalgate.dataset.limit': expected a"
                + " positive number of cases (leave the key unset to run every case). Nothing runs"
                + " until it is fixed: the default 'all' would run every case."),
        Arguments.of(
            "shard past its count",
            configProblem("evalgate.shard", "3/2"),
            "Invalid value '3/2' for configuration parameter 'evalgate.shard': expected"
                + " INDEX/COUNT with 1 <= INDEX <= COUNT, such as 2/4. Nothing runs until it is"
                + " fixed: the default '1/1' would run every case in every shard."),
        Arguments.of(
            "redaction rule misspelt",
            configProblem("evalgate.redact", "emial,phone"),
            "Invalid value 'emial,phone' for configuration parameter 'evalgate.redact': unknown"
                + " redaction rule 'emial'; expected a comma-separated list of email, card, phone,"
                + " secrets, private-key, jwt, bearer, aws-key, api-key, regex:PATTERN or none."
                + " Nothing runs until it is fixed: this value has no safe default."),
        Arguments.of(
            "redaction pattern unclosed",
            configProblem("evalgate.redact", "regex:(unclosed"),
            "Invalid value 'regex:(unclosed' for configuration parameter 'evalgate.redact':"
                + " redaction rule 'regex:(unclosed' is not a valid regular expression: Unclosed"
                + " group near index 9. Nothing runs until it is fixed: this value has no safe"
                + " default."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachMalformedInputGetsOneClearMessage(String what, String actual, String expected) {
    System.out.println("corpus | " + what + " | " + actual);
    if (expected.endsWith("…")) {
      assertThat(actual).as(what).startsWith(expected.substring(0, expected.length() - 1));
    } else {
      assertThat(actual).as(what).isEqualTo(expected);
    }
    assertThat(actual).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
  }
}
