package dev.evalgate.checks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the JSON in a model's answer: the whole answer, a fenced code block, or an object or array
 * embedded in prose. Models do all three.
 */
public final class JsonExtractor {
  /** Where the JSON was found. */
  public enum Form {
    /** The whole answer is JSON. */
    RAW("the whole answer"),
    /** Inside a fenced code block. */
    FENCED("a fenced code block"),
    /** An object or array surrounded by prose. */
    EMBEDDED("prose around the JSON");

    private final String description;

    Form(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** The JSON found, or why none was. */
  public record Extracted(@Nullable JsonNode json, @Nullable Form form, String problem) {
    public boolean found() {
      return json != null;
    }

    /** The JSON found; only after {@link #found()} said there is one. */
    public JsonNode foundJson() {
      if (json == null) {
        throw new IllegalStateException("no JSON was found: " + problem);
      }
      return json;
    }

    /** Where the JSON was found; only after {@link #found()} said there is one. */
    public Form foundForm() {
      if (form == null) {
        throw new IllegalStateException("no JSON was found: " + problem);
      }
      return form;
    }
  }

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final Pattern FENCE =
      Pattern.compile("```[a-zA-Z0-9_-]*\\s*\\n(.*?)```", Pattern.DOTALL);

  /**
   * The last answer read on this thread: the parse of the whole answer, which strict and lenient
   * extraction share, and what has been worked out from it. The checks of one answer run one after
   * another on one thread, and several read its JSON (schema, json, json-path, refusal,
   * unsupported-specifics, grounded): the answer is parsed once. Trees are only read, never
   * changed.
   */
  private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

  private static final class Memo {
    final String answer;

    /** The whole answer's tree, or why it is not JSON. */
    final Object raw;

    @Nullable Extracted strict;
    @Nullable Extracted lenient;

    /** {@link #text}'s result. */
    @Nullable String text;

    /**
     * The parses of parts of the answer (a fenced block's content, an object or array in prose) by
     * their text: the lenient extraction and {@link #text} look at the same parts.
     */
    @Nullable Map<String, Object> parts;

    /** How many texts were given to the JSON parser for this answer, the whole answer included. */
    int parses = 1;

    /** {@link JsonExtractor#parse} of a part of the answer, parsed once. */
    Object parse(String part) {
      if (parts == null) {
        parts = new HashMap<>();
      }
      return parts.computeIfAbsent(
          part,
          text -> {
            parses++;
            return JsonExtractor.parse(text);
          });
    }

    Memo(String answer, Object raw) {
      this.answer = answer;
      this.raw = raw;
    }
  }

  private JsonExtractor() {}

  /**
   * How many texts the JSON parser was given for the last answer read on this thread (for tests).
   */
  static int parsesOfLastAnswer() {
    Memo last = LAST.get();
    return last == null ? 0 : last.parses;
  }

  private static Memo memo(String answer) {
    Memo last = LAST.get();
    if (last != null && last.answer == answer) {
      return last;
    }
    Memo memo = new Memo(answer, parse(answer.strip()));
    LAST.set(memo);
    return memo;
  }

  /**
   * Extracts JSON; in strict mode only an answer that is JSON and nothing else counts. The tree is
   * shared with the other checks of the same answer on this thread: read it, do not change it.
   */
  public static Extracted extract(String answer, boolean strict) {
    Memo memo = memo(answer);
    if (strict) {
      if (memo.strict == null) {
        memo.strict =
            memo.raw instanceof JsonNode json
                ? new Extracted(json, Form.RAW, "")
                : new Extracted(null, null, "the answer is not JSON only (" + memo.raw + ")");
      }
      return memo.strict;
    }
    if (memo.lenient == null) {
      memo.lenient =
          memo.raw instanceof JsonNode json ? new Extracted(json, Form.RAW, "") : lenient(memo);
    }
    return memo.lenient;
  }

  /** The lenient extraction of an answer that is not JSON as a whole. */
  private static Extracted lenient(Memo memo) {
    String answer = memo.answer;
    Matcher fence = FENCE.matcher(answer);
    while (fence.find()) {
      if (memo.parse(fence.group(1).strip()) instanceof JsonNode json) {
        return new Extracted(json, Form.FENCED, "");
      }
    }
    // the first object or array that may hold text, as text() finds them; other JSON (a citation
    // [1], a placeholder {}) only when none follows it
    Brackets brackets = new Brackets(answer);
    JsonNode fallback = null;
    for (int start = 0; start < answer.length() && !brackets.spent(); start++) {
      char c = answer.charAt(start);
      boolean text = opensJson(answer, start, answer.length());
      if (text || fallback == null && (c == '{' || c == '[')) {
        int end = brackets.matching(start, answer.length());
        if (end > start && memo.parse(answer.substring(start, end + 1)) instanceof JsonNode json) {
          if (text) {
            return new Extracted(json, Form.EMBEDDED, "");
          }
          fallback = json;
          start = end;
        }
      }
    }
    return fallback != null
        ? new Extracted(fallback, Form.EMBEDDED, "")
        : new Extracted(null, null, "no JSON object or array found (" + memo.raw + ")");
  }

  /**
   * The answer as text checks read it. Each part of it that is JSON is replaced, where it stands,
   * by its string values in document order, each its own paragraph (keys, numbers and other
   * literals left out, as they are structure rather than prose); the prose around it stays. A part
   * is the whole answer, a fenced code block whose content is JSON, or an object or array inside
   * prose (an object whose first key is a string, an array whose first element is a string, object
   * or array). A part without a string value, and an answer without such parts, are left as they
   * are. Worked out once per answer on a thread; an answer without a bracket is returned at once.
   */
  static String text(String answer) {
    if (answer.indexOf('{') < 0 && answer.indexOf('[') < 0) {
      return answer;
    }
    Memo memo = memo(answer);
    if (memo.text == null) {
      memo.text = readable(memo);
    }
    return memo.text;
  }

  private static String readable(Memo memo) {
    String answer = memo.answer;
    Parts parts = new Parts(answer);
    if (memo.raw instanceof JsonNode json) {
      parts.replace(0, answer.length(), json);
      return parts.text();
    }
    Matcher fence = FENCE.matcher(answer);
    Brackets brackets = new Brackets(answer);
    int from = 0;
    while (from < answer.length()) {
      boolean fenced = fence.find(from);
      int prose = fenced ? fence.start() : answer.length();
      for (int i = from; i < prose && !brackets.spent(); i++) {
        if (opensJson(answer, i, prose)) {
          int end = brackets.matching(i, prose);
          if (end > i
              && memo.parse(answer.substring(i, end + 1)) instanceof JsonNode json
              && parts.replace(i, end + 1, json)) {
            i = end;
          }
        }
      }
      if (!fenced) {
        break;
      }
      if (memo.parse(fence.group(1).strip()) instanceof JsonNode json) {
        parts.replace(fence.start(), fence.end(), json);
      }
      from = fence.end();
    }
    return parts.text();
  }

  /** Whether an object or array that may hold text starts at {@code i}: {@code {"} or {@code ["}, {@code [{}, {@code [[}. */
  private static boolean opensJson(String text, int i, int limit) {
    char c = text.charAt(i);
    if (c != '{' && c != '[') {
      return false;
    }
    int next = i + 1;
    while (next < limit && Character.isWhitespace(text.charAt(next))) {
      next++;
    }
    if (next == limit) {
      return false;
    }
    char first = text.charAt(next);
    return first == '"' || c == '[' && (first == '{' || first == '[');
  }

  /** An answer with some of its spans replaced by the string values of the JSON in them. */
  private static final class Parts {
    private final String answer;
    private @Nullable StringBuilder out;
    private int copied;

    Parts(String answer) {
      this.answer = answer;
    }

    /**
     * Replaces {@code [start, end)} by the strings of {@code json}; false, changing nothing, when
     * it has none.
     */
    boolean replace(int start, int end, JsonNode json) {
      StringBuilder builder = new StringBuilder();
      appendStrings(json, builder);
      String values = builder.toString();
      if (values.isBlank()) {
        return false;
      }
      StringBuilder target = out;
      if (target == null) {
        target = new StringBuilder(answer.length());
        out = target;
      }
      paragraph(target, answer.substring(copied, start));
      paragraph(target, values);
      copied = end;
      return true;
    }

    private static void paragraph(StringBuilder target, String text) {
      if (text.isBlank()) {
        return;
      }
      if (target.length() > 0) {
        target.append("\n\n");
      }
      target.append(text);
    }

    String text() {
      StringBuilder target = out;
      if (target == null) {
        return answer;
      }
      paragraph(target, answer.substring(copied));
      return target.toString();
    }
  }

  private static void appendStrings(JsonNode node, StringBuilder values) {
    if (node.isTextual()) {
      if (values.length() > 0) {
        values.append("\n\n");
      }
      values.append(node.textValue());
    } else if (node.isContainerNode()) {
      for (JsonNode child : node) {
        appendStrings(child, values);
      }
    }
  }

  /**
   * Matches brackets in one answer, ignoring brackets in strings. All the matching done in one
   * answer scans at most eight times its length (plus 1,024 characters): a bracket that closes
   * nothing is scanned to the end, so prose full of them would otherwise cost time in the square of
   * its length; past the budget the answer is read as it is.
   */
  private static final class Brackets {
    private final String text;
    private long budget;

    Brackets(String text) {
      this.text = text;
      this.budget = 8L * text.length() + 1024;
    }

    boolean spent() {
      return budget <= 0;
    }

    /**
     * The index of the bracket closing the one at {@code start}, looking no further than {@code
     * limit}; -1 if none.
     */
    int matching(int start, int limit) {
      int depth = 0;
      boolean inString = false;
      for (int i = start; i < limit; i++) {
        char c = text.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
          if (depth == 0) {
            budget -= i + 1 - start;
            return i;
          }
        }
      }
      budget -= limit - start;
      return -1;
    }
  }

  /** The parsed tree (a {@link JsonNode}), or a String saying why it is not JSON. */
  private static Object parse(String text) {
    if (text.isEmpty()) {
      return "the answer is empty";
    }
    char first = text.charAt(0);
    if (first != '{' && first != '[') {
      return "it starts with '"
          + text.substring(0, Math.min(20, text.length())).replace("\n", " ")
          + "'";
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int cut = message.indexOf('\n');
      return "invalid JSON: " + (cut > 0 ? message.substring(0, cut) : message);
    }
  }
}
