package dev.evalgate.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonlRowSourceTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static List<String> rows(String text, int maxLineChars) throws IOException {
    List<String> rows = new ArrayList<>();
    try (JsonlRowSource source = new JsonlRowSource(new StringReader(text), MAPPER, maxLineChars)) {
      RowSource.Row row;
      while ((row = source.next()) != null) {
        rows.add(
            row.line()
                + ":"
                + (row.fields() != null ? row.fields().get("id").asText() : row.problem()));
      }
    }
    return rows;
  }

  /**
   * What the reader did before it bounded its lines: {@link BufferedReader#readLine()}, numbered
   * from 1.
   */
  static List<String> reference(String text) throws IOException {
    List<String> rows = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new StringReader(text));
    String line;
    for (int number = 1; (line = reader.readLine()) != null; number++) {
      if (!line.isBlank()) {
        rows.add(number + ":" + MAPPER.readTree(line).get("id").asText());
      }
    }
    return rows;
  }

  @Test
  void linesEndAsBufferedReaderEndsThem() throws IOException {
    String[] breaks = {"\n", "\r", "\r\n", "\n\n", "\r\r\n", "\n\r"};
    Random random = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder text = new StringBuilder();
      int rows = random.nextInt(6);
      for (int i = 0; i < rows; i++) {
        text.append("{\"id\": \"r")
            .append(i)
            .append("\", \"pad\": \"")
            .append("p".repeat(random.nextInt(3) * 40_000))
            .append("\"}");
        text.append(breaks[random.nextInt(breaks.length)]);
      }
      if (random.nextBoolean() && rows > 0) {
        text.setLength(text.length() - 1);
      }
      assertThat(rows(text.toString(), Integer.MAX_VALUE))
          .as("rows of %s", text.length())
          .isEqualTo(reference(text.toString()));
    }
  }

  @Test
  void aLineOverTheLimitIsSkippedAndTheNextIsRead() throws IOException {
    String text = "{\"id\": \"a\"}\n{\"id\": \"" + "x".repeat(200_000) + "\"}\r\n{\"id\": \"c\"}";

    assertThat(rows(text, 100_000))
        .containsExactly(
            "1:a",
            "2:the line holds 200,010 characters, more than the 100,000 a row may hold; expected"
                + " one JSON object per line (the row is skipped)",
            "3:c");
  }
}
