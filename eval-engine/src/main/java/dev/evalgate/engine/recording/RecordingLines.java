package dev.evalgate.engine.recording;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.evalgate.engine.io.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One line of a recording file: parsing it into a {@link Recording} with an error that names the
 * file and line, writing it, and reading its key and variant without binding the whole line.
 */
final class RecordingLines {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

  /** Data binding, set up only when a line needs it: a replay of canonical lines never does. */
  private static final class Binding {
    static final ObjectReader READ = JSON.readerFor(Recording.class);
    static final ObjectWriter WRITE = JSON.writerFor(Recording.class);
  }

  /** How every line this class writes begins, so the key is found without a parser. */
  private static final byte[] KEY_PREFIX = "{\"key\":\"".getBytes(StandardCharsets.US_ASCII);

  private RecordingLines() {}

  /** The line of {@code recording}, without the line break. */
  static byte[] write(Recording recording) {
    try {
      return Binding.WRITE.writeValueAsBytes(recording);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a recording cannot be serialised: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses a whole line.
   *
   * @throws RecordingException naming {@code file} and {@code line} when it is not a recording
   */
  static Recording parse(byte[] bytes, int offset, int length, Path file, long line) {
    return parse(bytes, offset, length, file, () -> line);
  }

  /**
   * As {@link #parse(byte[], int, int, Path, long)}, working the line number out only for a
   * message.
   */
  static Recording parse(byte[] bytes, int offset, int length, Path file, LongSupplier lineNumber) {
    return parse(bytes, offset, length, file, lineNumber, true);
  }

  /**
   * Checks a whole line as {@link #parse(byte[], int, int, Path, long)} does, with the same errors,
   * and gives its variant and key; the other text fields of a canonical line are checked (JSON
   * syntax, escapes, UTF-8) but not decoded into strings, which is most of the work of reading a
   * line.
   *
   * @throws RecordingException naming {@code file} and {@code line} when it is not a recording
   */
  static Id check(byte[] bytes, int offset, int length, Path file, long line) {
    Recording recording = parse(bytes, offset, length, file, () -> line, false);
    return new Id(recording.variant(), recording.key());
  }

  /**
   * {@code values}: decode every text field; when false, only the key and variant (the others hold
   * {@link #UNREAD}).
   */
  private static Recording parse(
      byte[] bytes, int offset, int length, Path file, LongSupplier lineNumber, boolean values) {
    try {
      Recording recording = canonical(bytes, offset, length, values);
      if (recording == null) {
        recording = Binding.READ.readValue(bytes, offset, length);
      }
      if (recording == null
          || recording.key() == null
          || recording.variant() == null
          || recording.content() == null) {
        throw corrupt(file, lineNumber.getAsLong(), "a field is missing");
      }
      if (recording.format() != null
          && (recording.format() < 1 || recording.format() > Recording.FORMAT)) {
        throw unknownFormat(file, lineNumber.getAsLong(), recording.format());
      }
      return recording;
    } catch (MismatchedInputException e) {
      Integer format = format(bytes, offset, length);
      if (format != null && format > Recording.FORMAT) {
        // a newer EvalGate's line: its new fields are not unknown to it
        throw unknownFormat(file, lineNumber.getAsLong(), format);
      }
      String field =
          e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
      throw corrupt(
          file, lineNumber.getAsLong(), "field '" + field + "' is missing or of the wrong type");
    } catch (JsonProcessingException e) {
      throw corrupt(file, lineNumber.getAsLong(), syntaxError(bytes, offset, length, e));
    } catch (IOException e) {
      throw new RecordingException(
          file + ":" + lineNumber.getAsLong() + ": cannot read the recording: " + e.getMessage(),
          e);
    }
  }

  /**
   * Reads a line of the canonical shape (every field this store writes, each of its own JSON type,
   * no other field) with the streaming parser, as data binding would read it but without its
   * per-line overhead; null for any other line, which data binding then reads, with its exact
   * coercions and messages.
   */
  static @Nullable Recording canonical(byte[] bytes, int offset, int length) throws IOException {
    return canonical(bytes, offset, length, true);
  }

  /**
   * What a text field other than the key and variant holds when {@link #check} left it undecoded.
   */
  private static final String UNREAD = new String("(not read)");

  private static @Nullable Recording canonical(byte[] bytes, int offset, int length, boolean values)
      throws IOException {
    try (JsonParser parser = JSON.getFactory().createParser(bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String key = null;
      String caseId = null;
      String variant = null;
      String model = null;
      String content = null;
      String finishReason = null;
      String requestId = null;
      Long ttfbMs = null;
      long repeat = Long.MIN_VALUE;
      long promptTokens = Long.MIN_VALUE;
      long completionTokens = Long.MIN_VALUE;
      long latencyMs = Long.MIN_VALUE;
      long status = Long.MIN_VALUE;
      Boolean estimated = null;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "key", "case", "variant", "model", "content", "finish_reason", "request_id" -> {
            if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
              return null;
            }
            // the parser checks a string it skips as it checks one it decodes
            String text =
                value == JsonToken.VALUE_NULL
                    ? null
                    : values || name.equals("key") || name.equals("variant")
                        ? parser.getText()
                        : UNREAD;
            switch (name) {
              case "key" -> key = text;
              case "case" -> caseId = text;
              case "variant" -> variant = text;
              case "model" -> model = text;
              case "content" -> content = text;
              case "finish_reason" -> finishReason = text;
              default -> requestId = text;
            }
          }
          case "repeat", "status" -> {
            if (value != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() != JsonParser.NumberType.INT) {
              return null;
            }
            if (name.equals("repeat")) {
              repeat = parser.getIntValue();
            } else {
              status = parser.getIntValue();
            }
          }
          case "prompt_tokens", "completion_tokens", "latency_ms", "ttfb_ms" -> {
            if (value == JsonToken.VALUE_NULL && name.equals("ttfb_ms")) {
              ttfbMs = null;
              continue;
            }
            if (value != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              return null;
            }
            long number = parser.getLongValue();
            switch (name) {
              case "prompt_tokens" -> promptTokens = number;
              case "completion_tokens" -> completionTokens = number;
              case "latency_ms" -> latencyMs = number;
              default -> ttfbMs = number;
            }
          }
          case "tokens_estimated" -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
              return null;
            }
            estimated = value == JsonToken.VALUE_TRUE;
          }
          default -> {
            return null;
          }
        }
      }
      if (token != JsonToken.END_OBJECT
          || estimated == null
          || repeat == Long.MIN_VALUE
          || promptTokens == Long.MIN_VALUE
          || completionTokens == Long.MIN_VALUE
          || latencyMs == Long.MIN_VALUE
          || status == Long.MIN_VALUE) {
        return null;
      }
      // What Jackson's data binding makes of the same line, missing fields null as there: the fast
      // path must give what the slow one gives; parse() rejects a recording without key, case,
      // variant or content right after, so NullAway is told to let these nulls through here.
      @SuppressWarnings("NullAway")
      Recording bound =
          new Recording(
              key,
              caseId,
              variant,
              model,
              (int) repeat,
              content,
              finishReason,
              promptTokens,
              completionTokens,
              estimated,
              latencyMs,
              ttfbMs,
              (int) status,
              requestId);
      return bound;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * The parser's description of a malformed line, as the text parser words it ("was expecting
   * closing quote for a string value" rather than the byte parser's "in VALUE_STRING").
   */
  private static String syntaxError(
      byte[] bytes, int offset, int length, JsonProcessingException fromBytes) {
    try {
      Binding.READ.readTree(new String(bytes, offset, length, StandardCharsets.UTF_8));
    } catch (JsonProcessingException fromText) {
      return JsonErrors.brief(fromText);
    }
    return JsonErrors.brief(fromBytes);
  }

