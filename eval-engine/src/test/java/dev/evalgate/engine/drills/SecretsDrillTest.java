package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill 4: a run with a canary API key in the environment, a server that echoes it back in error
 * bodies, and personal data in the dataset. Afterwards no file written (recordings, reports, Allure
 * results) and nothing printed contains the key, and the redaction rules removed the e-mail
 * addresses and card numbers from everything written.
 */
class SecretsDrillTest {
  static final String CANARY = "sk-canary-9b1e77d04c2f4a6e";

  @TempDir Path dir;

  @Test
  void theKeyAndRedactedDataReachNoFileAndNoOutput() throws Exception {
    Path dataset = dir.resolve("d.jsonl");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      rows.append("{\"id\":\"s-")
          .append(i)
          .append("\",\"question\":\"Refund card 4111 1111 1111 1111 for ada")
          .append(i)
          .append("@example.org, order ")
          .append(i)
          .append("\"}\n");
    }
    Files.writeString(dataset, rows);
    AtomicInteger authorised = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    Path out = dir.resolve("out");
    Path output = dir.resolve("console.log");
    try (MockWebServer server = new MockWebServer()) {
      AtomicInteger calls = new AtomicInteger();
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              if (("Bearer " + CANARY).equals(request.getHeaders().get("Authorization"))) {
                authorised.incrementAndGet();
              } else {
                failures.add(String.valueOf(request.getHeaders().get("Authorization")));
              }
              int n = calls.incrementAndGet();
              if (n % 5 == 0) {
                return new MockResponse.Builder()
                    .code(500)
                    .body("{\"error\":\"upstream rejected key " + CANARY + "\"}")
                    .build();
              }
              if (n % 17 == 0) {
                return new MockResponse.Builder()
                    .code(401)
                    .body(
                        "{\"error\":{\"message\":\"Incorrect API key provided: " + CANARY + "\"}}")
                    .build();
              }
              return new MockResponse.Builder()
                  .code(200)
                  .body(
                      "{\"choices\":[{\"message\":{\"content\":\"Refunded ada@example.org\"},"
                          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":7}}")
                  .build();
            }
          });
      server.start();
      String url = server.url("/v1").toString();
      Map<String, String> config =
          Map.of(
              "evalgate.recording.mode",
              "record",
              "evalgate.recording.dir",
              dir.resolve("rec").toString(),
              "evalgate.output.dir",
              out.toString(),
              "evalgate.allure.results.dir",
              dir.resolve("allure").toString(),
              "evalgate.variant.control.base-url",
              url,
              "evalgate.variant.challenger.base-url",
              url,
              "evalgate.retry.max-attempts",
              "2",
              "evalgate.retry.initial-delay",
              "10ms",
              "evalgate.redact",
              "email,card");
      Process run =
          ChildRun.start(
              Map.of("OPENAI_API_KEY", CANARY),
              output,
              "dev.evalgate.engine.fixtures.HttpSuites$Drill",
              dataset.toString(),
              config);
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(failures).as("requests without the key").isEmpty();
    assertThat(authorised.get())
        .as("requests made with the key (the 401 stops each variant early)")
        .isGreaterThan(16);
    int scanned = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          files.filter(Files::isRegularFile).filter(f -> !f.equals(dataset)).toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(text).as(file.toString()).doesNotContain(CANARY);
        if (!file.toString().contains("/rec/")) {
          assertThat(text)
              .as(file + " (redacted)")
              .doesNotContain("4111 1111 1111 1111")
              .doesNotContainPattern("ada\\d*@example\\.org");
        }
        scanned++;
      }
    }
    System.out.println(
        "secrets drill: "
            + authorised.get()
            + " authorised requests, "
            + scanned
            + " files scanned, 0 canary occurrences");
    assertThat(Files.readString(output)).contains("[evalgate] variant '").contains("[REDACTED]");
    assertThat(scanned).isGreaterThan(5);
  }
}
