package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** One JSON object per line; blank lines are skipped. */
final class JsonlRowSource implements RowSource {
  private final BufferedReader reader;
  private final ObjectMapper mapper;
  private long line;

  JsonlRowSource(BufferedReader reader, ObjectMapper mapper) {
    this.reader = reader;
    this.mapper = mapper;
  }

  @Override
  public @Nullable Row next() throws IOException {
    String text;
    while ((text = reader.readLine()) != null) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      try {
        JsonNode node = mapper.readTree(text);
        if (node instanceof ObjectNode object) {
          return new Row(line, object, null);
        }
        return new Row(line, null, "expected a JSON object, but the line holds " + describe(node));
      } catch (JsonProcessingException e) {
        return new Row(line, null, "invalid JSON at column " + e.getLocation().getColumnNr() + " ("
            + JsonErrors.brief(e) + "); expected one JSON object per line");
      }
    }
    return null;
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
