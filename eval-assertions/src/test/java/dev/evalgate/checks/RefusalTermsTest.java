package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.checks.RefusalClassifier.Category;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The refusal model's opening words: which words count, and that they hash the same everywhere. */
class RefusalTermsTest {
  private static final int NONE = 0;
  private static final int PLEASANTRY = 1 << Category.PLEASANTRY.ordinal();

  private static int[] terms(String... sentences) {
    int[] masks = new int[sentences.length];
    return RefusalTerms.of(sentences, masks);
  }

  @Test
  void theSameWordsGiveTheSameTermsOnEveryJvm() {
    // the hashes depend on the characters alone: a changed hash would silently misread the weights
    assertThat(terms("i apologize, but no."))
        .containsExactly(
            -1840092060,
            -1826550651,
            -1056597401,
            -35975620,
            1329097228,
            1413578036,
            1638264243,
            1797154322);
  }

  @Test
  void eachWordCountsAloneAndAfterTheWordBeforeIt() {
    // "no" alone and after "but"; a sentence's first word after its start
    assertThat(terms("i apologize, but no.")).hasSize(8);
    assertThat(terms("no.", "no.")).hasSize(2);
    assertThat(terms("no. no.")).hasSize(3);
  }

  @Test
  void onlyTheOpeningWordsCount() {
    String opening = "word ".repeat(RefusalTerms.OPENING_WORDS - 1) + "last";
    assertThat(terms(opening + " however i cannot help with that")).containsExactly(terms(opening));
  }

  @Test
  void aSentenceThatIsOnlyAPleasantryIsLeftOut() {
    String[] sentences = {"is there anything else i can help with?", "paris is the capital."};
    int[] masks = {PLEASANTRY, NONE};

    assertThat(RefusalTerms.of(sentences, masks)).containsExactly(terms("paris is the capital."));
  }

  @Test
  void numbersAndQuotedWordsAreOneWordEach() {
    // the classifier masks quoted text to x's
    assertThat(terms("wait 10 days")).containsExactly(terms("wait 3 days"));
    assertThat(terms("say xxxxx to them")).containsExactly(terms("say xx to them"));
    assertThat(terms("say hello to them")).isNotEqualTo(terms("say xx to them"));
  }

  @Test
  void termsFillTheirBucketsWithTheirSign() {
    int[] terms = terms("i apologize, but no.");
    double[] features = new double[2 + RefusalTerms.BUCKETS];
    RefusalTerms.addTo(features, 2, terms);

    assertThat(features[0]).isZero();
    assertThat(Arrays.stream(features).map(Math::abs).sum()).isLessThanOrEqualTo(terms.length);
    for (int term : terms) {
      assertThat(Math.signum(features[2 + RefusalTerms.bucket(term)]))
          .isIn(term < 0 ? -1.0 : 1.0, 0.0);
    }
  }

  @Test
  void onlyEnglishReadsTheOpeningWords() throws java.io.IOException {
    String answer = "As an AI, I have no opinion on that. Many people enjoy both.";
    RefusalClassifier english = RefusalClassifier.english();
    RefusalClassifier other;
    try (java.io.InputStream list =
        RefusalClassifier.class.getResourceAsStream("/dev/evalgate/checks/refusal/en.txt")) {
      // the English phrases, read as if they were another language's list
      other = RefusalClassifier.parse(list, "xx.txt", false);
    }
    int shapes = RefusalFeatures.SHAPES.size();

    double[] read = english.features(answer).get(0).features();
    double[] shapesOnly = other.features(answer).get(0).features();

    assertThat(Arrays.copyOf(shapesOnly, shapes)).containsExactly(Arrays.copyOf(read, shapes));
    assertThat(Arrays.stream(read, shapes, read.length).anyMatch(v -> v != 0)).isTrue();
    assertThat(Arrays.stream(shapesOnly, shapes, shapesOnly.length).allMatch(v -> v == 0)).isTrue();
  }
}
