package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The context supports the answer. Each claim of the answer ({@link #claims}) gets a support in [0,
 * 1] from {@link GroundingSupport}; the score, the answer's grounding support, is the support of
 * its weakest claim (one unsupported claim makes an answer unfaithful). It passes when the score
 * reaches {@code minSupport}; the claims below it are listed with their support. An answer without
 * content words ("Yes.", "OK") has nothing to ground and scores 1.
 */
final class GroundingCheck extends BaseCheck implements Thresholded {
  /**
   * The default {@code min-support}, chosen by cross-validation on the dev splits: 0.22 is the
   * highest threshold (in steps of 0.01) at which at least 90 % of the answers the check fails are
   * unfaithful on the claim/evidence and dialogue corpora, rounded down (CHECKS.md, "Scores,
   * thresholds and outcomes"). From 0.1 to 0.2 the check's balanced accuracy rises on all three
   * corpora.
   */
  static final double DEFAULT_MIN_SUPPORT = 0.2;

  private final double minSupport;
  private final @Nullable String contextTemplate;

  GroundingCheck(String name, double minSupport, @Nullable String contextTemplate) {
    super(name, "hallucination");
    if (minSupport < 0 || minSupport > 1) {
      throw new CheckSpecException(
          "option 'min-support' of check '"
              + name
              + "' must be from 0 to 1, but was "
              + minSupport);
    }
    this.minSupport = minSupport;
    this.contextTemplate = contextTemplate;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    String context =
        contextTemplate != null
            ? Placeholders.render(contextTemplate, exchange)
            : exchange.evalCase().context();
    if (context == null || context.isBlank()) {
      return notApplicable(
          "no context to ground the answer in (the case has no '"
              + (contextTemplate == null ? "context" : contextTemplate.replaceAll("[{}\\s]", ""))
              + "')",
          Map.of());
    }
    List<String> claims = claims(exchange.output());
    if (claims.isEmpty()) {
      return result(true, 1.0, "no claims to ground (no sentence with content words)", Map.of());
    }
    GroundingSupport.Context read = new GroundingSupport.Context(context, exchange.promptText());
    double weakest = 1;
    List<String> unsupported = new ArrayList<>();
    for (String claim : claims) {
      double support = GroundingSupport.support(read, claim);
      weakest = Math.min(weakest, support);
      if (support < minSupport) {
        unsupported.add(
            StringCheck.abbreviate(claim, 160) + String.format(Locale.US, " (%.2f)", support));
      }
    }
    String summary =
        String.format(
            Locale.US,
            "grounding support %.2f (minimum %.2f), the weakest of %d claim%s",
            weakest,
            minSupport,
            claims.size(),
            claims.size() == 1 ? "" : "s");
    if (weakest >= minSupport) {
      return result(true, weakest, summary, Map.of());
    }
    return result(
        false,
        weakest,
        summary + "; unsupported: " + String.join(" | ", unsupported.stream().limit(3).toList()),
        Map.of());
  }

  /**
   * The answer's sentences that make a claim: those with two or more content words, or the answer's
   * only sentence with content ("Paris.", a one-word entity answer). A one-word sentence beside
   * others (a JSON label such as {@code "category": "shipping"}, "Sure!") is not a claim of its
   * own.
   */
  static List<String> claims(String answer) {
    List<String> sentences = Lexicon.sentences(Lexicon.stripCitations(JsonExtractor.text(answer)));
    List<String> claims = new ArrayList<>();
    String single = null;
    int withContent = 0;
    for (String sentence : sentences) {
      int words = Lexicon.contentWords(sentence).size();
      if (words >= 2) {
        claims.add(sentence);
      }
      if (words >= 1) {
        withContent++;
        single = sentence;
      }
    }
    if (claims.isEmpty() && withContent == 1) {
      claims.add(single);
    }
    return claims;
  }

  @Override
  public String thresholdOption() {
    return "min-support";
  }

  @Override
  public double threshold() {
    return minSupport;
  }
}
