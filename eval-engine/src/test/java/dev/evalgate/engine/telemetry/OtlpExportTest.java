package dev.evalgate.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.TelemetrySettings;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The OpenTelemetry export against a collector the test starts (MockWebServer decoding what the
 * SDK's OTLP/HTTP exporter sends): every call a span under one run span, the run's figures and
 * verdicts as its events, headers from the named variable, and a collector that is down reported
 * without failing the run.
 */
class OtlpExportTest {
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private MockWebServer collector;

  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    collector = new MockWebServer();
    collector.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            return new MockResponse.Builder().code(200).build();
          }
        });
    collector.start();
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void everyCallOfARunIsASpanUnderTheRunSpan() throws Exception {
    run(GreetingSuites.Rude.class, collector.url("/").toString());

    List<Span> spans = spans();
    Span run = only(spans, s -> s.getName().equals("evalgate rude-greetings"));
    List<Span> calls = spans.stream().filter(s -> s.getName().startsWith("chat ")).toList();
    assertThat(spans).hasSize(9);
    assertThat(calls).hasSize(8); // 4 cases x 2 variants
    assertThat(calls)
        .allSatisfy(
            call -> {
              assertThat(call.getTraceId()).isEqualTo(run.getTraceId());
              assertThat(call.getParentSpanId()).isEqualTo(run.getSpanId());
              assertThat(call.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
              assertThat(text(call, "gen_ai.operation.name")).isEqualTo("chat");
              assertThat(text(call, "gen_ai.provider.name")).isEqualTo("in-process");
              assertThat(text(call, "evalgate.suite")).isEqualTo("rude-greetings");
              assertThat(text(call, "evalgate.prompt_version")).isEqualTo("greet-v1");
              assertThat(attribute(call, "evalgate.recorded").getBoolValue()).isFalse();
            });
    Map<String, List<Span>> byVariant =
        calls.stream().collect(Collectors.groupingBy(s -> text(s, "evalgate.variant")));
    assertThat(byVariant.keySet()).containsExactlyInAnyOrder("formal", "rude");
    assertThat(byVariant.get("rude"))
        .allSatisfy(
            s -> {
              assertThat(strings(s, "evalgate.checks.failed")).containsExactly("exact");
              assertThat(strings(s, "evalgate.checks.passed")).isEmpty();
              assertThat(attribute(s, "evalgate.variant.control").getBoolValue()).isFalse();
            });
    assertThat(byVariant.get("formal"))
        .allSatisfy(s -> assertThat(strings(s, "evalgate.checks.passed")).containsExactly("exact"));
    assertThat(byVariant.get("formal").stream().map(s -> text(s, "evalgate.case")))
        .doesNotHaveDuplicates()
        .hasSize(4);
    assertThat(resourceAttribute("service.name")).isEqualTo("evalgate");
  }

  @Test
  void theRunSpanCarriesEachVariantsFiguresAndTheVerdict() throws Exception {
    run(GreetingSuites.Rude.class, collector.url("/").toString());

    Span run = only(spans(), s -> s.getName().equals("evalgate rude-greetings"));
    assertThat(attribute(run, "evalgate.cases").getIntValue()).isEqualTo(4);
    assertThat(text(run, "evalgate.dataset.sha256")).matches("[0-9a-f]{64}");
    List<Span.Event> variants =
        run.getEventsList().stream().filter(e -> e.getName().equals("evalgate.variant")).toList();
    assertThat(variants).hasSize(2);
    Map<String, Double> exactRate =
        variants.stream()
            .collect(
                Collectors.toMap(
                    e -> eventText(e, "evalgate.variant"),
                    e -> eventAttribute(e, "evalgate.check.exact.rate").getDoubleValue()));
    assertThat(exactRate).containsEntry("formal", 1.0).containsEntry("rude", 0.0);
    Span.Event verdict = only(run.getEventsList(), e -> e.getName().equals("evalgate.verdict"));
    assertThat(eventText(verdict, "evalgate.challenger")).isEqualTo("rude");
    assertThat(eventText(verdict, "evalgate.control")).isEqualTo("formal");
    assertThat(eventText(verdict, "evalgate.decision")).isEqualTo("REJECT");
  }

  @Test
  void withoutAnEndpointNothingIsExported() {
    TelemetrySettings off = new TelemetrySettings(null, "OTEL_EXPORTER_OTLP_HEADERS", SECOND, 16);

    assertThat(OtlpTelemetry.of(off, name -> null, "test")).isSameAs(Telemetry.OFF);
  }

  @Test
  void headersComeFromTheNamedVariableAndTheirValuesAreNeverPrinted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    TelemetrySettings settings =
        new TelemetrySettings(URI.create(collector.url("/").toString()), "MY_HEADERS", SECOND, 16);
    Telemetry telemetry =
        OtlpTelemetry.of(
            settings,
            name -> name.equals("MY_HEADERS") ? "x-api-key=s3cr3t%2Dvalue,no-equals-s3cr3t" : null,
            "test");

    try (Telemetry.Run run = telemetry.open(suite(), console)) {
      run.prepare(answered("case-1"));
      run.finish(null, 1, null);
    }

    assertThat(requests).isNotEmpty();
    assertThat(requests.get(0).getHeaders().get("x-api-key")).isEqualTo("s3cr3t-value");
    assertThat(requests.get(0).getUrl().encodedPath()).isEqualTo("/v1/traces");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("[evalgate] telemetry: entry 2 of MY_HEADERS is not name=value; it is not sent")
        .contains("[evalgate] telemetry: 2 spans exported to " + collector.url("/"))
        .doesNotContain("s3cr3t");
  }

  @Test
  void spansThatNeverReachTheCollectorAreCountedAndTheRunGoesOn() throws Exception {
    String down = collector.url("/").toString();
    collector.close();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    TelemetrySettings settings =
        new TelemetrySettings(URI.create(down), "NONE", Duration.ofMillis(300), 16);

    try (Telemetry.Run run =
        OtlpTelemetry.of(settings, name -> null, "test").open(suite(), console)) {
      run.prepare(answered("case-1"));
      run.prepare(answered("case-2"));
      run.finish(null, 2, null);
    }

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[evalgate] telemetry: 0 of 3 spans reached " + down + ";")
        .contains("; 3 were dropped or refused");
  }

  @Test
  void aCollectorThatIsDownNeverChangesTheVerdict() {
    String down = collector.url("/").toString();
    collector.close();

    var results = run(GreetingSuites.Polite.class, down, Map.of(Constants.OTEL_TIMEOUT, "300ms"));

    results.testEvents().assertStatistics(stats -> stats.failed(0));
    assertThat(results.testEvents().succeeded().count()).isPositive();
  }

  @Test
  void aQueueTooSmallForTheRunDropsSpansAndSaysSo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    TelemetrySettings settings =
        new TelemetrySettings(URI.create(collector.url("/").toString()), "NONE", SECOND, 1);

    try (Telemetry.Run run =
        OtlpTelemetry.of(settings, name -> null, "test").open(suite(), console)) {
      for (int i = 0; i < 200; i++) {
        run.prepare(answered("case-" + i));
      }
      run.finish(null, 200, null);
    }

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains(" of 201 spans reached ")
        .contains("raise evalgate.otel.queue-size");
    assertThat(spans().size()).isLessThan(201);
  }

  @Test
  void theEndpointMayBeTheBaseUrlOrTheTracesUrl() {
    assertThat(OtlpTelemetry.tracesUrl(URI.create("http://localhost:4318")))
        .isEqualTo("http://localhost:4318/v1/traces");
    assertThat(OtlpTelemetry.tracesUrl(URI.create("http://localhost:4318/")))
        .isEqualTo("http://localhost:4318/v1/traces");
    assertThat(OtlpTelemetry.tracesUrl(URI.create("https://otel.example.com/v1/traces")))
        .isEqualTo("https://otel.example.com/v1/traces");
  }

  @Test
  void theEndpointIsPrintedWithoutItsUserInformation() {
    TelemetrySettings settings =
        new TelemetrySettings(
            URI.create("https://user:pa55word@otel.example.com:4318/"), "NONE", SECOND, 16);

    assertThat(settings.endpointShown()).isEqualTo("https://otel.example.com:4318/");
  }

  private static final Duration SECOND = Duration.ofSeconds(1);

  private static SuiteSpec suite() {
    return SuiteSpec.named("telemetry")
        .dataset("fixtures/greetings.jsonl")
        .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("Hello!")))
        .build();
  }

  private static CaseResult answered(String id) {
    return new CaseResult(
        EvalCase.of(id, Map.of()),
        Map.of(),
        List.of(new VariantOutcome("control", 0, ModelResponse.ofText("Hello!"), null, List.of())));
  }

  private org.junit.platform.testkit.engine.EngineExecutionResults run(
      Class<?> suite, String endpoint) {
    return run(suite, endpoint, Map.of());
  }

  private org.junit.platform.testkit.engine.EngineExecutionResults run(
      Class<?> suite, String endpoint, Map<String, String> more) {
    Map<String, String> config = new java.util.HashMap<>(more);
    config.put(Constants.OTEL_ENDPOINT, endpoint);
    config.put(Constants.OUTPUT_DIR, dir.resolve("out").toString());
    config.put(Constants.ALLURE_ENABLED, "false");
    config.put(Constants.PROGRESS, "off");
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameters(config)
        .selectors(selectClass(suite))
        .execute();
  }

  /** Every span the collector received, across its requests. */
  private List<Span> spans() throws IOException {
    List<Span> spans = new ArrayList<>();
    for (ExportTraceServiceRequest request : decoded()) {
      for (ResourceSpans resource : request.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          spans.addAll(scope.getSpansList());
        }
      }
    }
    return spans;
  }

  private String resourceAttribute(String key) throws IOException {
    return decoded().get(0).getResourceSpans(0).getResource().getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .findFirst()
        .orElseThrow()
        .getValue()
        .getStringValue();
  }

  private List<ExportTraceServiceRequest> decoded() throws IOException {
    List<ExportTraceServiceRequest> decoded = new ArrayList<>();
    for (RecordedRequest request : requests) {
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-protobuf");
      decoded.add(ExportTraceServiceRequest.parseFrom(request.getBody().toByteArray()));
    }
    return decoded;
  }

  private static <T> T only(List<T> items, java.util.function.Predicate<T> which) {
    List<T> matching = items.stream().filter(which).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static AnyValue attribute(Span span, String key) {
    return value(span.getAttributesList(), key, span.getName());
  }

  private static String text(Span span, String key) {
    return attribute(span, key).getStringValue();
  }

  private static List<String> strings(Span span, String key) {
    return attribute(span, key).getArrayValue().getValuesList().stream()
        .map(AnyValue::getStringValue)
        .toList();
  }

  private static AnyValue eventAttribute(Span.Event event, String key) {
    return value(event.getAttributesList(), key, event.getName());
  }

  private static String eventText(Span.Event event, String key) {
    return eventAttribute(event, key).getStringValue();
  }

  private static AnyValue value(List<KeyValue> attributes, String key, String where) {
    return attributes.stream()
        .filter(kv -> kv.getKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError(where + " has no attribute " + key))
        .getValue();
  }
}
