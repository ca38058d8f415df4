package dev.evalgate.checks;

import dev.evalgate.api.Exchange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@code {{variable}}} in check options from the case's variables, per case. */
final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

  private Placeholders() {}

  static boolean has(String text) {
    return PLACEHOLDER.matcher(text).find();
  }

  /** The text with each placeholder replaced; a variable the case lacks becomes empty. */
  static String render(String text, Exchange exchange) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = exchange.evalCase().variable(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
