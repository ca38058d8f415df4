package dev.evalgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.io.TextCut;
import org.junit.jupiter.api.Test;

/** A first error reads the same in the build log, report.json and every report. */
class ErrorSummaryTest {
  @Test
  void aMessageTheCallerAlreadyCutIsKeptAsItIsSoEveryReportShowsOneCut() {
    String cut =
        TextCut.cut("failed after 4 attempts: server error (HTTP 502): " + "x".repeat(5_000), 300);

    assertThat(ErrorSummary.shorten(cut)).isEqualTo(cut);
  }

  @Test
  void aLongerMessageIsCutTheSameWayOnOneLine() {
    assertThat(ErrorSummary.shorten("a\nb" + "c".repeat(400)))
        .isEqualTo("a b" + "c".repeat(257) + " [... 143 more characters]");
  }
}
