package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The share of the answer's sentences supported by the context: a sentence is supported when at
 * least {@code sentenceThreshold} of its content words (normalised, see {@link Lexicon}) occur in the
 * context or the prompt, and no clause of it with three or more content words falls below that
 * share. The check passes when the supported share reaches {@code minSupport}; unsupported sentences
 * are listed. A lexical proxy: paraphrases that keep the key words (or their synonyms, inflections,
 * number forms and acronyms) pass, added claims mostly do not.
 */
final class GroundingCheck extends BaseCheck {
  private final double minSupport;
  private final double sentenceThreshold;
  private final @Nullable String contextTemplate;

  GroundingCheck(String name, double minSupport, double sentenceThreshold, @Nullable String contextTemplate) {
    super(name, "hallucination");
    if (minSupport < 0 || minSupport > 1) {
      throw new CheckSpecException("option 'min-support' of check '" + name + "' must be from 0 to 1, but was " + minSupport);
    }
    this.minSupport = minSupport;
    this.sentenceThreshold = sentenceThreshold;
    this.contextTemplate = contextTemplate;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    String context = contextTemplate != null ? Placeholders.render(contextTemplate, exchange) : exchange.evalCase().context();
    if (context == null || context.isBlank()) {
      return notApplicable("no context to ground the answer in (the case has no '"
          + (contextTemplate == null ? "context" : contextTemplate.replaceAll("[{}\\s]", "")) + "')", Map.of());
    }
    String prompt = exchange.promptText();
    Set<String> known = Lexicon.contentSet(context);
    known.addAll(Lexicon.contentSet(prompt));
    known.addAll(Lexicon.acronyms(context).keySet());
    List<String> sentences = Lexicon.sentences(Lexicon.stripCitations(JsonExtractor.text(exchange.output())));
    int counted = 0;
    int supported = 0;
    List<String> unsupported = new ArrayList<>();
    for (String sentence : sentences) {
      List<String> words = Lexicon.contentWords(sentence);
      if (words.size() < 2) {
        continue;
      }
      counted++;
      if (supported(words, known) && clausesSupported(sentence, known)) {
        supported++;
      } else {
        unsupported.add(sentence);
      }
    }
    if (counted == 0) {
      return result(true, 1.0, "no factual sentences to ground", Map.of());
    }
    double share = (double) supported / counted;
    String summary = String.format(Locale.US, "%d of %d sentences supported by the context (%.0f%%, minimum %.0f%%)",
        supported, counted, share * 100, minSupport * 100);
    if (share >= minSupport) {
      return result(true, share, summary, Map.of());
    }
    return result(false, share, summary + "; unsupported: " + String.join(" | ",
        unsupported.stream().limit(3).map(u -> StringCheck.abbreviate(u, 160)).toList()), Map.of());
  }

  private boolean supported(List<String> words, Set<String> known) {
    long present = words.stream().filter(known::contains).count();
    return (double) present / words.size() >= sentenceThreshold;
  }

  /**
   * Whether every clause of the sentence (split at ';', ':', dashes and ", which/while/but/and/with/..."),
   * of three or more content words, has at least a third of them in the context: an invented clause
   * appended to a supported one ("..., which makes it the most efficient setting") is caught.
   */
  private boolean clausesSupported(String sentence, Set<String> known) {
    String[] clauses = CLAUSE.split(sentence);
    if (clauses.length < 2) {
      return true;
    }
    for (String clause : clauses) {
      List<String> words = Lexicon.contentWords(clause);
      if (words.size() >= 3 && words.stream().filter(known::contains).count() < CLAUSE_SHARE * words.size()) {
        return false;
      }
    }
    return true;
  }

  /** A clause of three or more content words with less than this share in the context makes its sentence unsupported. */
  private static final double CLAUSE_SHARE = 0.34;
  private static final java.util.regex.Pattern CLAUSE = java.util.regex.Pattern.compile(
      "\\s*[;:]\\s+|\\s+[–—-]\\s+|,\\s+(?=(?:which|while|but|and|with|after|before|although|though|because|so|as|plus)\\b)");
}
