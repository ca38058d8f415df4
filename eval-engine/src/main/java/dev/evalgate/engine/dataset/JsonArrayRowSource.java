package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.engine.io.JsonErrors;
import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/** A JSON array of objects, read element by element with a streaming parser. */
final class JsonArrayRowSource implements RowSource {
  private final JsonParser parser;
  private final ObjectMapper mapper;
  private boolean started;
  private boolean finished;

  JsonArrayRowSource(Reader reader, ObjectMapper mapper) throws IOException {
    this.mapper = mapper;
    this.parser = mapper.createParser(reader);
  }

  @Override
  public @Nullable Row next() throws IOException {
    if (finished) {
      return null;
    }
    try {
      if (!started) {
        started = true;
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_ARRAY) {
          finished = true;
          return new Row(
              Math.max(1, parser.currentTokenLocation().getLineNr()),
              null,
              "expected a JSON array of objects, but the file starts with "
                  + describe(first, parser));
        }
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY || token == null) {
        finished = true;
        return null;
      }
      long line = parser.currentTokenLocation().getLineNr();
      if (token != JsonToken.START_OBJECT) {
        String found = describe(token, parser);
        parser.skipChildren();
        return new Row(line, null, "expected a JSON object as array element, but found " + found);
      }
      ObjectNode row = mapper.readTree(parser);
      return new Row(line, row, null);
    } catch (JsonProcessingException e) {
      finished = true;
      long line =
          e.getLocation() == null
              ? parser.currentLocation().getLineNr()
              : e.getLocation().getLineNr();
      return new Row(
          Math.max(0, line),
          null,
          JsonErrors.overLimit(e)
              ? JsonErrors.limitProblem(e) + "; the rest of the file is skipped"
              : "invalid JSON ("
                  + JsonErrors.brief(e)
                  + "); expected a JSON array of objects; the rest of the file is skipped");
    }
  }

  /**
   * A JSON value as a reader of the file names it: "an array", "the number 1", never a parser token
   * name.
   */
  static String describe(@Nullable JsonToken token, JsonParser parser) throws IOException {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "{";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
      case VALUE_TRUE, VALUE_FALSE -> parser.getText();
      case VALUE_NULL -> "null";
      default -> "'" + parser.getText() + "'";
    };
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
