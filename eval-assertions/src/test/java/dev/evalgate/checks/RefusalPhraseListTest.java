package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RefusalPhraseListTest {
  @Test
  void everyPatternContainsOneOfItsCategorysTriggerWords() {
    RefusalClassifier classifier = RefusalClassifier.english();
    classifier
        .patterns()
        .forEach(
            (category, patterns) -> {
              List<String> triggers = classifier.triggers().get(category);
              assertThat(triggers).as("triggers of %s", category).isNotNull().isNotEmpty();
              for (Pattern pattern : patterns) {
                String source =
                    pattern
                        .pattern()
                        .toLowerCase(Locale.ROOT)
                        .replace("(?:no|')t", "n't")
                        .replace("\\b", "");
                assertThat(
                        triggers.stream()
                            .anyMatch(
                                t -> source.contains(t.replace("'", "")) || source.contains(t)))
                    .as(
                        "pattern %s of %s contains none of %s",
                        pattern.pattern(), category, triggers)
                    .isTrue();
              }
            });
  }

  /**
   * Every pattern of the shipped list matches a sentence of the corpus or of the phrase examples,
   * so the tests here reach it.
   */
  @Test
  void everyPatternIsExercisedByTheCorpusOrThePhraseExamples() throws IOException {
    List<String> sentences = new java.util.ArrayList<>();
    for (String text : texts()) {
      for (String sentence : RefusalClassifier.sentences(text)) {
        sentences.add(sentence.toLowerCase(Locale.ROOT));
      }
    }
    RefusalClassifier.english()
        .patterns()
        .forEach(
            (category, patterns) -> {
              for (Pattern pattern : patterns) {
                assertThat(sentences.stream().anyMatch(s -> pattern.matcher(s).find()))
                    .as(
                        "%s pattern %s matches no sentence; add one to refusal/phrase-examples.txt",
                        category, pattern.pattern())
                    .isTrue();
              }
            });
  }

  /** The hand-written corpus's answers and the phrase examples. */
  static List<String> texts() throws IOException {
    List<String> texts = new java.util.ArrayList<>();
    RefusalCorpusTest.corpus().forEach(row -> texts.add(row.text()));
    texts.addAll(RefusalCorpusTest.phraseExamples());
    return texts;
  }

  /**
   * The prefilter must never hide a match: every corpus sentence a pattern matches holds a trigger.
   */
  @Test
  void triggerPrefilterLosesNoMatchOnTheCorpus() throws IOException {
    RefusalClassifier classifier = RefusalClassifier.english();
    for (String text : texts()) {
      for (String sentence : RefusalClassifier.sentences(text)) {
        String s = sentence.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        classifier
            .patterns()
            .forEach(
                (category, patterns) -> {
                  List<String> triggers = classifier.triggers().get(category);
                  for (Pattern pattern : patterns) {
                    if (pattern
                        .matcher(lower)
                        .find()) { // patterns are lower-cased, as the classifier matches them
                      assertThat(containsAny(lower, triggers.toArray(String[]::new)))
                          .as(
                              "%s pattern %s matches \"%s\" but no trigger of %s is in it",
                              category, pattern.pattern(), s, triggers)
                          .isTrue();
                    }
                  }
                });
      }
    }
  }

  /** The one-pass trigger scan finds, for every category, what the category's own scan finds. */
  @Test
  void theOnePassTriggerScanAgreesWithEachCategorysScan() throws IOException {
    assertOnePassScanAgrees(RefusalClassifier.english(), 50_000);
  }

  /**
   * Trigger words that start with a non-ASCII letter or sign, or with an ASCII sign, or have a
   * non-ASCII second character, or one character only, in a list of another language.
   */
  @Test
  void theOnePassTriggerScanAgreesOnTriggersOfOtherScripts() throws IOException {
    String list =
        String.join(
            "\n",
            "triggers\trefuse\tne peux,été,’ve,'ll,ça,\u00abnon,2x,'ç",
            "refuse\tje ne peux pas",
            "triggers\tpolicy\trègle,politique,«non",
            "policy\tcontraire à (?:la|nos) politiques?",
            "triggers\tbenign\tq,peux-tu",
            "benign\tpeux-tu");
    RefusalClassifier classifier =
        RefusalClassifier.parse(
            new java.io.ByteArrayInputStream(
                list.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "fr-test.txt");
    assertThat(classifier.triggers())
        .containsKeys(RefusalClassifier.Category.REFUSE, RefusalClassifier.Category.POLICY);
    assertOnePassScanAgrees(classifier, 50_000);
  }

  private static void assertOnePassScanAgrees(RefusalClassifier classifier, int randomTexts)
      throws IOException {
    List<String> texts = new java.util.ArrayList<>();
    for (String text : texts()) {
      for (String sentence : RefusalClassifier.sentences(text)) {
        texts.add(sentence.toLowerCase(Locale.ROOT));
      }
    }
    // random text from pieces of trigger words, letters, apostrophes, spaces and a non-ASCII letter
    List<String> pieces =
        new java.util.ArrayList<>(
            List.of(
                " ", " ", "'", "’", "«", "-", "x", "re", "é", "\u00e9t", "n't", "\n", "ç", "2"));
    classifier
        .triggers()
        .values()
        .forEach(
            words ->
                words.forEach(
                    word -> {
                      pieces.add(word);
                      pieces.add(word.substring(0, Math.max(1, word.length() / 2)));
                    }));
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int n = 0; n < randomTexts; n++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        text.append(pieces.get(random.nextInt(pieces.size())));
      }
      texts.add(text.toString());
    }
    int[] seen = new int[RefusalClassifier.Category.values().length];
    for (String lower : texts) {
      int triggered = classifier.triggered(lower);
      classifier
          .triggers()
          .forEach(
              (category, words) -> {
                boolean expected = containsAny(lower, words.toArray(String[]::new));
                assertThat((triggered & (1 << category.ordinal())) != 0)
                    .as("%s in \"%s\"", category, lower)
                    .isEqualTo(expected);
                if (expected) {
                  seen[category.ordinal()]++;
                }
              });
    }
    classifier
        .triggers()
        .keySet()
        .forEach(
            category ->
                assertThat(seen[category.ordinal()]).as("%s triggered", category).isPositive());
  }

  /**
   * The prefilter's definition, category by category, as the reference for the one-pass scan:
   * whether one of {@code words} is in {@code lower} at the start of a word; a word that starts
   * with neither letter nor digit ("'ve") anywhere.
   */
  static boolean containsAny(String lower, String[] words) {
    for (String word : words) {
      boolean anywhere = !Character.isLetterOrDigit(word.charAt(0));
      for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
        if (anywhere || at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1))) {
          return true;
        }
      }
    }
    return false;
  }
}
