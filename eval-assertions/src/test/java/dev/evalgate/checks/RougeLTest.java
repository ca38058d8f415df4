package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ROUGE-L F1 as the common scorers compute it: order-aware, small words included. */
class RougeLTest {
  @Test
  void theF1OfTheLongestCommonSubsequenceOfLowercasedWords() {
    // LCS "the cat on the mat" = 5 words: precision 5/5, recall 5/6
    assertThat(
            RougeL.f(
                RougeL.tokens("The cat, on the mat!"), RougeL.tokens("the cat sat on the mat")))
        .isCloseTo(10.0 / 11, within(1e-9));
    assertThat(RougeL.f(RougeL.tokens("a b"), RougeL.tokens("c d"))).isZero();
    assertThat(RougeL.f(List.of(), RougeL.tokens("c d"))).isZero();
  }

  @Test
  void wordOrderAndNegationCount() {
    List<String> answer = RougeL.tokens("The Great Wall is not visible from space");
    double toNegated = RougeL.f(answer, RougeL.tokens("The Great Wall is not visible from space"));
    double toAffirmed = RougeL.f(answer, RougeL.tokens("The Great Wall is visible from space"));
    assertThat(toNegated).isGreaterThan(toAffirmed);
    assertThat(
            RougeL.f(
                RougeL.tokens("Velm is bigger than Tarsa"),
                RougeL.tokens("Tarsa is bigger than Velm")))
        .isLessThan(1);
  }

  @Test
  void theBestReferenceCountsAndLongTextsAreCutToABoundedNumberOfWords() {
    List<String> answer = RougeL.tokens("Nothing happens");
    assertThat(RougeL.best(answer, List.of("You get sick", "Nothing happens"))).isEqualTo(1.0);
    assertThat(RougeL.tokens("word ".repeat(10_000))).hasSize(RougeL.MAX_WORDS);
  }
}