  /**
   * The key of a line this store wrote (it begins {@code {"key":"}), read without a parser; null
   * for any other line, which is then parsed whole.
   */
  static @Nullable String fastKey(byte[] bytes, int offset, int length) {
    if (length <= KEY_PREFIX.length) {
      return null;
    }
    for (int i = 0; i < KEY_PREFIX.length; i++) {
      if (bytes[offset + i] != KEY_PREFIX[i]) {
        return null;
      }
    }
    int start = offset + KEY_PREFIX.length;
    int end = offset + length;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      if (b == '"') {
        return new String(bytes, start, i - start, StandardCharsets.UTF_8);
      }
      if (b == '\\' || b < 0x20) {
        return null;
      }
    }
    return null;
  }

  /** What {@link #compareKeyInPlace} returns when the line must be parsed to be compared. */
  static final int NOT_IN_PLACE = Integer.MIN_VALUE;

  /**
   * Compares a line's key with {@code key} as {@link String#compareTo} would (only the sign
   * counts), reading the line's bytes in place when it begins as this store writes it and both keys
   * are ASCII (request hashes are hex); {@link #NOT_IN_PLACE} when it cannot.
   */
  static int compareKeyInPlace(byte[] bytes, int offset, int length, String key) {
    if (length <= KEY_PREFIX.length || !startsWithKeyPrefix(bytes, offset)) {
      return NOT_IN_PLACE;
    }
    int start = offset + KEY_PREFIX.length;
    int end = offset + length;
    int n = key.length();
    for (int i = 0; start + i < end; i++) {
      int b = bytes[start + i] & 0xff;
      if (b == '"') {
        return i < n ? -1 : 0;
      }
      if (b < 0x20 || b == '\\' || b >= 0x80) {
        return NOT_IN_PLACE;
      }
      if (i >= n) {
        return 1;
      }
      char c = key.charAt(i);
      if (c >= 0x80) {
        return NOT_IN_PLACE;
      }
      if (b != c) {
        return b < c ? -1 : 1;
      }
    }
    return NOT_IN_PLACE;
  }

  private static boolean startsWithKeyPrefix(byte[] bytes, int offset) {
    for (int i = 0; i < KEY_PREFIX.length; i++) {
      if (bytes[offset + i] != KEY_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  /** The key of a line: {@link #fastKey} or a full parse. */
  static String key(byte[] bytes, int offset, int length, Path file, long line) {
    String key = fastKey(bytes, offset, length);
    return key != null ? key : parse(bytes, offset, length, file, line).key();
  }

  /**
   * The variant and key of a line, read with a streaming parser that stops as soon as both are
   * known; other fields are skipped unread.
   */
  static Id id(byte[] bytes, int offset, int length, Path file, long line) {
    try (JsonParser parser = JSON.getFactory().createParser(bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw corrupt(file, line, "not a JSON object");
      }
      String key = null;
      String variant = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME && (key == null || variant == null)) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("key") && value == JsonToken.VALUE_STRING) {
          key = parser.getText();
        } else if (name.equals("variant") && value == JsonToken.VALUE_STRING) {
          variant = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (key == null || variant == null) {
        throw corrupt(file, line, "a field is missing");
      }
      return new Id(variant, key);
    } catch (JsonProcessingException e) {
      throw corrupt(file, line, syntaxError(bytes, offset, length, e));
    } catch (IOException e) {
      throw new RecordingException(
          file + ":" + line + ": cannot read the recording: " + e.getMessage(), e);
    }
  }

  /** A recording's identity: the variant that asked and the request's key. */
  record Id(String variant, String key) {}

  /** The line's {@code format}, or null when it has none or cannot be read. */
  private static @Nullable Integer format(byte[] bytes, int offset, int length) {
    try {
      com.fasterxml.jackson.databind.JsonNode format =
          JSON.readTree(bytes, offset, length).path("format");
      return format.isInt() ? format.intValue() : null;
    } catch (IOException e) {
      return null;
    }
  }

  static RecordingException unknownFormat(Path file, long line, int format) {
    return new RecordingException(
        file
            + ":"
            + line
            + ": recording format "
            + format
            + " is not one this EvalGate reads (1 to "
            + Recording.FORMAT
            + ")"
            + (format > Recording.FORMAT
                ? "; it was written by a newer EvalGate: update EvalGate, or"
                : ";")
            + " delete the file and record again");
  }

  static RecordingException corrupt(Path file, long line, String why) {
    return new RecordingException(
        file
            + ":"
            + line
            + ": corrupt recording ("
            + why
            + "); expected one JSON object per line with key, case, variant, content and usage;"
            + " delete the line, or the file, and record again");
  }
}
