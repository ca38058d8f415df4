package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.HostileSuites;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The pages of {@link HostileSuites.Hostile}: the one written at the end of its run, and the one
 * rebuilt from its {@code results.jsonl} (as a merge writes it); and the page read the way an HTML
 * parser reads it.
 */
final class HostilePage {
  final Path live;
  final Path rebuilt;
  final Path results;

  private HostilePage(Path live, Path rebuilt, Path results) {
    this.live = live;
    this.rebuilt = rebuilt;
    this.results = results;
  }

  static HostilePage run(Path dir) throws IOException {
    Path output = dir.resolve("evalgate");
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .selectors(selectClass(HostileSuites.Hostile.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(3));
    Path folder;
    try (Stream<Path> folders = Files.list(output)) {
      folder = folders.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    Path results = folder.resolve(ResultsWriter.FILE);
    Path again = Files.createDirectories(dir.resolve("rebuilt"));
    RunReports.writeRunLevel(
        again, ReportReader.read(folder.resolve(RunReports.REPORT_JSON)), results);
    return new HostilePage(
        folder.resolve(RunReports.REPORT_HTML), again.resolve(RunReports.REPORT_HTML), results);
  }

  List<Path> pages() {
    return List.of(live, rebuilt);
  }

  /**
   * The script elements of a page by id (or by position when they have none), each ending where an
   * HTML parser ends it: at the first {@code </script} in any case. A {@code <!--} inside would
   * make the parser look for the end differently, so it is refused here.
   */
  static Map<String, String> scripts(String html) {
    Map<String, String> scripts = new LinkedHashMap<>();
    String lower = html.toLowerCase(Locale.ROOT);
    int from = 0;
    int start;
    while ((start = lower.indexOf("<script", from)) >= 0) {
      int open = lower.indexOf('>', start);
      int end = lower.indexOf("</script", open);
      assertThat(end).as("the script element at %d ends", start).isPositive();
      String tag = html.substring(start, open + 1);
      String content = html.substring(open + 1, end);
      assertThat(content).as("script %s", tag).doesNotContain("<!--");
      int id = tag.indexOf("id=\"");
      scripts.put(
          id < 0 ? "#" + scripts.size() : tag.substring(id + 4, tag.indexOf('"', id + 4)), content);
      from = lower.indexOf('>', end) + 1;
    }
    return scripts;
  }

  /** The page without its script elements: the markup the HTML parser builds elements from. */
  static String markup(String html) {
    StringBuilder out = new StringBuilder();
    String lower = html.toLowerCase(Locale.ROOT);
    int from = 0;
    int start;
    while ((start = lower.indexOf("<script", from)) >= 0) {
      out.append(html, from, start);
      from = lower.indexOf('>', lower.indexOf("</script", start)) + 1;
    }
    return out.append(html.substring(from)).toString();
  }

  /** Tags in the markup, by name. */
  static List<String> tags(String markup) {
    List<String> tags = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(markup);
    while (m.find()) {
      tags.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return tags;
  }
}
