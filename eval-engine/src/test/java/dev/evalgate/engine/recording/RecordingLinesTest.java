package dev.evalgate.engine.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.ToolCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingLinesTest {
  private static final Path FILE = Path.of("control.jsonl");
  private static final List<String> KEYS =
      List.of(
          "",
          "a",
          "ab",
          "abc",
          "abd",
          "b",
          "0089eca5",
          "0089eca4ff",
          "Z",
          "é",
          "éa",
          "a\"b",
          "a\\b",
          "a\nb",
          "😀",
          "\uFFFF");

  @Test
  void aLinesKeyComparesAsItsStringWouldWhateverItHolds() {
    for (String lineKey : KEYS) {
      byte[] line =
          RecordingLines.write(
              Recording.of(lineKey, "c", "control", "m", 0, ModelResponse.ofText("x")));
      for (String key : KEYS) {
        assertThat(Integer.signum(compare(line, key)))
            .as("%s vs %s", lineKey, key)
            .isEqualTo(Integer.signum(lineKey.compareTo(key)));
      }
    }
  }

  private static int compare(byte[] line, String key) {
    int order = RecordingLines.compareKeyInPlace(line, 0, line.length, key);
    return order != RecordingLines.NOT_IN_PLACE
        ? order
        : RecordingLines.key(line, 0, line.length, FILE, 1).compareTo(key);
  }

  @Test
  void asciiKeysAreComparedInPlace() {
    byte[] line =
        RecordingLines.write(
            Recording.of("0089eca5", "c", "control", "m", 0, ModelResponse.ofText("x")));
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "0089eca5")).isZero();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "0089eca6")).isNegative();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "0089eca")).isPositive();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "é"))
        .isEqualTo(RecordingLines.NOT_IN_PLACE);
  }

  private static final String FULL =
      "{\"key\":\"k1\",\"case\":\"c-1\",\"variant\":\"control\",\"model\":\"m\",\"repeat\":2,\"content\":\"a"
          + " \\\"quoted\\\" caf\u00e9"
          + " \\ud83d\\ude00\",\"finish_reason\":\"stop\",\"prompt_tokens\":12,"
          + "\"completion_tokens\":3000000000,\"tokens_estimated\":true,\"latency_ms\":65,\"ttfb_ms\":60,\"status\":200,"
          + "\"request_id\":\"req_1\"}";

  /**
   * Lines the streaming reader takes, and lines it leaves to data binding; both must read as data
   * binding reads them.
   */
  private static final List<String> LINES =
      List.of(
          FULL,
          FULL.replace("\"model\":\"m\",", "")
              .replace(",\"ttfb_ms\":60", "")
              .replace(",\"request_id\":\"req_1\"", ""),
          FULL.replace("\"model\":\"m\"", "\"model\":null")
              .replace("\"ttfb_ms\":60", "\"ttfb_ms\":null"),
          FULL.replace("{\"key\":\"k1\",", "{").replace("}", ",\"key\":\"k1\"}"),
          FULL.replace("\"repeat\":2", "\"repeat\":\"2\""),
          FULL.replace("\"repeat\":2", "\"repeat\":2.0"),
          FULL.replace("\"status\":200", "\"status\":3000000000"),
          FULL.replace("\"tokens_estimated\":true", "\"tokens_estimated\":\"true\""),
          FULL.replace("\"tokens_estimated\":true", "\"tokens_estimated\":1"),
          FULL.replace("\"model\":\"m\"", "\"model\":7"),
          FULL.replace("\"model\":\"m\"", "\"model\":[\"m\"]"),
          FULL.replace("}", ",\"extra\":1}"),
          FULL.replace(",\"status\":200", ""),
          FULL.replace("\"key\":\"k1\",", ""),
          FULL.replace("\"key\":\"k1\"", "\"key\":null"),
          FULL + " trailing",
          FULL.replace("\"repeat\":2", "\"repeat\":2,\"repeat\":3"),
          "[1,2]",
          "{\"key\":\"k\"}");

  @Test
  void theStreamingReaderReadsEveryLineAsDataBindingDoes() throws Exception {
    int streamed = 0;
    for (String text : LINES) {
      byte[] line = text.getBytes(StandardCharsets.UTF_8);
      Recording fast = RecordingLines.canonical(line, 0, line.length);
      Object bound;
      try {
        bound = RecordingLines.JSON.readerFor(Recording.class).readValue(line, 0, line.length);
      } catch (Exception e) {
        bound = e.getClass();
      }
      if (fast != null) {
        streamed++;
        assertThat(fast).as(text).isEqualTo(bound);
      }
      Object parsed;
      try {
        parsed = RecordingLines.parse(line, 0, line.length, FILE, 1);
      } catch (RecordingException e) {
        parsed = e.getMessage();
      }
      if (bound instanceof Recording recording
          && recording.key() != null
          && recording.variant() != null
          && recording.content() != null) {
        assertThat(parsed).as(text).isEqualTo(bound);
      } else {
        assertThat(parsed).as(text).asString().startsWith("control.jsonl:1: corrupt recording (");
      }
    }
    // the whole line, optional fields left out or null, another order, trailing text, a repeated
    // field, no key, a null key
    assertThat(streamed).as("lines of the canonical shape are streamed").isEqualTo(8);
  }

  /** Lines whose damage is in a text field that the check at opening does not decode. */
  private static byte[][] damagedTextFields() {
    List<byte[]> lines = new java.util.ArrayList<>();
    for (String field :
        List.of(
            "\"content\":\"",
            "\"model\":\"",
            "\"case\":\"",
            "\"request_id\":\"",
            "\"finish_reason\":\"")) {
      int at = FULL.indexOf(field) + field.length();
      byte[] head = FULL.substring(0, at).getBytes(StandardCharsets.UTF_8);
      byte[] tail = FULL.substring(at).getBytes(StandardCharsets.UTF_8);
      for (byte[] damage :
          List.of(
              new byte[] {(byte) 0xff},
              new byte[] {(byte) 0xc3, 'x'},
              new byte[] {(byte) 0xe2, (byte) 0x82},
              new byte[] {(byte) 0x80},
              new byte[] {1},
              "\\q".getBytes(StandardCharsets.US_ASCII),
              "\\u12g4".getBytes(StandardCharsets.US_ASCII),
              "\\".getBytes(StandardCharsets.US_ASCII),
              "\\u00e9 ok \\n".getBytes(StandardCharsets.US_ASCII),
              "caf\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8))) {
        byte[] line = new byte[head.length + damage.length + tail.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(damage, 0, line, head.length, damage.length);
        System.arraycopy(tail, 0, line, head.length + damage.length, tail.length);
        lines.add(line);
      }
    }
    LINES.forEach(text -> lines.add(text.getBytes(StandardCharsets.UTF_8)));
    lines.add(
        FULL.replace("\"content\":\"", "\"content\":null,\"x\":\"")
            .getBytes(StandardCharsets.UTF_8));
    lines.add(FULL.substring(0, FULL.indexOf("caf")).getBytes(StandardCharsets.UTF_8));
    return lines.toArray(byte[][]::new);
  }

  /**
   * The check made when a file is opened fails exactly where reading the line fails, with the same
   * message.
   */
  @Test
  void theCheckAtOpeningFailsWhereReadingFails() {
    int failures = 0;
    for (byte[] line : damagedTextFields()) {
      failures += assertCheckAgreesWithReading(line) ? 0 : 1;
    }
    assertThat(failures).as("damaged lines").isGreaterThanOrEqualTo(40);
  }

  /**
   * Checks {@code line} as a file's opening does and reads it: the same id, or the same message;
   * whether it was taken.
   */
  private static boolean assertCheckAgreesWithReading(byte[] line) {
    Object read;
    boolean taken = true;
    try {
      Recording recording = RecordingLines.parse(line, 0, line.length, FILE, 3);
      read = new RecordingLines.Id(recording.variant(), recording.key());
    } catch (RecordingException e) {
      read = e.getMessage();
      taken = false;
    }
    Object checked;
    try {
      checked = RecordingLines.check(line, 0, line.length, FILE, 3);
    } catch (RecordingException e) {
      checked = e.getMessage();
    }
    assertThat(checked).as(() -> new String(line, StandardCharsets.UTF_8)).isEqualTo(read);
    return taken;
  }

  /**
   * Lines with a random byte changed, inserted or removed: the check at opening and reading agree
   * on each.
   */
  @Test
  void theCheckAtOpeningAgreesWithReadingOnRandomlyDamagedLines() {
    byte[] full = FULL.getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = {
      '"',
      '\\',
      '{',
      '}',
      ',',
      ':',
      'x',
      '0',
      ' ',
      1,
      (byte) 0x80,
      (byte) 0xc3,
      (byte) 0xe2,
      (byte) 0xff,
      'u',
      'n'
    };
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    int failures = 0;
    for (int n = 0; n < 10_000; n++) {
      byte[] line = full.clone();
      for (int k = 1 + random.nextInt(2); k > 0; k--) {
        int at = random.nextInt(line.length);
        byte b = alphabet[random.nextInt(alphabet.length)];
        switch (random.nextInt(3)) {
          case 0 -> line[at] = b;
          case 1 -> {
            byte[] longer = new byte[line.length + 1];
            System.arraycopy(line, 0, longer, 0, at);
            longer[at] = b;
            System.arraycopy(line, at, longer, at + 1, line.length - at);
            line = longer;
          }
          default -> {
            byte[] shorter = new byte[line.length - 1];
            System.arraycopy(line, 0, shorter, 0, at);
            System.arraycopy(line, at + 1, shorter, at, line.length - at - 1);
            line = shorter;
          }
        }
      }
      failures += assertCheckAgreesWithReading(line) ? 0 : 1;
    }
    assertThat(failures).as("damaged lines refused").isGreaterThan(2_500);
  }

  @Test
  void aLineInAnotherFieldOrderIsParsedForItsKey() {
    byte[] line =
        ("{\"variant\":\"control\",\"key\":\"k9\",\"case\":\"c\",\"repeat\":0,\"content\":\"x\",\"prompt_tokens\":1,"
             + "\"completion_tokens\":1,\"tokens_estimated\":false,\"latency_ms\":1,\"status\":200}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(RecordingLines.fastKey(line, 0, line.length)).isNull();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "k9"))
        .isEqualTo(RecordingLines.NOT_IN_PLACE);
    assertThat(RecordingLines.id(line, 0, line.length, FILE, 1))
        .isEqualTo(new RecordingLines.Id("control", "k9"));
  }

  @Test
  void aToolCallAnswerIsWrittenAsFormat2AndReadBackWhileATextAnswerIsWrittenAsBefore()
      throws Exception {
    ModelResponse called =
        ModelResponse.ofToolCalls(
                "",
                List.of(
                    ToolCall.of("call_1", "lookup_order", "{\"order_id\": \"A-1"),
                    ToolCall.of(null, "notify", "{}")))
            .withTimeToFirstToken(java.time.Duration.ofMillis(42));
    byte[] line = RecordingLines.write(Recording.of("k1", "c-1", "control", "m", 0, called));

    assertThat(new String(line, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"key\":\"k1\",\"case\":\"c-1\",\"variant\":\"control\",\"model\":\"m\","
                + "\"repeat\":0,\"content\":\"\",\"finish_reason\":\"tool_calls\",\"prompt_tokens\":0,\"completion_tokens\":0,"
                + "\"tokens_estimated\":true,\"latency_ms\":0,\"status\":0,\"tool_calls\":[{\"id\":\"call_1\",\"name\":\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":"
                + " \\\"A-1\"},{\"name\":\"notify\",\"arguments\":\"{}\"}],\"first_token_ms\":42,\"format\":2}");
    ModelResponse replayed = RecordingLines.parse(line, 0, line.length, FILE, 1).toResponse();
    assertThat(replayed.toolCalls()).isEqualTo(called.toolCalls());
    assertThat(replayed.timeToFirstToken()).isEqualTo(java.time.Duration.ofMillis(42));
    assertThat(replayed.recorded()).isTrue();
    assertThat(RecordingLines.check(line, 0, line.length, FILE, 1))
        .isEqualTo(new RecordingLines.Id("control", "k1"));

    byte[] text =
        RecordingLines.write(
            Recording.of("k2", "c-1", "control", "m", 0, ModelResponse.ofText("hi")));
    assertThat(new String(text, StandardCharsets.UTF_8))
        .doesNotContain("format")
        .doesNotContain("tool_calls");
    assertThat(RecordingLines.canonical(text, 0, text.length))
        .as("a format 1 line is read by the fast reader")
        .isNotNull();
  }

  @Test
  void aLineOfANewerFormatIsRefusedWithAMessageThatSaysSo() {
    String newer = FULL.replace("}", ",\"spans\":[1],\"format\":3}");
    byte[] line = newer.getBytes(StandardCharsets.UTF_8);
    String message =
        "control.jsonl:4: recording format 3 is not one this EvalGate reads (1 to 2); it was"
            + " written by a newer EvalGate: update EvalGate, or delete the file and record again";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RecordingLines.parse(line, 0, line.length, FILE, 4))
        .hasMessage(message);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RecordingLines.check(line, 0, line.length, FILE, 4))
        .hasMessage(message);
    byte[] known = FULL.replace("}", ",\"format\":3}").getBytes(StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RecordingLines.parse(known, 0, known.length, FILE, 4))
        .hasMessage(message);
  }
}
