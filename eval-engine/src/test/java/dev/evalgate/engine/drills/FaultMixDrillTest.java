package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.HttpSuites;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Drill 1: a fault mix over a real socket. 2,000 cases x 2 variants against a server that answers
 * 10 % of requests with 429 + Retry-After, 5 % with 500, 2 % by resetting the connection, 2 % with
 * a malformed body and 1 % by hanging past the timeout. Most faults hit only the first attempt; a
 * known share persists past the retry budget. Every case must end answered or classified, none lost
 * or counted twice, and the report's error counts must equal the faults that exhausted retries.
 */
class FaultMixDrillTest {
  static final int CASES = 2000;
  static final int ATTEMPTS = 3;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String OK =
      "{\"choices\":[{\"message\":{\"content\":\"{\\\"answer\\\":"
          + " \\\"fine\\\"}\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5}}";

  @TempDir Path dir;

  enum Fault {
    NONE,
    RATE_LIMITED,
    SERVER_ERROR,
    RESET,
    MALFORMED,
    HANG
  }

  /** The fault of a request, from a hash of its body: deterministic across attempts. */
  static Fault fault(String body) {
    int bucket = bucket(body, "fault");
    if (bucket < 10) {
      return Fault.RATE_LIMITED;
    }
    if (bucket < 15) {
      return Fault.SERVER_ERROR;
    }
    if (bucket < 17) {
      return Fault.RESET;
    }
    if (bucket < 19) {
      return Fault.MALFORMED;
    }
    return bucket < 20 ? Fault.HANG : Fault.NONE;
  }

  /** One faulty request in five keeps failing on every attempt. */
  static boolean persistent(String body) {
    return bucket(body, "persist") < 20;
  }

  static int bucket(String body, String salt) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((salt + body).getBytes(StandardCharsets.UTF_8));
      return Math.floorMod(((digest[0] & 0xff) << 8) | (digest[1] & 0xff), 100);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyCaseEndsAnsweredOrClassifiedAndErrorsMatchExhaustedFaults() throws Exception {
    Path dataset = dir.resolve("drill.jsonl");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < CASES; i++) {
      rows.append("{\"id\":\"d-")
          .append(i)
          .append("\",\"question\":\"What is item ")
          .append(i * 31)
          .append("?\"}\n");
    }
    Files.writeString(dataset, rows);
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Map<String, Long> retryAfterSeen = new ConcurrentHashMap<>();
    Map<String, Long> waited = new ConcurrentHashMap<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String body = request.getBody().utf8();
              int attempt =
                  attempts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
              Fault fault = fault(body);
              if (fault == Fault.NONE || (attempt > 1 && !persistent(body))) {
                Long asked = retryAfterSeen.get(body);
                if (asked != null) {
                  waited.put(body, System.nanoTime() - asked);
                }
                return new MockResponse.Builder().code(200).body(OK).build();
              }
              return switch (fault) {
                case RATE_LIMITED -> {
                  retryAfterSeen.putIfAbsent(body, System.nanoTime());
                  yield new MockResponse.Builder()
                      .code(429)
                      .addHeader("Retry-After", "0.2")
                      .body("{\"error\":\"slow down\"}")
                      .build();
                }
                case SERVER_ERROR ->
                    new MockResponse.Builder().code(500).body("{\"error\":\"boom\"}").build();
                case RESET ->
                    new MockResponse.Builder()
                        .onResponseStart(new SocketEffect.CloseSocket())
                        .build();
                case MALFORMED ->
                    new MockResponse.Builder().code(200).body("{\"choices\": [ {\"mess").build();
                case HANG ->
                    new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(OK).build();
                case NONE -> throw new IllegalStateException();
              };
            }
          });
      server.start();
      System.setProperty("drill.dataset", dataset.toString());
      try {
        String url = server.url("/v1").toString();
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.RECORDING_MODE, "off")
            .configurationParameter(Constants.CONCURRENCY, "64")
            .configurationParameter(
                Constants.TIMEOUT,
                "1500ms") // well under the 3 s hang, well over a slow answer on a loaded machine
            .configurationParameter(Constants.RETRY_MAX_ATTEMPTS, String.valueOf(ATTEMPTS))
            .configurationParameter(Constants.RETRY_INITIAL_DELAY, "20ms")
            .configurationParameter(Constants.PROGRESS, "off")
            .configurationParameter(Constants.DATASET_VALIDATE, "false")
            .configurationParameter("evalgate.variant.control.base-url", url)
            .configurationParameter("evalgate.variant.challenger.base-url", url)
            .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out").toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .selectors(selectClass(HttpSuites.Drill.class))
            .execute();
      } finally {
        System.clearProperty("drill.dataset");
      }
    }

    Map<String, Long> expected = new TreeMap<>();
    for (String body : attempts.keySet()) {
      Fault fault = fault(body);
      if (fault != Fault.NONE && persistent(body)) {
        String id =
            switch (fault) {
              case RATE_LIMITED -> "rate_limited";
              case SERVER_ERROR -> "server_error";
              case RESET -> "connection";
              case MALFORMED -> "bad_response";
              case HANG -> "timeout";
              case NONE -> "";
            };
        expected.merge(id, 1L, Long::sum);
      }
      int tries = attempts.get(body).get();
      assertThat(tries).as("attempts of one request").isLessThanOrEqualTo(ATTEMPTS);
    }
    RunReport report =
        ReportReader.read(dir.resolve("out").resolve("drill").resolve("report.json"));
    Map<String, Long> actual = new TreeMap<>();
    report
        .evaluation()
        .variants()
        .forEach(v -> v.errorsByClass().forEach((k, n) -> actual.merge(k, n, Long::sum)));
    System.out.println(
        "fault drill: "
            + attempts.size()
            + " distinct requests, "
            + attempts.values().stream().mapToInt(AtomicInteger::get).sum()
            + " attempts; errors by class "
            + actual
            + "; expected "
            + expected);
    assertThat(attempts).hasSize(2 * CASES);
    assertThat(report.evaluation().variants()).allSatisfy(v -> assertThat(v.n()).isEqualTo(CASES));

    List<String> lines =
        Files.readAllLines(dir.resolve("out").resolve("drill").resolve("results.jsonl"));
    Set<String> seen = new HashSet<>();
    for (String line : lines) {
      JsonNode row = JSON.readTree(line);
      assertThat(seen.add(row.get("case_id").asText() + "/" + row.get("variant").asText()))
          .as("counted once")
          .isTrue();
    }
    assertThat(seen).hasSize(2 * CASES);
    assertThat(actual).isEqualTo(expected);
    assertThat(waited).as("rate-limited requests that later succeeded").isNotEmpty();
    assertThat(waited.values())
        .as("waits honour Retry-After (0.2 s)")
        .allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(190_000_000L));
  }
}
