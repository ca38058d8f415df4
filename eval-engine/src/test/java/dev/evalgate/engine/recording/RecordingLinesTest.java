package dev.evalgate.engine.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ModelResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingLinesTest {
  private static final Path FILE = Path.of("control.jsonl");
  private static final List<String> KEYS = List.of("", "a", "ab", "abc", "abd", "b", "0089eca5", "0089eca4ff", "Z", "é", "éa",
      "a\"b", "a\\b", "a\nb", "😀", "\uFFFF");

  @Test
  void aLinesKeyComparesAsItsStringWouldWhateverItHolds() {
    for (String lineKey : KEYS) {
      byte[] line = RecordingLines.write(Recording.of(lineKey, "c", "control", "m", 0, ModelResponse.ofText("x")));
      for (String key : KEYS) {
        assertThat(Integer.signum(compare(line, key)))
            .as("%s vs %s", lineKey, key).isEqualTo(Integer.signum(lineKey.compareTo(key)));
      }
    }
  }

  private static int compare(byte[] line, String key) {
    int order = RecordingLines.compareKeyInPlace(line, 0, line.length, key);
    return order != RecordingLines.NOT_IN_PLACE ? order : RecordingLines.key(line, 0, line.length, FILE, 1).compareTo(key);
  }

  @Test
  void asciiKeysAreComparedInPlace() {
    byte[] line = RecordingLines.write(Recording.of("0089eca5", "c", "control", "m", 0, ModelResponse.ofText("x")));
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "0089eca5")).isZero();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "0089eca6")).isNegative();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "0089eca")).isPositive();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "é")).isEqualTo(RecordingLines.NOT_IN_PLACE);
  }

  @Test
  void aLineInAnotherFieldOrderIsParsedForItsKey() {
    byte[] line = ("{\"variant\":\"control\",\"key\":\"k9\",\"case\":\"c\",\"repeat\":0,\"content\":\"x\",\"prompt_tokens\":1,"
        + "\"completion_tokens\":1,\"tokens_estimated\":false,\"latency_ms\":1,\"status\":200}").getBytes(StandardCharsets.UTF_8);
    assertThat(RecordingLines.fastKey(line, 0, line.length)).isNull();
    assertThat(RecordingLines.compareKeyInPlace(line, 0, line.length, "k9")).isEqualTo(RecordingLines.NOT_IN_PLACE);
    assertThat(RecordingLines.id(line, 0, line.length, FILE, 1)).isEqualTo(new RecordingLines.Id("control", "k9"));
  }
}
