package dev.evalgate.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCutTest {
  @Test
  void aShortTextIsKeptWhole() {
    assertThat(TextCut.cut("x".repeat(300), 300)).isEqualTo("x".repeat(300));
  }

  @Test
  void aLongTextKeepsItsStartAndSaysHowManyCharactersItLeftOut() {
    String cut = TextCut.cut("<p>" + "y".repeat(204_797), 300);

    assertThat(cut).isEqualTo("<p>" + "y".repeat(257) + " [... 204,540 more characters]");
    assertThat(cut.length()).isLessThanOrEqualTo(300);
  }

  @Test
  void theCutNeverSplitsASurrogatePairAndCountsCodePoints() {
    // an emoji (two chars) whose first half is the last character kept: it goes whole
    String text = "a".repeat(259) + "😀" + "b".repeat(1_000);

    String cut = TextCut.cut(text, 300);

    assertThat(cut).isEqualTo("a".repeat(259) + " [... 1,001 more characters]");
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      assertThat(Character.isSurrogate(c)).as("lone surrogate at " + i).isFalse();
    }
  }
}
