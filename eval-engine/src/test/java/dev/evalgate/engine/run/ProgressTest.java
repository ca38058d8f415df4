package dev.evalgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.config.ProgressMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void printsDoneRateErrorsAndEtaPerVariantAsLogLines() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress =
        new Progress(
            "support",
            List.of("control", "challenger"),
            100,
            ProgressMode.ON,
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false,
            0);

    progress.record("control", false);
    Thread.sleep(2);
    progress.record("challenger", true);

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[1])
        .matches(
            "\\[evalgate] support: control 1/100 \\(\\d+\\.\\d/s, 0 errors, ETA \\d+s\\) "
                + "challenger 1/100 \\(\\d+\\.\\d/s, 1 errors, ETA \\d+s\\)");
  }

  @Test
  void onATerminalRedrawsOneLineAndIsSilentWhenOff() {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    Progress live =
        new Progress(
            "s",
            List.of("v"),
            0,
            ProgressMode.AUTO,
            new PrintStream(terminal, true, StandardCharsets.UTF_8),
            true,
            0);
    live.record("v", false);
    assertThat(terminal.toString(StandardCharsets.UTF_8))
        .startsWith("\r[evalgate] s: v 1 (")
        .doesNotContain("ETA");

    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    Progress off =
        new Progress(
            "s",
            List.of("v"),
            10,
            ProgressMode.OFF,
            new PrintStream(quiet, true, StandardCharsets.UTF_8),
            false,
            0);
    off.record("v", false);
    assertThat(quiet.size()).isZero();
  }
}
