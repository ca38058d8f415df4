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
    classifier.patterns().forEach((category, patterns) -> {
      List<String> triggers = classifier.triggers().get(category);
      assertThat(triggers).as("triggers of %s", category).isNotNull().isNotEmpty();
      for (Pattern pattern : patterns) {
        String source = pattern.pattern().toLowerCase(Locale.ROOT).replace("(?:no|')t", "n't").replace("\\b", "");
        assertThat(triggers.stream().anyMatch(t -> source.contains(t.replace("'", "")) || source.contains(t)))
            .as("pattern %s of %s contains none of %s", pattern.pattern(), category, triggers).isTrue();
      }
    });
  }

  /** The prefilter must never hide a match: every corpus sentence a pattern matches holds a trigger. */
  @Test
  void triggerPrefilterLosesNoMatchOnTheCorpus() throws IOException {
    RefusalClassifier classifier = RefusalClassifier.english();
    for (RefusalCorpusTest.Row row : RefusalCorpusTest.corpus()) {
      for (String sentence : RefusalClassifier.sentences(row.text())) {
        String s = sentence.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        classifier.patterns().forEach((category, patterns) -> {
          List<String> triggers = classifier.triggers().get(category);
          for (Pattern pattern : patterns) {
            if (pattern.matcher(lower).find()) { // patterns are lower-cased, as the classifier matches them
              assertThat(RefusalClassifier.containsAny(lower, triggers.toArray(String[]::new)))
                  .as("%s pattern %s matches \"%s\" but no trigger of %s is in it", category, pattern.pattern(), s, triggers)
                  .isTrue();
            }
          }
        });
      }
    }
  }
}
