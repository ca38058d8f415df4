package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Specifics in the answer (numbers, amounts, percentages, dates, URLs, e-mail addresses, quoted
 * strings and capitalised names) that appear neither in the context nor in the prompt: the usual
 * shape of an invented fact. Passes when there are at most {@code max}.
 */
final class SpecificsCheck extends BaseCheck {
  private static final Pattern URL = Pattern.compile("https?://[^\\s)\\]>\"']+");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern NUMBER = Pattern.compile("[$€£]?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?%?");
  private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{3,80})[\"”]");
  private static final Pattern NAME = Pattern.compile("(?<![.!?]\\s)(?<!^)\\b([A-Z][a-z]+(?:\\s+[A-Z][a-z]+)+)\\b");

  private final int max;

  SpecificsCheck(String name, int max) {
    super(name, "hallucination");
    this.max = max;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    String answer = exchange.output();
    String known = Lexicon.fold((exchange.evalCase().context() == null ? "" : exchange.evalCase().context()) + "\n"
        + exchange.promptText());
    String knownDigits = known.replace(",", "");
    Set<String> unsupported = new LinkedHashSet<>();
    String rest = answer;
    for (Pattern pattern : new Pattern[] {URL, EMAIL}) {
      Matcher m = pattern.matcher(rest);
      while (m.find()) {
        if (!known.contains(Lexicon.fold(m.group()))) {
          unsupported.add(m.group());
        }
      }
      rest = pattern.matcher(rest).replaceAll(" ");
    }
    Matcher q = QUOTED.matcher(rest);
    while (q.find()) {
      if (!known.contains(Lexicon.fold(q.group(1)))) {
        unsupported.add("\"" + q.group(1) + "\"");
      }
    }
    Matcher n = NUMBER.matcher(rest);
    while (n.find()) {
      String digits = n.group().replaceAll("[$€£%,]", "");
      if (digits.replace(".", "").length() == 1 && !n.group().contains("%") && !n.group().matches("[$€£].*")) {
        continue;
      }
      if (!knownDigits.contains(digits)) {
        unsupported.add(n.group());
      }
    }
    Matcher c = NAME.matcher(rest);
    while (c.find()) {
      if (!known.contains(Lexicon.fold(c.group(1)))) {
        unsupported.add(c.group(1));
      }
    }
    List<String> listed = new ArrayList<>(unsupported);
    double score = listed.isEmpty() ? 1.0 : 1.0 / (1 + listed.size());
    if (listed.size() <= max) {
      return result(true, score, listed.isEmpty() ? "every specific in the answer appears in the context or prompt"
          : listed.size() + " unsupported specifics (at most " + max + " allowed): " + String.join(", ", listed), Map.of());
    }
    return result(false, score, listed.size() + " specifics appear neither in the context nor in the prompt: "
        + String.join(", ", listed.stream().limit(8).toList()), Map.of("specifics.unsupported", String.valueOf(listed.size())));
  }
}
