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
 * least {@code sentenceThreshold} of its content words (normalised and stemmed) occur in the
 * context. The check passes when the supported share reaches {@code minSupport}; unsupported
 * sentences are listed. A lexical proxy: paraphrases that keep the key words pass, invented facts
 * mostly do not.
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
      return fail("no context to ground the answer in (the case has no 'context')");
    }
    Set<String> known = Lexicon.contentSet(context);
    known.addAll(Lexicon.contentSet(exchange.promptText()));
    List<String> sentences = Lexicon.sentences(exchange.output());
    int counted = 0;
    int supported = 0;
    List<String> unsupported = new ArrayList<>();
    for (String sentence : sentences) {
      List<String> words = Lexicon.contentWords(sentence);
      if (words.size() < 2) {
        continue;
      }
      counted++;
      long present = words.stream().filter(known::contains).count();
      if ((double) present / words.size() >= sentenceThreshold) {
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
}
