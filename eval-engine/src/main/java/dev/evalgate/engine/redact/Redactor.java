package dev.evalgate.engine.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Redaction applied to prompts and outputs before anything is written: {@code email}, {@code card}
 * (Luhn-valid card numbers), {@code phone}, the credential shapes {@code secrets} stands for
 * ({@code private-key}, {@code jwt}, {@code bearer}, {@code aws-key}, {@code api-key}) and {@code
 * regex:PATTERN}; and, always, the run's own secret values ({@link #withSecrets}).
 *
 * <pre>{@code
 * Redactor.parse("email,card").apply("mail ada@example.com"); // "mail [REDACTED:email]"
 * }</pre>
 */
public final class Redactor {
  /** The rules used when {@code evalgate.redact} is not set. */
  public static final String DEFAULT_RULES = "email,card,phone,secrets";

  /** What {@code secrets} stands for: well-known shapes of credentials. */
  public static final List<String> SECRET_RULES =
      List.of("private-key", "jwt", "bearer", "aws-key", "api-key");

  /** Every rule name {@link #parse} accepts, for messages. */
  static final String EXPECTED =
      "a comma-separated list of email, card, phone, secrets, "
          + String.join(", ", SECRET_RULES)
          + ", regex:PATTERN or none";

  /**
   * Starts only where a run of address characters starts: tried from inside a long run without an
   * '@', the run was scanned again from every one of its characters (quadratic).
   */
  private static final Pattern EMAIL =
      Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]+(?:\\.[\\w-]+)+");

  private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");

  /**
   * An international number (+ and a country code) or groups of 2-4 digits separated by single
   * spaces, dots or dashes, optionally with an area code in brackets; {@link #phoneLike} then asks
   * for 9-15 digits (E.164's maximum) and turns away dates, times, versions and IP addresses.
   */
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w.+-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:["
              + " .-]\\d{2,4}){1,4}(?![\\w-]|[.,]\\d)");

  private static final Pattern DATE_OR_ADDRESS =
      Pattern.compile(
          "\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}.*|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}.*|\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern JWT =
      Pattern.compile("\\beyJ[\\w-]{5,}\\.eyJ[\\w-]{5,}\\.[\\w-]{10,}");
  private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[\\w.~+/-]{16,}=*");
  private static final Pattern AWS_KEY =
      Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b");

  /**
   * OpenAI and Anthropic ({@code sk-...}), Google ({@code AIza...}), GitHub and Slack token shapes.
   */
  private static final Pattern API_KEY =
      Pattern.compile(
          "(?<![\\w-])(?:sk-[\\w-]{20,}|AIza[\\w-]{35}|gh[pousr]_[A-Za-z0-9]{36,}|xox[abprs]-[\\w-]{10,})");

  /** One rule: a name and how it rewrites a text (the same instance when nothing matched). */
  private interface Rule {
    String name();

    String redact(String text, @Nullable Prescan prescan);
  }

  /** Counts made once per text, so that rules needing digits skip texts without enough. */
  private record Prescan(int digits, int longestRun) {
    static Prescan of(String text) {
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
      return new Prescan(digits, longestRun);
    }
  }

  /**
   * A pattern and the cheap preconditions a text must meet before it runs: a literal it must hold
   * (an '@' for e-mail addresses), enough digits, and for card numbers a run of enough digits
   * separated by at most one space or dash each. Most prompts and answers meet none.
   */
  private record PatternRule(
      String name,
      Pattern pattern,
      @Nullable Predicate<String> accept,
      String[] marks,
      int minDigits,
      int minRun)
      implements Rule {
    @Override
    public String redact(String text, @Nullable Prescan prescan) {
      if (prescan != null && (prescan.digits() < minDigits || prescan.longestRun() < minRun)
          || !holdsAny(text, marks)) {
        return text;
      }
      Matcher m = pattern.matcher(text);
      StringBuilder out = null;
      while (m.find()) {
        if (accept != null && !accept.test(m.group())) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        m.appendReplacement(out, Matcher.quoteReplacement("[REDACTED:" + name + "]"));
      }
      if (out == null) {
        return text;
      }
      m.appendTail(out);
      return out.toString();
    }
  }

  /**
   * PEM private keys, from their BEGIN line to their END line (or to the end of a text that lost
   * it), found with two searches per key so that many BEGIN lines without an END cost one pass.
   */
  private record PrivateKeyRule() implements Rule {
    static final Pattern BEGIN = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");
    static final Pattern END = Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----");

    @Override
    public String name() {
      return "private-key";
    }

    @Override
    public String redact(String text, @Nullable Prescan prescan) {
      if (!text.contains("PRIVATE KEY-----")) {
        return text;
      }
      Matcher begin = BEGIN.matcher(text);
      Matcher end = END.matcher(text);
      StringBuilder out = null;
      int copied = 0;
      int from = 0;
      while (from < text.length() && begin.find(from)) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, begin.start()).append("[REDACTED:private-key]");
        copied = end.find(begin.end()) ? end.end() : text.length();
        from = copied;
      }
      return out == null ? text : out.append(text, copied, text.length()).toString();
    }
  }

  /** The run's own secret values (keys, header values, credentials in base URLs), longest first. */
  private record LiteralRule(List<String> values) implements Rule {
    @Override
    public String name() {
      return "secret";
    }

    @Override
    public String redact(String text, @Nullable Prescan prescan) {
      String result = text;
      for (String value : values) {
        if (result.contains(value)) {
          result = result.replace(value, "[REDACTED]");
        }
      }
      return result;
    }
  }

  private final List<Rule> rules;
  private final boolean needsPrescan;

  private Redactor(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.needsPrescan =
        rules.stream()
            .anyMatch(r -> r instanceof PatternRule p && (p.minDigits() > 0 || p.minRun() > 0));
  }

  public static final Redactor NONE = new Redactor(List.of());

  /**
   * The credential shapes alone ({@code secrets}): what recordings are scanned for before they are
   * written.
   */
  public static final Redactor SECRETS = parse("secrets");

  /**
   * Parses a comma-separated rule list.
   *
   * @throws IllegalArgumentException naming the rule that is not understood
   */
  public static Redactor parse(String spec) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    List<Rule> custom = new ArrayList<>();
    for (String raw : spec.split(",(?![^{]*})")) {
      String item = raw.strip();
      if (item.isEmpty() || item.equals("none")) {
        continue;
      }
      if (item.startsWith("regex:")) {
        try {
          custom.add(
              new PatternRule(
                  "custom",
                  Pattern.compile(item.substring("regex:".length())),
                  null,
                  new String[0],
                  0,
                  0));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "redaction rule '"
                  + item
                  + "' is not a valid regular expression: "
                  + e.getDescription()
                  + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
        continue;
      }
      for (String name : item.equals("secrets") ? SECRET_RULES : List.of(item)) {
        rules.putIfAbsent(name, rule(name, item));
      }
    }
    // credentials first: a key inside an e-mail-like or number-like text is gone before those rules
    // look
    List<Rule> ordered = new ArrayList<>();
    for (String name : SECRET_RULES) {
      if (rules.containsKey(name)) {
        ordered.add(rules.remove(name));
      }
    }
    ordered.addAll(rules.values());
    ordered.addAll(custom);
    return new Redactor(ordered);
  }

  private static Rule rule(String name, String item) {
    return switch (name) {
      case "email" -> new PatternRule("email", EMAIL, null, new String[] {"@"}, 0, 0);
      case "card" -> new PatternRule("card", CARD, Redactor::luhn, new String[0], 13, 13);
      case "phone" -> new PatternRule("phone", PHONE, Redactor::phoneLike, new String[0], 9, 0);
      case "private-key" -> new PrivateKeyRule();
      case "jwt" -> new PatternRule("jwt", JWT, null, new String[] {"eyJ"}, 0, 0);
      case "bearer" ->
          new PatternRule("bearer", BEARER, null, new String[] {"earer", "EARER"}, 0, 0);
      case "aws-key" ->
          new PatternRule(
              "aws-key", AWS_KEY, null, new String[] {"AKIA", "ASIA", "ABIA", "ACCA"}, 0, 0);
      case "api-key" ->
          new PatternRule(
              "api-key", API_KEY, null, new String[] {"sk-", "AIza", "gh", "xox"}, 0, 0);
      default ->
          throw new IllegalArgumentException(
              "unknown redaction rule '" + item + "'; expected " + EXPECTED);
    };
  }

  /**
   * The same rules, and the run's own secret values replaced by {@code [REDACTED]} before any of
   * them.
   */
  public Redactor withSecrets(Collection<String> values) {
    List<String> kept =
        values.stream()
            .filter(v -> !v.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    if (kept.isEmpty()) {
      return this;
    }
    List<Rule> all = new ArrayList<>();
    all.add(new LiteralRule(kept));
    all.addAll(rules);
    return new Redactor(all);
  }

  public String apply(String text) {
    if (rules.isEmpty()) {
      return text;
    }
    Prescan prescan = needsPrescan ? Prescan.of(text) : null;
    String result = text;
    for (Rule rule : rules) {
      result = rule.redact(result, prescan);
    }
    return result;
  }

  /** The name of the first rule that would change {@code text}, or null when none would. */
  public @Nullable String firstMatch(String text) {
    Prescan prescan = needsPrescan ? Prescan.of(text) : null;
    for (Rule rule : rules) {
      if (rule.redact(text, prescan) != text) {
        return rule.name();
      }
    }
    return null;
  }

  private static boolean holdsAny(String text, String[] marks) {
    if (marks.length == 0) {
      return true;
    }
    for (String mark : marks) {
      if (text.contains(mark)) {
        return true;
      }
    }
    return false;
  }

  static boolean phoneLike(String candidate) {
    int digits = 0;
    for (int i = 0; i < candidate.length(); i++) {
      if (Character.isDigit(candidate.charAt(i))) {
        digits++;
      }
    }
    return digits >= 9
        && digits <= 15
        && !DATE_OR_ADDRESS.matcher(candidate.toLowerCase(Locale.ROOT)).matches();
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
