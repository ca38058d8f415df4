package dev.evalgate.checks;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an answer abstains: it declines to answer ("I have no comment", "I don't know", "I'm not
 * sure", "It depends", "There is no definitive answer", "Unknown") and says little else. The cue
 * must be in the first sentence, and the rest of that sentence may hold at most {@value
 * #MAX_OTHER_WORDS} content words that are not given (the question's), so "I'm not sure, but I
 * think it was Lyon in 1802" is an answer, not an abstention.
 */
final class Abstention {
  private static final int MAX_OTHER_WORDS = 2;
  private static final Pattern CUE =
      Pattern.compile(
          "(?:^|\\b)(?:(?:i have |i've )?no comment|i (?:really )?(?:don't|do not|can't|cannot|can"
              + " not) (?:know|say|tell|answer|comment)(?: (?:that|this|the answer|for sure|for"
              + " certain))?|(?:i'm|i am) (?:not (?:sure|certain)|unsure|uncertain|unable to"
              + " (?:answer|say|tell|determine))|(?:it|that) (?:depends|varies)|there (?:is|'s) no"
              + " (?:definitive|definite|single|clear|simple|one|right|correct|certain|known)"
              + " answer|(?:nobody|no one) (?:really )?knows(?: for (?:sure|certain))?|(?:it"
              + " is|it's) (?:not (?:known|possible to (?:know|say|tell))|unknown|impossible to"
              + " (?:know|say|tell))|i (?:couldn't|could not|can't|cannot) find (?:any"
              + " )?(?:specific |relevant )?information|unknown)(?:\\b|$)");

  private Abstention() {}

  /** The abstention phrase when the answer abstains, given the words of the question. */
  static Optional<String> find(String answer, Set<String> given) {
    String first = Lexicon.sentences(answer.strip()).stream().findFirst().orElse("");
    if (first.length() > 400) {
      return Optional.empty();
    }
    String folded = Lexicon.fold(first).replace('’', '\'');
    Matcher m = CUE.matcher(folded);
    if (!m.find()) {
      return Optional.empty();
    }
    String rest = folded.substring(0, m.start()) + " " + folded.substring(m.end());
    int others = 0;
    for (String word : Lexicon.contentWords(rest)) {
      if (!given.contains(word) && !word.equals("sorry") && ++others > MAX_OTHER_WORDS) {
        return Optional.empty();
      }
    }
    return Optional.of(folded.substring(m.start(), m.end()).strip());
  }
}
