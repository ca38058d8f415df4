package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.fixtures.HostileSuites;
import dev.evalgate.engine.report.html.Html;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text in every field of a run ({@link HostileSuites}) leaves the page whole: each script
 * island ends where the page means it to and is valid JSON holding exactly what the results file
 * holds, and no markup comes from the run's texts. The same page rendered in Chromium: {@link
 * HostileTextInChromiumTest}.
 */
class HostileTextPageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static HostilePage page;

  @BeforeAll
  static void run() throws Exception {
    page = HostilePage.run(dir);
  }

  @Test
  void everyIslandIsValidJsonWithoutALessThanSignAndTheRowsAreTheResultsFilesCalls()
      throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(page.results, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(HostileSuites.CASES * 2);
    for (Path html : page.pages()) {
      Map<String, String> scripts =
          HostilePage.scripts(Files.readString(html, StandardCharsets.UTF_8));
      assertThat(scripts).as(html.toString()).containsKeys("meta", "rows", "prompts");
      for (Map.Entry<String, String> island : scripts.entrySet()) {
        if (!island.getKey().startsWith("#")) {
          assertThat(island.getValue())
              .as(island.getKey())
              .doesNotContain("<", ">", "\u2028", "\u2029");
          JSON.readTree(island.getValue());
        }
      }
      JsonNode rows = JSON.readTree(scripts.get("rows"));
      assertThat(rows).as(html.toString()).hasSize(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        JsonNode row = rows.get(i);
        JsonNode line = lines.get(i);
        assertThat(row.path("c").asText()).isEqualTo(line.path("case_id").asText());
        assertThat(row.path("v").asText()).isEqualTo(line.path("variant").asText());
        assertThat(row.path("o").asText()).isEqualTo(Html.truncate(line.path("output").asText("")));
        assertThat(row.path("k").findValuesAsText("reason"))
            .isEqualTo(line.path("checks").findValuesAsText("reason"));
        if (!line.path("error").isNull()) {
          assertThat(row.path("e").asText())
              .isEqualTo(line.path("error_class").asText() + ": " + line.path("error").asText());
        }
      }
      assertThat(rows.findValuesAsText("c")).anyMatch(id -> id.contains(HostileSuites.TEXT));
      assertThat(rows.findValuesAsText("o")).anyMatch(o -> o.contains(HostileSuites.TEXT));
    }
  }

  @Test
  void theMarkupOutsideTheScriptsHoldsOnlyThePagesOwnElements() throws Exception {
    Set<String> own =
        Set.of(
            "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
            "section", "div", "b", "br", "small", "table", "tr", "th", "td", "span", "svg", "g",
            "text", "rect", "line", "label", "select", "option", "input", "button", "a", "details",
            "summary", "pre", "code", "ul", "li");
    for (Path html : page.pages()) {
      String text = Files.readString(html, StandardCharsets.UTF_8);
      String markup = HostilePage.markup(text);
      assertThat(HostilePage.tags(markup))
          .as(html.toString())
          .isSubsetOf(own)
          .doesNotContain("img", "script");
      assertThat(markup).doesNotContain("<!--").doesNotContainPattern("<[^>]*onerror");
      assertThat(HostilePage.scripts(text)).hasSize(4);
    }
  }

  /**
   * report.md is a pull-request comment, and GitHub renders the HTML in a comment's text: the run's
   * texts (an error body, a case id, a suite or experiment name) must reach it as text. Code spans
   * show what they hold as written, so only the markup outside them counts.
   */
  @Test
  void theMarkdownReportHoldsNoMarkupOfTheRunsTexts() throws Exception {
    String md =
        Files.readString(page.live.resolveSibling(RunReports.REPORT_MD), StandardCharsets.UTF_8);
    String outsideCode = md.replaceAll("`[^`\n]*`", "");

    assertThat(outsideCode.replace("<sub>", "").replace("</sub>", ""))
        .doesNotContain("<")
        .doesNotContain(">");
    assertThat(md)
        .contains("&lt;/script&gt;&lt;script&gt;document.body.setAttribute('data-pwned','script')");
  }

  /**
   * The page shows the first 4,000 characters of a text; what it leaves out is said, with where the
   * whole text is, so a cut answer is not read as the model's own ending.
   */
  @Test
  void aLongTextOnThePageSaysHowMuchIsLeftOutAndWhere() {
    String answer = "long " + "x".repeat(10_000);

    assertThat(Html.truncate(answer))
        .isEqualTo(
            answer.substring(0, 4000)
                + " [... 6,005 more characters: the whole text is in results.jsonl]");
    assertThat(Html.truncate("a" + "😀".repeat(2500)))
        .as("a character outside the BMP is not cut in half")
        .isEqualTo(
            "a"
                + "😀".repeat(1999)
                + " [... 501 more characters: the whole text is in results.jsonl]");
    assertThat(Html.truncate("short")).isEqualTo("short");
  }
}
