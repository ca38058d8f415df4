package dev.evalgate.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's messages, cut to the part a person needs (no source dumps, no nested locations): every
 * reader of a user's JSON (datasets, recordings, reports) words a parser's complaint this way, and
 * names the file and line itself.
 */
public final class JsonErrors {
  private static final Pattern TRAILING = Pattern.compile("Trailing token \\(of type (\\w+)\\)");
  private static final Map<String, String> TOKENS =
      Map.of(
          "START_OBJECT",
          "'{'",
          "START_ARRAY",
          "'['",
          "VALUE_STRING",
          "a string",
          "VALUE_NUMBER_INT",
          "a number",
          "VALUE_NUMBER_FLOAT",
          "a number",
          "VALUE_TRUE",
          "true",
          "VALUE_FALSE",
          "false",
          "VALUE_NULL",
          "null");

  private JsonErrors() {}

  public static String brief(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "malformed JSON";
    }
    message = message.replaceAll(", from `[^`]*`", "");
    Matcher trailing = TRAILING.matcher(message);
    if (trailing.lookingAt()) {
      // Jackson names its token type, its target class and its feature flag: none of it is the
      // user's
      return "more JSON after the first value, starting with "
          + TOKENS.getOrDefault(trailing.group(1), "more text");
    }
    for (String cut : new String[] {"\n", " (start marker", " at [Source"}) {
      int at = message.indexOf(cut);
      if (at > 0) {
        message = message.substring(0, at);
      }
    }
    return message.strip();
  }

  /**
   * Whether the parser stopped at one of its size limits (string length, nesting depth, number
   * length) rather than at bad syntax.
   */
  public static boolean overLimit(JsonProcessingException e) {
    return e instanceof StreamConstraintsException;
  }

  /**
   * What a parser limit refused, e.g. "over the JSON parser's limit: String value length (20000001)
   * exceeds the maximum allowed (20000000); expected values within the parser's limits".
   */
  public static String limitProblem(JsonProcessingException e) {
    return "over the JSON parser's limit: "
        + brief(e)
        + "; expected values within the parser's limits";
  }
}
