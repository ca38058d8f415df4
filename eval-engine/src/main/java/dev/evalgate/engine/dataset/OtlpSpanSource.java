package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.engine.io.JsonErrors;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The GenAI spans of an OTLP/JSON trace export ({@code {"resourceSpans": [{"resource": ...,
 * "scopeSpans": [{"spans": [...]}]}]}}), one export document or several one after the other (the
 * OpenTelemetry Collector's file exporter writes one per line).
 *
 * <p>The file is read with Jackson's streaming parser: only one span (and its resource's
 * attributes) is held at a time, so the size of the export does not matter. A span that cannot be
 * used is a problem naming its line; invalid JSON ends the reading with a problem (a parser cannot
 * find the next span after broken syntax).
 */
final class OtlpSpanSource implements TraceRecord.Source {
  /** Where the parser is: which object or array of the export it is inside. */
  private enum Level {
    EXPORT,
    RESOURCE_SPANS,
    RESOURCE,
    SCOPE_SPANS,
    SCOPE,
    SPANS
  }

  private final JsonParser parser;
  private final Deque<Level> levels = new ArrayDeque<>();
  private Map<String, JsonNode> resource = Map.of();
  private boolean ended;

  OtlpSpanSource(Reader reader, ObjectMapper mapper) throws IOException {
    this.parser = mapper.createParser(reader);
  }

  @Override
  public @Nullable TraceRecord next() throws IOException {
    if (ended) {
      return null;
    }
    try {
      while (true) {
        JsonToken token = parser.nextToken();
        long line = parser.currentTokenLocation().getLineNr();
        if (token == null) {
          ended = true;
          return levels.isEmpty()
              ? null
              : TraceRecord.problem(
                  line, "the file ends inside the export; expected the rest of its JSON");
        }
        Level level = levels.peek();
        if (level == null) {
          if (token == JsonToken.START_OBJECT) {
            levels.push(Level.EXPORT);
            continue;
          }
          parser.skipChildren();
          return TraceRecord.problem(
              line,
              "expected an OTLP/JSON export object {\"resourceSpans\": [...]}, but found "
                  + kind(token));
        }
        TraceRecord found =
            switch (level) {
              case EXPORT -> field(token, "resourceSpans", Level.RESOURCE_SPANS);
              case RESOURCE -> resourceField(token);
              case SCOPE -> field(token, "spans", Level.SPANS);
              case RESOURCE_SPANS -> element(token, Level.RESOURCE, "resourceSpans");
              case SCOPE_SPANS -> element(token, Level.SCOPE, "scopeSpans");
              case SPANS -> span(token, line);
            };
        if (found != null) {
          return found;
        }
      }
    } catch (JsonProcessingException e) {
      ended = true;
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return TraceRecord.problem(
          line,
          JsonErrors.overLimit(e)
              ? JsonErrors.limitProblem(e) + " (the rest of the file is not read)"
              : "invalid JSON"
                  + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr())
                  + " ("
                  + JsonErrors.brief(e)
                  + "); expected OTLP/JSON (the rest of the file is not read)");
    }
  }

  /** Inside an object: steps into the array named {@code wanted}, skips every other field. */
  private @Nullable TraceRecord field(JsonToken token, String wanted, Level into)
      throws IOException {
    if (token == JsonToken.END_OBJECT) {
      levels.pop();
      return null;
    }
    String name = parser.currentName();
    JsonToken value = parser.nextToken();
    if (!wanted.equals(name)) {
      parser.skipChildren();
      return null;
    }
    return array(value, name, into);
  }

  private @Nullable TraceRecord resourceField(JsonToken token) throws IOException {
    if (token == JsonToken.END_OBJECT) {
      levels.pop();
      resource = Map.of();
      return null;
    }
    String name = parser.currentName();
    JsonToken value = parser.nextToken();
    long line = parser.currentTokenLocation().getLineNr();
    if ("resource".equals(name) && value == JsonToken.START_OBJECT) {
      JsonNode tree = parser.readValueAsTree();
      try {
        resource = OtlpAttributes.decode(tree.get("attributes"), "resource.attributes");
      } catch (IllegalArgumentException e) {
        return TraceRecord.problem(
            line, e.getMessage() + " (its spans are read without the resource's attributes)");
      }
      return null;
    }
    if ("scopeSpans".equals(name) || "instrumentationLibrarySpans".equals(name)) {
      return array(value, name, Level.SCOPE_SPANS);
    }
    parser.skipChildren();
    return null;
  }

  private @Nullable TraceRecord array(JsonToken value, String name, Level into) throws IOException {
    if (value == JsonToken.START_ARRAY) {
      levels.push(into);
      return null;
    }
    long line = parser.currentTokenLocation().getLineNr();
    parser.skipChildren();
    return TraceRecord.problem(line, "'" + name + "' must be an array, but was " + kind(value));
  }

  /** Inside an array of objects: steps into the next one. */
  private @Nullable TraceRecord element(JsonToken token, Level into, String arrayName)
      throws IOException {
    if (token == JsonToken.END_ARRAY) {
      levels.pop();
      return null;
    }
    if (token == JsonToken.START_OBJECT) {
      levels.push(into);
      return null;
    }
    long line = parser.currentTokenLocation().getLineNr();
    parser.skipChildren();
    return TraceRecord.problem(
        line, "each element of '" + arrayName + "' must be an object, but was " + kind(token));
  }

  private @Nullable TraceRecord span(JsonToken token, long line) throws IOException {
    if (token == JsonToken.END_ARRAY) {
      levels.pop();
      return null;
    }
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return TraceRecord.problem(line, "a span must be an object, but was " + kind(token));
    }
    ObjectNode span = parser.readValueAsTree();
    return GenAiSpan.read(span, resource, line);
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? "something else" : token.asString();
    };
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
