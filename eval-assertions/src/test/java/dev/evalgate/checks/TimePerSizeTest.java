package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The timing harness itself: it passes linear work and fails quadratic work, abandoned or not. */
class TimePerSizeTest {
  private static final String SMALL = "ab".repeat(1 << 10);
  private static final String LARGE = "ab".repeat(1 << 13);

  /** Where the operations' results go, so that the compiler cannot drop the work. */
  private static volatile long sink;

  @Test
  void linearWorkPasses() {
    double perChar =
        TimePerSize.assertLinear(
            "count", SMALL, LARGE, text -> sink = text.chars().filter(c -> c == 'a').count(), 3.0);

    assertThat(perChar).isPositive().isFinite();
  }

  @Test
  void quadraticWorkFails() {
    assertThatThrownBy(
            () -> TimePerSize.assertLinear("pairs", SMALL, LARGE, text -> sink = pairs(text), 3.0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("pairs: ");
  }

  /** Compares every character with every later one: time per character grows with the length. */
  private static long pairs(String text) {
    long equal = 0;
    for (int i = 0; i < text.length(); i++) {
      for (int j = i + 1; j < text.length(); j++) {
        if (text.charAt(i) == text.charAt(j)) {
          equal++;
        }
      }
    }
    return equal;
  }
}
