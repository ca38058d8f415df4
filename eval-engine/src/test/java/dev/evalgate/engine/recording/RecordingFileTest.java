package dev.evalgate.engine.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.ModelResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look-up of a sorted variant file: key prefixes, then one read of the line. */
class RecordingFileTest {
  /**
   * Characters where a prefix could go wrong: NUL (the padding), DEL (the last ASCII), the first
   * non-ASCII and beyond.
   */
  private static final char[] AWKWARD = {
    '\0', '0', '9', 'a', 'f', 'z', '"', '\\', '\u007f', '\u0080', '\u00e9', '\u4e00', '\uffff'
  };

  @TempDir Path folder;

  private static Recording rec(String key, String content) {
    return Recording.of(
        key, "case-" + key.hashCode(), "control", "m", 0, ModelResponse.ofText(content));
  }

  private static String randomKey(SplittableRandom random) {
    char[] key = new char[random.nextInt(12)];
    for (int i = 0; i < key.length; i++) {
      key[i] = AWKWARD[random.nextInt(AWKWARD.length)];
    }
    return new String(key);
  }

  @Test
  void aKeyBelowAnotherNeverHasTheGreaterPrefixAndEqualKeysHaveEqualPrefixes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 200_000; n++) {
      String a = randomKey(random);
      String b = random.nextInt(10) == 0 ? a : randomKey(random);
      int order = Long.compareUnsigned(RecordingFile.prefix(a), RecordingFile.prefix(b));
      if (a.equals(b)) {
        assertThat(order).as("'%s' and itself", a).isZero();
      } else if (a.compareTo(b) < 0) {
        assertThat(order).as("'%s' < '%s'", a, b).isLessThanOrEqualTo(0);
      } else {
        assertThat(order).as("'%s' > '%s'", a, b).isGreaterThanOrEqualTo(0);
      }
    }
    assertThat(RecordingFile.prefix("0123456789abcdef")).isEqualTo(0x3031323334353637L);
    assertThat(RecordingFile.prefix("ab")).isEqualTo(0x6162000000000000L);
    assertThat(RecordingFile.prefix("a\u00e9z")).isEqualTo(0x6180000000000000L);
  }

  @Test
  void everyKeyIsFoundAmongLinesThatShareTheirPrefixOrHoldAwkwardCharactersAndNoOtherKeyIs()
      throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    TreeSet<String> keys = new TreeSet<>();
    while (keys.size() < 600) {
      // a third share one eight-character prefix (runs across several blocks), the rest are awkward
      keys.add(keys.size() % 3 == 0 ? "samepref" + randomKey(random) : randomKey(random) + "x");
    }
    List<String> lines = new ArrayList<>();
    for (String key : keys) {
      lines.add(
          new String(RecordingLines.write(rec(key, "answer to " + key)), StandardCharsets.UTF_8));
    }
    Path file = folder.resolve("control.jsonl");
    Files.write(file, lines);

    try (RecordingFile recordings = RecordingFile.open(file)) {
      for (String key : keys) {
        assertThat(recordings.find("control", key))
            .as("'%s'", key)
            .isNotNull()
            .extracting(Recording::content)
            .isEqualTo("answer to " + key);
      }
      for (int n = 0; n < 2000; n++) {
        String absent =
            random.nextBoolean() ? "samepref" + randomKey(random) + "y" : randomKey(random);
        if (!keys.contains(absent)) {
          assertThat(recordings.find("control", absent)).as("'%s'", absent).isNull();
        }
      }
      assertThat(recordings.find("challenger", keys.first())).isNull();
    }
  }

  @Test
  void aLineDamagedAfterTheFileWasOpenedIsNamedWithItsLineNumber() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String key = String.format("k%03d", i);
      keys.add(key);
      text.append(new String(RecordingLines.write(rec(key, "answer " + i)), StandardCharsets.UTF_8))
          .append(i % 7 == 0 ? "\n\n" : "\n");
    }
    Path file = folder.resolve("control.jsonl");
    Files.writeString(file, text);
    // recording 35 (the third block) is on line 35 plus the 5 blank lines after recordings 0, 7,
    // 14, 21 and 28
    String line = Files.readAllLines(file).get(39);
    assertThat(line).contains("\"key\":\"k034\"");

    try (RecordingFile recordings = RecordingFile.open(file)) {
      assertThat(recordings.find("control", "k034")).isNotNull();
      byte[] bytes = Files.readAllBytes(file);
      int at = text.indexOf(line) + line.indexOf("\"repeat\":0");
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap("\"repeat\":?".getBytes(StandardCharsets.US_ASCII)), at);
      }
      assertThat(Files.size(file)).isEqualTo(bytes.length);

      assertThatThrownBy(() -> recordings.find("control", "k034"))
          .isInstanceOf(RecordingException.class)
          .hasMessageStartingWith(file + ":40: corrupt recording");
      assertThat(recordings.find("control", "k033"))
          .isNotNull()
          .extracting(Recording::content)
          .isEqualTo("answer 33");
    }
  }
}
