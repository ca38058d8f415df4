package dev.evalgate.engine.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelFunction;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.ToolChoice;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.engine.io.ResourceLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteFileLoaderTest {
  static final CheckFactory CHECKS =
      (kind, options, baseDir) -> {
        if (!kind.equals("contains")) {
          throw new IllegalArgumentException(
              "unknown check '" + kind + "'; expected one of: contains");
        }
        return Check.of("contains", x -> CheckResult.pass("contains", "ok"));
      };

  final SuiteFileLoader loader =
      new SuiteFileLoader(
          CHECKS,
          criterion -> {
            if (criterion.metric().startsWith("bogus")) {
              throw new IllegalArgumentException("unknown metric '" + criterion.metric() + "'");
            }
          },
          new ResourceLoader(getClass().getClassLoader()));

  SuiteSpec load(String yaml) {
    return loader.load(
        "evals/s.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), null);
  }

  static final String VALID =
      """
      suite: support-bot
      experiment: migration-1
      dataset: { path: fixtures/greetings.jsonl, limit: 3 }
      variants:
        challenger: { provider: anthropic, model: claude-haiku-4-5, prompt: fixtures/prompts/support-v3.yaml, max-tokens: 300 }
        control:
          provider: openai
          model: gpt-4o-mini
          prompt: { version: inline-1, user: "Q: {{question}}" }
          temperature: 0.2
          timeout: 20s
          response-format: json
          pricing: { input: 0.15, output: 0.6 }
      checks:
        - contains: [refund]
      gate:
        min-cases: 100
        criteria:
          - non-inferior: { metric: pass-rate(contains), margin: 2pp }
          - at-most: { metric: latency-p95, limit: 2500ms, variant: challenger }
          - ratio-at-most: { metric: cost-per-1k-calls, limit: 0.8 }
          - no-new-failures: contains
      """;

  @Test
  void readsAFullSuite() {
    SuiteSpec suite = load(VALID);

    assertThat(suite.name()).isEqualTo("support-bot");
    assertThat(suite.experiment()).isEqualTo("migration-1");
    assertThat(suite.dataset().limit()).isEqualTo(3);
    assertThat(suite.variants())
        .extracting(VariantSpec::name)
        .containsExactly("control", "challenger");
    VariantSpec control = suite.control();
    assertThat(control.parameters().temperature()).isEqualTo(0.2);
    assertThat(control.parameters().responseFormat()).isEqualTo("json");
    assertThat(control.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(control.pricing().inputPerMillion()).isEqualTo(0.15);
    assertThat(control.promptVersion()).isEqualTo("inline-1");
    VariantSpec challenger = suite.challengers().get(0);
    assertThat(challenger.promptVersion()).isEqualTo("support-v3");
    assertThat(challenger.prompt().user()).isEqualTo("Ticket: {{ticket}}");
    assertThat(suite.checks()).extracting(Check::name).containsExactly("contains");
    assertThat(suite.gate().minCases()).isEqualTo(100);
    assertThat(suite.gate().criteria())
        .extracting(CriterionSpec::limit)
        .containsExactly(0.02, 2500.0, 0.8, 0.0);
    assertThat(suite.gate().criteria())
        .extracting(CriterionSpec::line)
        .containsExactly(19, 20, 21, 22);
    assertThat(suite.gate().criteria().get(1).variant()).isEqualTo("challenger");
  }

  @Test
  void theLabelsDescribeTheControlUnlessTheDatasetNamesAVariant() {
    assertThat(load(VALID).labelledVariant()).isEqualTo("control");
    SuiteSpec named = load(VALID.replace("limit: 3 }", "limit: 3, labels-variant: challenger }"));

    assertThat(named.dataset().labelsVariant()).isEqualTo("challenger");
    assertThat(named.labelledVariant()).isEqualTo("challenger");
  }

  @Test
  void labelsOfAVariantTheSuiteDoesNotHaveAreRejectedAtTheKey() {
    assertThatThrownBy(
            () -> load(VALID.replace("limit: 3 }", "limit: 3,\n  labels-variant: champion }")))
        .isInstanceOf(SuiteFileException.class)
        .hasMessage(
            "evals/s.yaml:4: dataset labels-variant 'champion' is not a variant of this suite;"
                + " expected one of: control, challenger");
  }

  @Test
  void anUnknownKeyNamesTheLineAndTheKnownKeys() {
    assertThatThrownBy(() -> load(VALID.replace("  min-cases: 100", "  min-case: 100")))
        .isInstanceOf(SuiteFileException.class)
        .hasMessage(
            "evals/s.yaml:17: unknown key 'min-case' in gate; expected one of: confidence,"
                + " criteria, min-cases, sequential");
  }

  @Test
  void aSequentialGateKeepsItsLooks() {
    assertThat(
            load(VALID.replace("  min-cases: 100", "  min-cases: 100\n  sequential: { looks: 5 }"))
                .gate()
                .looks())
        .isEqualTo(5);
    assertThat(load(VALID).gate().sequential()).isFalse();
    assertThatThrownBy(
            () ->
                load(
                    VALID.replace(
                        "  min-cases: 100", "  min-cases: 100\n  sequential: { looks: 50 }")))
        .hasMessage(
            "evals/s.yaml:18: sequential looks must be a whole number from 1 to 20, but was 50");
    assertThatThrownBy(
            () ->
                load(
                    VALID.replace(
                        "  min-cases: 100", "  min-cases: 100\n  sequential: { look: 5 }")))
        .hasMessage(
            "evals/s.yaml:18: unknown key 'look' in gate sequential; expected one of: looks");
  }

  /**
   * Each call reads the schema of {@code response-format: schema:LOCATION} from the working
   * directory or the classpath; one it cannot find is the suite's problem at its line, not an error
   * of every call (nor, replaying, of every case).
   */
  @Test
  void aResponseFormatSchemaThatCannotBeFoundIsNamedWithItsLine() {
    assertThat(
            load(
                    VALID.replace(
                        "response-format: json",
                        "response-format: schema:fixtures/schemas/greeting.json"))
                .variants()
                .stream()
                .map(v -> v.parameters().responseFormat())
                .toList())
        .contains("schema:fixtures/schemas/greeting.json");
    assertThatThrownBy(
            () ->
                load(
                    VALID.replace(
                        "response-format: json", "response-format: schema:schemas/answer.json")))
        .hasMessage(
            "evals/s.yaml:12: response-format schema 'schemas/answer.json' not found in the"
                + " working directory or on the classpath, where each call reads it; expected its"
                + " path from the working directory or from the classpath root (such as"
                + " 'evals/schemas/answer.json' for a schema in the suite file's folder)");
  }

  @Test
  void aWrongTypeSaysWhatWasExpected() {
    assertThatThrownBy(() -> load(VALID.replace("temperature: 0.2", "temperature: warm")))
        .hasMessage("evals/s.yaml:10: temperature must be a number from 0 to 2, but was \"warm\"");
    assertThatThrownBy(() -> load(VALID.replace("min-cases: 100", "min-cases: many")))
        .hasMessage(
            "evals/s.yaml:17: min-cases must be a whole number (0 or more), but was \"many\"");
  }

  @Test
  void anUnknownProviderListsTheKnownOnes() {
    assertThatThrownBy(() -> load(VALID.replace("provider: anthropic", "provider: bard")))
        .hasMessage(
            "evals/s.yaml:5: unknown provider 'bard' in variant 'challenger'; expected one of:"
                + " anthropic, dataset, openai");
  }

  @Test
  void aGateWithoutCriteriaIsRejected() {
    String yaml = VALID.substring(0, VALID.indexOf("  criteria:")) + "  criteria: []\n";
    assertThatThrownBy(() -> load(yaml))
        .hasMessage(
            "evals/s.yaml:18: the gate has no criteria; expected a list such as '- non-inferior: {"
                + " metric: pass-rate(schema), margin: 2pp }'");
  }

  @Test
  void aSuiteWithoutAGateIsRejected() {
    String yaml = VALID.substring(0, VALID.indexOf("gate:"));
    assertThatThrownBy(() -> load(yaml))
        .hasMessage(
            "evals/s.yaml:1: missing 'gate'; expected the gate: { min-cases: ..., criteria: [...]"
                + " }");
  }

  @Test
  void anUnknownCriterionOrMetricIsRejectedAtItsLine() {
    assertThatThrownBy(() -> load(VALID.replace("- ratio-at-most:", "- ratio-below:")))
        .hasMessage(
            "evals/s.yaml:21: unknown criterion 'ratio-below'; expected one of: non-inferior,"
                + " at-most, at-least, ratio-at-most, no-new-failures, min-cases, agreement,"
                + " no-slice-regresses");
    assertThatThrownBy(() -> load(VALID.replace("metric: latency-p95", "metric: bogus-p95")))
        .hasMessage("evals/s.yaml:20: unknown metric 'bogus-p95'");
  }

  @Test
  void aBadLimitExplainsTheUnits() {
    assertThatThrownBy(() -> load(VALID.replace("margin: 2pp", "margin: two")))
        .hasMessage(
            "evals/s.yaml:19: margin: 'two' is not a limit; expected a number, optionally with a"
                + " unit: 2pp, 3%, 2500ms, 2.5s, $0.50, 0.8");
  }

  @Test
  void checkFactoryProblemsGetTheEntryLine() {
    assertThatThrownBy(() -> load(VALID.replace("- contains: [refund]", "- contians: [refund]")))
        .hasMessage("evals/s.yaml:15: unknown check 'contians'; expected one of: contains");
  }

  @Test
  void duplicateKeysAndSyntaxErrorsAreReportedWithLines() {
    assertThatThrownBy(() -> load("suite: a\nsuite: b\n"))
        .hasMessage(
            "evals/s.yaml:2: not valid YAML/JSON: key 'suite' appears twice; expected each key"
                + " once");
    assertThatThrownBy(() -> load("suite: [unclosed\n"))
        .isInstanceOf(SuiteFileException.class)
        .hasMessage(
            "evals/s.yaml:2: not valid YAML/JSON: while parsing a flow sequence: expected ',' or"
                + " ']', but got <stream end>");
  }

  @Test
  void aMissingPromptFileIsNamed() {
    assertThatThrownBy(
            () -> load(VALID.replace("fixtures/prompts/support-v3.yaml", "prompts/nope.yaml")))
        .hasMessage(
            "evals/s.yaml:5: prompt file 'prompts/nope.yaml' not found next to the suite file, in"
                + " the working directory or on the classpath");
  }

  @Test
  void aSuiteNeedsAChallenger() {
    String yaml =
        VALID.replace(
            "  challenger: { provider: anthropic, model: claude-haiku-4-5, prompt:"
                + " fixtures/prompts/support-v3.yaml, max-tokens: 300 }\n",
            "");
    assertThatThrownBy(() -> load(yaml))
        .hasMessage(
            "evals/s.yaml:5: a suite needs a control and at least one challenger, but declares only"
                + " 'control'");
  }

  static String withDataset(String dataset) {
    return VALID.replace("dataset: { path: fixtures/greetings.jsonl, limit: 3 }", dataset);
  }

  @Test
  void aDatasetOfProductionTracesKeepsItsFormatAndSelection() {
    SuiteSpec suite =
        load(
            withDataset(
                "dataset:\n"
                    + "  path: traces/last-week.json\n"
                    + "  format: otlp\n"
                    + "  where: { variant: challenger, deployment.environment: prod }\n"
                    + "  from: 2026-11-23\n"
                    + "  to: 2026-11-30T12:00:00+01:00\n"
                    + "  recent: 500\n"
                    + "  sample: 200"));

    TraceSpec traces = suite.dataset().traces();
    assertThat(traces.format()).isEqualTo(TraceSpec.Format.OTLP);
    assertThat(traces.where())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("variant", "challenger", "deployment.environment", "prod"));
    assertThat(traces.from()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    assertThat(traces.to()).isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
    assertThat(traces.recent()).isEqualTo(500);
    assertThat(suite.dataset().sample()).isEqualTo(200);
    assertThat(load(VALID).dataset().traces()).isNull();
  }

  @Test
  void aGatewayLogMapsItsFields() {
    SuiteSpec suite =
        load(
            withDataset(
                "dataset: { path: gateway.jsonl, format: events, split: true, fields: { prompt:"
                    + " request.input, variant: route.group } }"));

    assertThat(suite.dataset().traces().fields())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("prompt", "request.input", "variant", "route.group"));
    assertThat(suite.dataset().traces().split()).isTrue();
    assertThat(
            load(withDataset("dataset: { path: t.json, format: otlp }")).dataset().traces().split())
        .isFalse();
  }

  @Test
  void anAgreementCriterionOnATrafficSplitIsRejectedAtItsLine() {
    String split =
        withDataset("dataset: { path: gateway.jsonl, format: events, split: true }")
            .replace("- no-new-failures: contains", "- agreement: { check: contains, min: 90% }");

    assertThatThrownBy(() -> load(split))
        .isInstanceOf(SuiteFileException.class)
        .hasMessage(
            "evals/s.yaml:22: criterion 'agreement: { check: contains, min: 90% }' cannot be"
                + " judged on a traffic split (dataset split: true): production's calls carry no"
                + " labels of what people concluded; judge the check's agreement with people in a"
                + " suite over a labelled dataset");
    // the same criterion on the same records replayed through the variants is a suite's own
    assertThat(load(split.replace(", split: true", "")).gate().criteria())
        .extracting(CriterionSpec::kind)
        .contains(CriterionSpec.Kind.AGREEMENT);
  }

  @Test
  void aJavaSplitSuiteWithAnAgreementCriterionCannotBeBuilt() {
    ModelFunction echo = prompt -> ModelResponse.ofText("refund");

    assertThatThrownBy(
            () ->
                SuiteSpec.named("split")
                    .dataset(
                        DatasetSpec.traces(
                            "export.json", TraceSpec.of(TraceSpec.Format.OTLP).asSplit()))
                    .control(VariantSpec.inProcess("control", echo).asControl())
                    .challenger(VariantSpec.inProcess("challenger", echo))
                    .check(Checks.contains("refund"))
                    .gate(GateSpec.minCases(50).agreement("contains", "90%"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "criterion 'agreement: { check: contains, min: 90% }' cannot be judged on a traffic"
                + " split");
  }

  @Test
  void traceSettingsThatCannotBeUsedNameTheFileTheLineAndWhatIsExpected() {
    assertThatThrownBy(() -> load(withDataset("dataset: { path: d.jsonl, where: { variant: a } }")))
        .hasMessage(
            "evals/s.yaml:3: dataset where selects production records; expected 'format: otlp' or"
                + " 'format: events' beside it");
    assertThatThrownBy(() -> load(withDataset("dataset: { path: d.jsonl, format: parquet }")))
        .hasMessage(
            "evals/s.yaml:3: unknown dataset format 'parquet'; expected otlp (an OpenTelemetry"
                + " OTLP/JSON trace export) or events (a gateway's JSONL log); a dataset of cases"
                + " needs no format");
    assertThatThrownBy(
            () ->
                load(
                    withDataset(
                        "dataset: { path: g.jsonl, format: events, fields: { answr: out } }")))
        .hasMessage(
            "evals/s.yaml:3: unknown case field 'answr' in dataset fields; expected one of id,"
                + " time, prompt, system, answer, model, provider, variant, experiment_id,"
                + " prompt_version, input_tokens, output_tokens, latency_ms, error");
    assertThatThrownBy(
            () -> load(withDataset("dataset: { path: t.json, format: otlp, from: last week }")))
        .hasMessage(
            "evals/s.yaml:3: dataset from must be a date (2026-11-24, midnight UTC) or a time with"
                + " an offset (2026-11-24T08:00:00Z), but was \"last week\"");
  }

  static final String TOOLS =
      """
      suite: tools
      dataset: fixtures/greetings.jsonl
      variants:
        control: { provider: openai, model: gpt-4o-mini, prompt: fixtures/prompts/tools-v1.yaml, stream: true }
        challenger:
          provider: anthropic
          model: claude-haiku-4-5
          prompt: fixtures/prompts/tools-v1.yaml
          tools: fixtures/tools/orders.yaml
          tool-choice: request_refund
      gate:
        criteria:
          - min-cases: 1
      """;

  @Test
  void toolsAndToolChoiceComeFromThePromptFileAndAVariantReplacesThem() {
    SuiteSpec suite = load(TOOLS);

    VariantSpec control = suite.control();
    assertThat(control.parameters().stream()).isTrue();
    assertThat(control.prompt().tools())
        .containsExactly(
            ToolSpec.of("escalate", "Hands the conversation to a person", ToolSpec.NO_PARAMETERS));
    assertThat(control.prompt().toolChoice()).isEqualTo(ToolChoice.AUTO);
    VariantSpec challenger = suite.challengers().get(0);
    assertThat(challenger.parameters().stream()).isFalse();
    assertThat(challenger.prompt().system()).isEqualTo("You are Acme's support assistant.");
    assertThat(challenger.prompt().tools())
        .containsExactly(
            ToolSpec.of(
                "lookup_order",
                "Looks an order up by its id",
                "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}"),
            ToolSpec.of(
                "request_refund",
                null,
                "{\"type\":\"object\",\"properties\":{\"reason\":{\"enum\":[\"damaged\",\"late\",\"other\"]}}}"));
    assertThat(challenger.prompt().toolChoice()).isEqualTo(ToolChoice.tool("request_refund"));
  }

  @Test
  void badToolsAreDiscoveryErrorsAtTheirLine() {
    String inline =
        TOOLS.replace(
            "tools: fixtures/tools/orders.yaml",
            """
            tools:
                  - name: lookup order
            """
                .strip());
    assertThatThrownBy(() -> load(inline))
        .hasMessage(
            "evals/s.yaml:10: tool name 'lookup order' must be 1 to 64 letters, digits,"
                + " '_' or '-' (what OpenAI and Anthropic accept)");
    assertThatThrownBy(
            () ->
                load(
                    TOOLS.replace("tool-choice: request_refund", "tool-choice: refund_everything")))
        .hasMessage(
            "evals/s.yaml:10: variant 'challenger': tool-choice names 'refund_everything', which is"
                + " not offered; expected one of: lookup_order, request_refund");
    assertThatThrownBy(
            () -> load(TOOLS.replace("tools: fixtures/tools/orders.yaml", "tools: { name: x }")))
        .hasMessage(
            "evals/s.yaml:9: tools must be a list of { name, description, parameters } entries, or"
                + " a file holding one, but was an object");
    assertThatThrownBy(
            () ->
                load(
                    TOOLS.replace(
                        "tools: fixtures/tools/orders.yaml",
                        "tools: [{ name: x, parameters: { type: objekt } }]")))
        .hasMessageStartingWith("evals/s.yaml:9: schema 'tool 'x'' is not a valid JSON Schema: ");
    assertThatThrownBy(
            () ->
                load(
                    TOOLS.replace(
                        "tools: fixtures/tools/orders.yaml", "tools: [{ name: x, params: {} }]")))
        .hasMessage(
            "evals/s.yaml:9: unknown key 'params' in a tool; expected one of: description, name,"
                + " parameters");
    assertThatThrownBy(
            () ->
                load(
                    TOOLS.replace(
                        "tools: fixtures/tools/orders.yaml", "tools: [{ name: x }, { name: x }]")))
        .hasMessage("evals/s.yaml:9: tool 'x' is declared twice; expected each tool once");
    assertThatThrownBy(
            () -> load(TOOLS.replace("tools: fixtures/tools/orders.yaml", "tools: nowhere.yaml")))
        .hasMessage(
            "evals/s.yaml:9: tools file 'nowhere.yaml' not found next to the suite file, in the"
                + " working directory or on the classpath");
    assertThatThrownBy(() -> load(TOOLS.replace("stream: true", "stream: often")))
        .hasMessage("evals/s.yaml:4: stream must be true or false, but was \"often\"");
  }
}
