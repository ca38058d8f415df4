package dev.evalgate.engine.report.summary;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a report that cannot be read back says: the file, the line, the parser's words only. */
class ReportReaderTest {
  @TempDir Path dir;

  @Test
  void aTruncatedReportNamesTheFileAndLineWithoutTheParsersSourceDump() throws IOException {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "{\n  \"format\": \"evalgate-run-report/v1\",\n  \"suite\": {\n");

    assertThatThrownBy(() -> ReportReader.read(report))
        .isInstanceOf(IOException.class)
        .hasMessage(
            report
                + ":4: not a readable run report (Unexpected end-of-input: expected close marker"
                + " for Object); expected the report.json an EvalGate run wrote, whole");
  }

  @Test
  void aStrayCharacterIsShownAtItsLine() throws IOException {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "{\n  \"format\": \"evalgate-run-report/v1\",\n  ]\n}\n");

    assertThatThrownBy(() -> ReportReader.read(report))
        .isInstanceOf(IOException.class)
        .hasMessage(
            report
                + ":3: not a readable run report (Unexpected character (']' (code 93)): was"
                + " expecting double-quote to start field name); expected the report.json an"
                + " EvalGate run wrote, whole");
  }
}
