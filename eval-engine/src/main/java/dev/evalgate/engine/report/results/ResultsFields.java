package dev.evalgate.engine.report.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * The names of a results line's fields, and the order {@link ResultsWriter} writes them in: the one
 * place they are spelled (REPORTS.md, "results.jsonl fields", and {@code
 * results-line-v1.schema.json} document them). The writer writes these names; {@link
 * ResultsCursor}, the one reader, first compares each field name by its bytes with the one the
 * writer puts next, so no symbol look-up is needed; another order or an added field is still read,
 * only more slowly.
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
  public static final String CASE_ID = "case_id";

  /** The case's dataset line. */
  public static final String DATASET_LINE = "line";

  public static final String VARIANT = "variant";
  public static final String REPEAT = "repeat";
  public static final String EXPERIMENT_ID = "experiment_id";
  public static final String MODEL = "model";
  public static final String PROMPT_VERSION = "prompt_version";
  public static final String TOKENS_IN = "tokens_in";
  public static final String TOKENS_OUT = "tokens_out";
  public static final String TOKENS_ESTIMATED = "tokens_estimated";
  public static final String COST_USD = "cost_usd";
  public static final String LATENCY_MS = "latency_ms";
  public static final String CALL_MS = "call_ms";

  /** The requests this run sent for the answer; absent when it sent none (a replayed answer). */
  public static final String ATTEMPTS = "attempts";

  /** What each attempt before the last failed with; absent when there was no retry. */
  public static final String RETRIED_ERRORS = "retried_errors";

  public static final String TTFB_MS = "ttfb_ms";

  /** The time to the first token of a streamed answer; absent when it did not stream. */
  public static final String FIRST_TOKEN_MS = "first_token_ms";

  public static final String FINISH_REASON = "finish_reason";
  public static final String ERROR_CLASS = "error_class";
  public static final String ERROR = "error";
  public static final String RECORDED = "recorded";
  public static final String PROMPT = "prompt";
  public static final String OUTPUT = "output";

  /** The answer's tool calls ({@link ToolCallTexts}); absent when it made none. */
  public static final String TOOL_CALLS = "tool_calls";

  /** The model calls of an app variant's answer; absent for a single call. */
  public static final String STEPS = "steps";

  public static final String PASSED = "passed";
  public static final String CHECKS = "checks";

  /** The case's fields that checks read beside the answer ({@link CaseFields}). */
  public static final String CASE = "case";

  /**
   * The case's labels: what people say each named check should conclude ({@code pass} or {@code
   * fail}); absent when the case has none.
   */
  public static final String LABELS = "labels";

  /**
   * The case's value of each field the suite slices by ({@code slices}); absent when the suite has
   * no slices or the case has none of their fields.
   */
  public static final String SLICES = "slices";

  /** The case's cluster ({@code dataset.cluster}); absent when the suite or the case has none. */
  public static final String CLUSTER = "cluster";

  /** Fields of one entry of {@link #CHECKS}. */
  public static final String CHECK_NAME = "name";

  public static final String CHECK_FAMILY = "family";
  public static final String CHECK_PASSED = "passed";
  public static final String CHECK_OUTCOME = "outcome";
  public static final String CHECK_SCORE = "score";
  public static final String CHECK_REASON = "reason";
  public static final String CHECK_DETAILS = "details";

  /** Fields of one entry of {@link #TOOL_CALLS} (and of a step's tool calls). */
  public static final String TOOL_CALL_ID = "id";

  public static final String TOOL_CALL_NAME = "name";
  public static final String TOOL_CALL_ARGUMENTS = "arguments";

  /**
   * Fields of one entry of {@link #STEPS} besides those named like a line's ({@link #MODEL}, the
   * tokens, {@link #LATENCY_MS}, {@link #FIRST_TOKEN_MS}, {@link #RECORDED}, {@link
   * #FINISH_REASON}, {@link #TOOL_CALLS}, {@link #ERROR_CLASS}, {@link #ERROR}).
   */
  public static final String STEP_PROVIDER = "provider";

  public static final String STEP_STREAM = "stream";
  public static final String STEP_STATUS = "status";

  /** Fields of {@link #CASE}. */
  public static final String CASE_CONTEXT = "context";

  public static final String CASE_EXPECT = "expect";
  public static final String CASE_REFERENCES = "references";
  public static final String CASE_INCORRECT_REFERENCES = "incorrect_references";

  /** The fields of a results line, in the writer's order. */
  public static final SerializedString[] LINE =
      names(
          CASE_ID,
          DATASET_LINE,
          VARIANT,
          REPEAT,
          EXPERIMENT_ID,
          MODEL,
          PROMPT_VERSION,
          TOKENS_IN,
          TOKENS_OUT,
          TOKENS_ESTIMATED,
          COST_USD,
          LATENCY_MS,
          CALL_MS,
          ATTEMPTS,
          RETRIED_ERRORS,
          TTFB_MS,
          FIRST_TOKEN_MS,
          FINISH_REASON,
          ERROR_CLASS,
          ERROR,
          RECORDED,
          PROMPT,
          OUTPUT,
          TOOL_CALLS,
          STEPS,
          PASSED,
          CHECKS,
          CASE,
          LABELS,
          SLICES,
          CLUSTER);

  /** The fields of one entry of its {@code checks} array, in the writer's order. */
  public static final SerializedString[] CHECK =
      names(
          CHECK_NAME,
          CHECK_FAMILY,
          CHECK_PASSED,
          CHECK_OUTCOME,
          CHECK_SCORE,
          CHECK_REASON,
          CHECK_DETAILS);

  /** The fields of its {@code case} object, in the writer's order. */
  public static final SerializedString[] CASE_FIELDS =
      names(CASE_CONTEXT, CASE_EXPECT, CASE_REFERENCES, CASE_INCORRECT_REFERENCES);

  private ResultsFields() {}

  /**
   * Moves to the next field name of an object, comparing its bytes with the expected field's first;
   * false at the object's end.
   */
  public static boolean next(JsonParser parser, SerializedString[] fields, int expected)
      throws IOException {
    if (expected < fields.length && parser.nextFieldName(fields[expected])) {
      return true;
    }
    JsonToken token = expected < fields.length ? parser.currentToken() : parser.nextToken();
    return token == JsonToken.FIELD_NAME;
  }

  /**
   * Where to expect the next field after {@code field}: the next one in order, or after wherever
   * {@code field} stands.
   */
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
