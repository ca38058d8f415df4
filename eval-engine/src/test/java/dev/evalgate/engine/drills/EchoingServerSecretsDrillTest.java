package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.fixtures.HttpSuites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Drill: a server that echoes every request header it gets (the API key, a header value from the
 * suite, one from {@code evalgate.variant.*.header.*}) in 200 answers, in {@code x-request-id} and
 * in error bodies, and answers with credential-shaped text (an AWS key, a JWT, a PEM private key).
 * Afterwards no file written (recordings included) and nothing printed holds a configured secret or
 * the credential-shaped text, and the console names the journal line where each recording was
 * redacted.
 */
class EchoingServerSecretsDrillTest {
  static final String KEY = "sk-echo-canary-7d2e41b9c0a3";
  static final String CONFIG_HEADER = "config-header-canary-91ab3c";
  static final String URL_PASSWORD = "url-pass-canary-5e8f";
  static final String AWS = "AKIAZ7Q3EXAMPLE4KEYX";
  static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkcmlsbCJ9.c2lnbmF0dXJlLWNhbmFyeS0xMjM0";
  static final String PEM =
      "-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEAcanary\\n-----END RSA PRIVATE KEY-----";

  @TempDir Path dir;

  @Test
  void noConfiguredSecretAndNoCredentialShapedAnswerReachesAFileOrTheConsole() throws Exception {
    Path dataset = dir.resolve("d.jsonl");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      rows.append("{\"id\":\"e-")
          .append(i)
          .append("\",\"question\":\"What is ")
          .append(i)
          .append("?\"}\n");
    }
    Files.writeString(dataset, rows);
    Path output = dir.resolve("console.log");
    AtomicInteger calls = new AtomicInteger();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              StringBuilder echo = new StringBuilder();
              request
                  .getHeaders()
                  .forEach(
                      h ->
                          echo.append(h.getFirst()).append('=').append(h.getSecond()).append("; "));
              String echoed = echo.toString().replace("\"", "'");
              int n = calls.incrementAndGet();
              if (n % 6 == 0) {
                return new MockResponse.Builder()
                    .code(500)
                    .body("{\"error\":\"upstream saw " + echoed + "\"}")
                    .build();
              }
              if (n % 11 == 0) {
                return new MockResponse.Builder()
                    .code(400)
                    .body("{\"error\":{\"message\":\"bad request with " + echoed + "\"}}")
                    .build();
              }
              String extra =
                  n % 3 == 0
                      ? " Use " + AWS + " and token " + JWT + "."
                      : n % 3 == 1 ? " Key: " + PEM : "";
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader(
                      "x-request-id", String.valueOf(request.getHeaders().get("Authorization")))
                  .body(
                      "{\"choices\":[{\"message\":{\"content\":\"You sent "
                          + echoed
                          + extra
                          + "\"},\"finish_reason\":\"stop\"}],"
                          + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":30}}")
                  .build();
            }
          });
      server.start();
      String url = server.url("/v1").toString();
      String withCredentials = url.replace("http://", "http://drill:" + URL_PASSWORD + "@");
      Map<String, String> config =
          Map.of(
              "evalgate.recording.mode",
              "record",
              "evalgate.recording.dir",
              dir.resolve("rec").toString(),
              "evalgate.output.dir",
              dir.resolve("out").toString(),
              "evalgate.allure.results.dir",
              dir.resolve("allure").toString(),
              "evalgate.variant.control.base-url",
              url,
              "evalgate.variant.challenger.base-url",
              withCredentials,
              "evalgate.variant.challenger.header.X-Gateway-Token",
              CONFIG_HEADER,
              "evalgate.retry.max-attempts",
              "2",
              "evalgate.retry.initial-delay",
              "10ms");
      Process run =
          ChildRun.start(
              Map.of("OPENAI_API_KEY", KEY),
              output,
              HttpSuites.HeaderDrill.class.getName(),
              dataset.toString(),
              config);
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(calls.get()).as("calls made").isGreaterThanOrEqualTo(60);
    List<String> secrets =
        List.of(
            KEY,
            CONFIG_HEADER,
            HttpSuites.HeaderDrill.SUITE_HEADER_VALUE,
            URL_PASSWORD,
            AWS,
            JWT,
            "MIIEpAIBAAKCAQEAcanary");
    int scanned = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          files.filter(Files::isRegularFile).filter(f -> !f.equals(dataset)).toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(text).as("%s holds %s", file, secret).doesNotContain(secret);
        }
        scanned++;
      }
    }
    String console = Files.readString(output);
    assertThat(console)
        .containsPattern(
            "\\.journal:\\d+: the answer of case 'e-\\d+' \\(variant '(control|challenger)'\\)"
                + " holds text shaped like a credential \\(rule (aws-key|jwt|private-key)\\); it is"
                + " recorded as \\[REDACTED:(aws-key|jwt|private-key)\\]");
    try (Stream<Path> recordings = Files.walk(dir.resolve("rec"))) {
      String recorded =
          String.join(
              "\n",
              recordings
                  .filter(f -> f.toString().endsWith(".jsonl"))
                  .map(
                      f -> {
                        try {
                          return Files.readString(f);
                        } catch (java.io.IOException e) {
                          throw new java.io.UncheckedIOException(e);
                        }
                      })
                  .toList());
      assertThat(recorded).contains("[REDACTED:private-key]").contains("[REDACTED]");
    }
    assertThat(scanned).isGreaterThan(5);
  }
}
