package dev.evalgate.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void findsTheFirstLineBreakWhereverItFallsInTheEightByteWords() {
    Random random = new Random(3);
    for (int round = 0; round < 5_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        // bytes near '\n' (0x0A) and the high-bit ones are where a word-at-a-time search goes wrong
        int pick = random.nextInt(6);
        bytes[i] =
            (byte)
                (pick == 0
                    ? '\n'
                    : pick == 1
                        ? 0x0B
                        : pick == 2 ? 0x09 : pick == 3 ? 0x8A : pick == 4 ? 0xFF : 'a');
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (bytes[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(Bytes.newline(bytes, from, to)).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void blankMeansSpacesTabsAndCarriageReturnsOnly() {
    byte[] bytes = " \t\r x".getBytes();
    assertThat(Bytes.blank(bytes, 0, 4)).isTrue();
    assertThat(Bytes.blank(bytes, 0, 5)).isFalse();
    assertThat(Bytes.blank(bytes, 2, 2)).isTrue();
  }
}
