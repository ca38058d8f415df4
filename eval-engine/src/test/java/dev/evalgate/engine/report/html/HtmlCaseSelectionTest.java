package dev.evalgate.engine.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large runs' pages embed a bounded selection of cases, chosen from the results file in one pass.
 */
class HtmlCaseSelectionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static String line(String id, String variant, boolean errored, boolean... checks) {
    StringBuilder json =
        new StringBuilder(
            "{\"case_id\":\""
                + id
                + "\",\"line\":1,\"variant\":\""
                + variant
                + "\",\"repeat\":0,\"error_class\":"
                + (errored ? "\"timeout\"" : "null")
                + ",\"prompt\":\"[user] \\\"hi\\\" ü "
                + id
                + "\",\"output\":\"{\\\"a\\\": [1, {\\\"b\\\": \\\"}\\\"}]}\",\"passed\":");
    boolean all = !errored;
    for (boolean c : checks) {
      all &= c;
    }
    json.append(all).append(",\"checks\":[");
    for (int i = 0; i < checks.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"c")
          .append(i)
          .append("\",\"family\":\"x\",\"passed\":")
          .append(checks[i])
          .append(",\"score\":null,\"reason\":\"r\",\"details\":{\"k\":\"v\"}}");
    }
    return json.append("]}").toString();
  }

  @Test
  void movedCasesComeFirstThenFailingThenPassingEachUpToItsLimit() throws Exception {
    List<String> lines = new ArrayList<>();
    // p-1..p-3 pass everywhere; f-1, f-2 fail the same check in both; m-1 regresses on c1, m-2
    // errors in the challenger,
    // m-3 improves; m-4 moves on c0 while pass-all is false in both
    for (int i = 1; i <= 3; i++) {
      lines.add(line("p-" + i, "control", false, true, true));
      lines.add(line("p-" + i, "challenger", false, true, true));
    }
    lines.add(line("f-1", "control", false, true, false));
    lines.add(line("f-1", "challenger", false, true, false));
    lines.add(line("m-1", "control", false, true, true));
    lines.add(line("m-1", "challenger", false, true, false));
    lines.add(line("f-2", "control", false, false, true));
    lines.add(line("f-2", "challenger", false, false, true));
    lines.add(line("m-2", "control", false, true, true));
    lines.add(line("m-2", "challenger", true));
    lines.add(line("m-3", "control", false, false, true));
    lines.add(line("m-3", "challenger", false, true, true));
    lines.add(line("m-4", "control", false, true, false));
    lines.add(line("m-4", "challenger", false, false, false));
    Path results = dir.resolve("results.jsonl");
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    Html.CaseSelection selection = Html.CaseSelection.scan(results, "control", 3, 1, 2);
    List<String> embedded = new ArrayList<>();
    selection.read(results, l -> embedded.add(l.caseId + "/" + l.outcome.variant()));

    assertThat(selection.cases()).isEqualTo(9);
    assertThat(selection.selected()).isEqualTo(6);
    assertThat(embedded)
        .containsExactly(
            "p-1/control",
            "p-1/challenger",
            "p-2/control",
            "p-2/challenger",
            "f-1/control",
            "f-1/challenger",
            "m-1/control",
            "m-1/challenger",
            "m-2/control",
            "m-2/challenger",
            "m-3/control",
            "m-3/challenger");
  }

  @Test
  void aLargeRunsPageSaysHowManyCasesItEmbedsAndLinksTheResultsFile() throws Exception {
    List<String> lines = new ArrayList<>();
    int cases = Html.EMBEDDED_CASES + 500;
    for (int i = 1; i <= cases; i++) {
      lines.add(line("q-" + i, "control", false, true));
      lines.add(line("q-" + i, "challenger", false, i % 100 != 0));
    }
    Path results = dir.resolve("results.jsonl");
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    Html.CaseSelection selection = Html.CaseSelection.scan(results, "control");

    assertThat(selection.cases()).isEqualTo(cases);
    assertThat(selection.selected()).isEqualTo(cases / 100 + Html.PASSING_CASES);
  }
}
