package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

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
}
