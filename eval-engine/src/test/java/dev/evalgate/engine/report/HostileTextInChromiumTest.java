package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.fixtures.HostileSuites;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of a run whose every text is hostile ({@link HostileSuites}), rendered in headless
 * Chromium: the case table holds every case, the hostile texts are shown as text, and none of the
 * injected scripts ran (each would have marked the body with {@code data-pwned}). Skipped without
 * Chromium unless {@code -Devalgate.test.chromium.required=true} (as {@code .ci/run} sets it).
 */
class HostileTextInChromiumTest {
  @TempDir static Path dir;
  static HostilePage page;

  @BeforeAll
  static void run() throws Exception {
    page = HostilePage.run(dir);
  }

  @Test
  void theCaseTableIsCompleteAndNothingInjectedRuns() throws Exception {
    Chromium chromium = Chromium.require();
    for (Path html : page.pages()) {
      String dom = chromium.dumpDom(html, dir);

      assertThat(dom).as(html.toString()).doesNotContain("data-pwned=");
      assertThat(dom)
          .contains(
              "<span id=\"count\">"
                  + HostileSuites.CASES
                  + " of "
                  + HostileSuites.CASES
                  + " cases</span>");
      Matcher rows = Pattern.compile("<tr id=\"case-h-").matcher(dom);
      int count = 0;
      while (rows.find()) {
        count++;
      }
      assertThat(count).isEqualTo(HostileSuites.CASES);
      assertThat(dom)
          .contains("&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"&gt;")
          .contains("&lt;/script&gt;&lt;script&gt;")
          .contains("&lt;!--&lt;script&gt;");
    }
  }

  @Test
  void theSystemPromptIsShownOnceAboveTheTableAndTheCaseFieldsBesideTheirCase() throws Exception {
    Chromium chromium = Chromium.require();
    for (Path html : page.pages()) {
      String dom = chromium.dumpDom(html, dir);
      assertThat(dom)
          .as(html.toString())
          .contains("<div id=\"system-prompts\">", "<table class=\"cases\" id=\"cases\">");
      int tableAt = dom.indexOf("<table class=\"cases\" id=\"cases\">");
      String table = dom.substring(tableAt, dom.indexOf("</table>", tableAt));
      String prompts = dom.substring(dom.indexOf("<div id=\"system-prompts\">"), tableAt);

      assertThat(prompts.split("You are hostile: ", -1)).as(html.toString()).hasSize(2);
      assertThat(prompts).contains("used by control (prompt v1");
      assertThat(table).doesNotContain("You are hostile");
      assertThat(table.split(">system prompt S1</a>", -1)).hasSize(HostileSuites.CASES + 1);
      assertThat(table)
          .contains("<span class=\"label\">context</span> context 2 &lt;/script&gt;")
          .contains("<span class=\"label\">expect</span> refuse")
          .contains("<span class=\"label\">references</span> <ul><li>ref 4 &lt;/script&gt;")
          .contains(
              "<span class=\"label\">incorrect references</span> <ul><li>wrong 4 &lt;/script&gt;");
    }
  }
}
