package dev.evalgate.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Redaction applied to prompts and outputs before anything is written: {@code email},
 * {@code card} (Luhn-valid card numbers), {@code phone} and {@code regex:PATTERN}.
 *
 * <pre>{@code
 * Redactor.parse("email,card").apply("mail ada@example.com"); // "mail [REDACTED:email]"
 * }</pre>
 */
public final class Redactor {
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
  private static final Pattern PHONE = Pattern.compile("(?<!\\w)\\+?\\d[\\d ().-]{7,}\\d(?!\\w)");

  /**
   * A rule and the cheap precondition a text must meet before its pattern runs: an '@' for e-mail
   * addresses, enough digits for phone numbers, and for card numbers a run of enough digits
   * separated by at most one space or dash each. Most prompts and answers meet none.
   */
  private record Rule(String name, Pattern pattern, boolean luhn, char mark, int minDigits, int minRun) {
    boolean mayMatch(String text, int digits, int run) {
      return (mark == 0 || text.indexOf(mark) >= 0) && digits >= minDigits && run >= minRun;
    }
  }

  private final List<Rule> rules;

  private Redactor(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static final Redactor NONE = new Redactor(List.of());

  /**
   * Parses a comma-separated rule list.
   *
   * @throws IllegalArgumentException naming the rule that is not understood
   */
  public static Redactor parse(String spec) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : spec.split(",(?![^{]*})")) {
      String item = raw.strip();
      if (item.isEmpty() || item.equals("none")) {
        continue;
      }
      switch (item) {
        case "email" -> rules.add(new Rule("email", EMAIL, false, '@', 0, 0));
        case "card" -> rules.add(new Rule("card", CARD, true, (char) 0, 13, 13));
        case "phone" -> rules.add(new Rule("phone", PHONE, false, (char) 0, 8, 0));
        default -> {
          if (!item.startsWith("regex:")) {
            throw new IllegalArgumentException("unknown redaction rule '" + item + "'; expected email, card, phone, regex:PATTERN or none");
          }
          try {
            rules.add(new Rule("custom", Pattern.compile(item.substring("regex:".length())), false, (char) 0, 0, 0));
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("redaction rule '" + item + "' is not a valid regular expression: " + e.getDescription());
          }
        }
      }
    }
    return new Redactor(rules);
  }

  public String apply(String text) {
    if (rules.isEmpty()) {
      return text;
    }
    int digits = 0;
    int longestRun = 0;
    int run = 0;
    boolean separated = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' || c > 127 && Character.isDigit(c)) {
        digits++;
        run++;
        longestRun = Math.max(longestRun, run);
        separated = false;
      } else if ((c == ' ' || c == '-') && run > 0 && !separated) {
        separated = true;
      } else {
        run = 0;
        separated = false;
      }
    }
    String result = text;
    for (Rule rule : rules) {
      if (!rule.mayMatch(result, digits, longestRun)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(result);
      StringBuilder out = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        if (rule.luhn() && !luhn(m.group())) {
          continue;
        }
        m.appendReplacement(out, Matcher.quoteReplacement("[REDACTED:" + rule.name() + "]"));
        changed = true;
      }
      if (changed) {
        m.appendTail(out);
        result = out.toString();
      }
    }
    return result;
  }

  static boolean luhn(String candidate) {
    String digits = candidate.replaceAll("[^0-9]", "");
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return digits.length() >= 13 && sum % 10 == 0;
  }
}
