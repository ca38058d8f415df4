package dev.evalgate.engine.report.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * The field order of a results line as {@link ResultsWriter} writes it, for the readers of results
 * files ({@link ResultsCursor}, {@code Html.CaseSelection}): each field name is first compared by
 * its bytes with the one the writer puts next, so no symbol look-up is needed; another order or an
 * added field is still read, only more slowly.
 *
 * <pre>{@code
 * int expected = 0;
 * while (ResultsFields.next(parser, ResultsFields.LINE, expected)) {
 *   String field = parser.currentName();
 *   expected = ResultsFields.after(ResultsFields.LINE, field, expected);
 *   ...
 * }
 * }</pre>
 */
public final class ResultsFields {
  /** The fields of a results line. */
  public static final SerializedString[] LINE = names("case_id", "line", "variant", "repeat", "experiment_id", "model",
      "prompt_version", "tokens_in", "tokens_out", "tokens_estimated", "cost_usd", "latency_ms", "call_ms", "ttfb_ms",
      "first_token_ms", "finish_reason", "error_class", "error", "recorded", "prompt", "output", "tool_calls", "steps", "passed", "checks",
      "case");
  /** The fields of one entry of its {@code checks} array. */
  public static final SerializedString[] CHECK = names("name", "family", "passed", "outcome", "score", "reason", "details");

  private ResultsFields() {}

  /**
   * Moves to the next field name of an object, comparing its bytes with the expected field's first;
   * false at the object's end.
   */
  public static boolean next(JsonParser parser, SerializedString[] fields, int expected) throws IOException {
    if (expected < fields.length && parser.nextFieldName(fields[expected])) {
      return true;
    }
    JsonToken token = expected < fields.length ? parser.currentToken() : parser.nextToken();
    return token == JsonToken.FIELD_NAME;
  }

  /** Where to expect the next field after {@code field}: the next one in order, or after wherever {@code field} stands. */
  public static int after(SerializedString[] fields, String field, int expected) {
    if (expected < fields.length && fields[expected].getValue() == field) {
      return expected + 1;
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].getValue().equals(field)) {
        return i + 1;
      }
    }
    return expected;
  }

  private static SerializedString[] names(String... names) {
    SerializedString[] strings = new SerializedString[names.length];
    for (int i = 0; i < names.length; i++) {
      strings[i] = new SerializedString(names[i]);
    }
    return strings;
  }
}
