package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.report.summary.PromotionDecision;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** decision.json: written for a PROMOTE verdict only, with the fields a deploy step reads. */
class PromotionDecisionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path output;

  Path run(Class<?> suite, String name) {
    EngineTestKit.run(output, suite);
    return output.resolve("evalgate").resolve(name).resolve("report.json");
  }

  @Test
  void aPromotedChallengerIsWrittenWithTheFiguresAndFingerprintsThatDecidedIt() throws Exception {
    Path report = run(GreetingSuites.Polite.class, "greetings");

    PromotionDecision decision = PromotionDecision.writeBeside(report).orElseThrow();

    Path file = report.resolveSibling("decision.json");
    JsonNode written = JSON.readTree(file.toFile());
    assertThat(ReportsTest.schema("decision-v1.schema.json").validate(written)).isEmpty();
    List<String> fields = new ArrayList<>();
    written.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "format",
            "suite",
            "experiment",
            "verdict",
            "reason",
            "decidedAt",
            "winner",
            "control",
            "figures",
            "dataset",
            "run");
    RunReport read = ReportReader.read(report);
    assertThat(written.get("format").asText()).isEqualTo("evalgate-decision/v1");
    assertThat(written.get("suite").asText()).isEqualTo("greetings");
    assertThat(written.get("verdict").asText()).isEqualTo("PROMOTE");
    assertThat(written.get("reason").asText()).startsWith("PROMOTE casual");
    assertThat(written.get("decidedAt").asText()).isEqualTo(read.createdAt());
    assertThat(written.get("winner").toString())
        .isEqualTo(
            "{\"name\":\"casual\",\"provider\":\"in-process\",\"model\":\"casual\","
                + "\"promptVersion\":\"greet-v1\"}");
    assertThat(written.get("control").get("name").asText()).isEqualTo("formal");
    assertThat(written.get("figures"))
        .extracting(f -> f.get("criterion").asText() + " " + f.get("status").asText())
        .hasSize(read.gate().criteria().size())
        .allMatch(line -> line.endsWith(" HOLDS"));
    JsonNode atLeast = null;
    for (JsonNode figure : written.get("figures")) {
      if (figure.get("metric").asText().equals("pass-rate(exact)")) {
        atLeast = figure;
      }
    }
    assertThat(atLeast).as(written.get("figures").toString()).isNotNull();
    assertThat(atLeast.get("actual").asDouble()).isEqualTo(1.0);
    assertThat(atLeast.get("limit").asDouble()).isEqualTo(0.3);
    assertThat(atLeast.get("n").asLong()).isEqualTo(read.dataset().cases());
    assertThat(written.get("dataset").get("sha256").asText()).isEqualTo(read.dataset().sha256());
    assertThat(written.get("run").get("reportSha256").asText())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(report))));
    assertThat(written.get("run").get("suiteHash").asText()).isEqualTo(read.suiteHash());
    assertThat(written.get("run").get("seed").asLong()).isEqualTo(read.seed());
    assertThat(decision.winner().model()).isEqualTo("casual");
  }

  @Test
  void noDecisionIsWrittenWithoutAPromotionAndAStaleOneIsRemoved() throws IOException {
    Path report = run(GreetingSuites.Rude.class, "rude-greetings");
    Path stale = report.resolveSibling("decision.json");
    Files.writeString(stale, "{\"verdict\": \"PROMOTE\"}");

    assertThat(PromotionDecision.writeBeside(report)).isEmpty();

    assertThat(stale).doesNotExist();
  }

  /** Runs one suite class with the engine, writing under {@code output}. */
  static final class EngineTestKit {
    static void run(Path output, Class<?> suite) {
      org.junit.platform.testkit.engine.EngineTestKit.engine(Constants.ENGINE_ID)
          .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
          .configurationParameter(Constants.ALLURE_RESULTS_DIR, output.resolve("allure").toString())
          .selectors(selectClass(suite))
          .execute();
    }
  }
}
