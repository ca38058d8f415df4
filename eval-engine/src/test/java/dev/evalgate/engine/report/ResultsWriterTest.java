package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.results.ResultsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {
  @Test
  void casesReachTheTemporaryFileABufferAtATimeAndResultsJsonlOnlyWhenTheWriterCloses(
      @TempDir Path folder) throws IOException {
    SuiteSpec suite = StreamingResultsTest.suite();
    ResultsWriter writer = new ResultsWriter(suite, suite.variants(), folder, Redactor.NONE);
    for (int i = 0; i < 10; i++) {
      writer.accept(StreamingResultsTest.result(i));
    }

    // ten cases are a few KB: still in the 64 KB buffer, not a write(2) per case
    assertThat(hiddenFiles(folder))
        .singleElement()
        .satisfies(temp -> assertThat(Files.size(temp)).isZero());
    assertThat(folder.resolve(ResultsWriter.FILE)).doesNotExist();

    writer.close();

    assertThat(hiddenFiles(folder)).isEmpty();
    assertThat(Files.readAllLines(writer.path())).hasSize(10 * suite.variants().size());
  }

  private static List<Path> hiddenFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
    }
  }
}
