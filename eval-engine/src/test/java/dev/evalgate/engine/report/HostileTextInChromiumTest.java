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
      assertThat(dom).contains("<span id=\"count\">" + HostileSuites.CASES + " of " + HostileSuites.CASES + " cases</span>");
      Matcher rows = Pattern.compile("<tr id=\"case-h-").matcher(dom);
      int count = 0;
      while (rows.find()) {
        count++;
      }
      assertThat(count).isEqualTo(HostileSuites.CASES);
      assertThat(dom).contains("&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"&gt;")
          .contains("&lt;/script&gt;&lt;script&gt;").contains("&lt;!--&lt;script&gt;");
    }
  }
}
