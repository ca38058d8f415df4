package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** equals, contains (any or all), not-contains, regex and starts-with, optionally ignoring case. */
final class StringCheck extends BaseCheck {
  enum Op {
    EQUALS,
    CONTAINS,
    NOT_CONTAINS,
    REGEX,
    STARTS_WITH
  }

  private final Op op;
  private final List<String> values;
  private final boolean all;
  private final boolean ignoreCase;
  private final List<Pattern> patterns;

  StringCheck(String name, Op op, List<String> values, boolean all, boolean ignoreCase) {
    super(name, "string");
    if (values.isEmpty()) {
      throw new CheckSpecException("check '" + name + "' needs at least one value");
    }
    this.op = op;
    this.values = List.copyOf(values);
    this.all = all;
    this.ignoreCase = ignoreCase;
    List<Pattern> compiled = new ArrayList<>();
    if (op == Op.REGEX) {
      for (String value : values) {
        try {
          compiled.add(
              Pattern.compile(
                  value, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        } catch (java.util.regex.PatternSyntaxException e) {
          throw new CheckSpecException(
              "check '"
                  + name
                  + "': invalid regular expression '"
                  + value
                  + "': "
                  + e.getDescription());
        }
      }
    }
    this.patterns = compiled;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    String output = exchange.output();
    List<String> expected =
        values.stream()
            .map(v -> Placeholders.has(v) ? Placeholders.render(v, exchange) : v)
            .toList();
    String subject = ignoreCase ? output.toLowerCase(Locale.ROOT) : output;
    List<String> hits = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      String value = expected.get(i);
      String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
      boolean hit =
          switch (op) {
            case EQUALS -> subject.strip().equals(v.strip());
            case CONTAINS, NOT_CONTAINS -> subject.contains(v);
            case REGEX -> patterns.get(i).matcher(output).find();
            case STARTS_WITH -> subject.stripLeading().startsWith(v);
          };
      (hit ? hits : misses).add(value);
    }
    return switch (op) {
      case NOT_CONTAINS ->
          hits.isEmpty()
              ? pass("contains none of " + quote(expected))
              : fail("contains " + quote(hits) + ", expected none of " + quote(expected));
      case CONTAINS ->
          (all ? misses.isEmpty() : !hits.isEmpty())
              ? pass("contains " + quote(hits))
              : fail((all ? "missing " + quote(misses) : "contains none of " + quote(expected)));
      case EQUALS ->
          !hits.isEmpty()
              ? pass("equals " + quote(hits))
              : fail(
                  "is \""
                      + abbreviate(output)
                      + "\", expected "
                      + (expected.size() == 1 ? "" : "one of ")
                      + quote(expected));
      case REGEX ->
          (all ? misses.isEmpty() : !hits.isEmpty())
              ? pass("matches " + slashes(hits))
              : fail("does not match " + slashes(all ? misses : expected));
      case STARTS_WITH ->
          !hits.isEmpty()
              ? pass("starts with " + quote(hits))
              : fail(
                  "starts with \""
                      + abbreviate(output.stripLeading())
                      + "\", expected "
                      + quote(expected));
    };
  }

  private static String quote(List<String> values) {
    return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
  }

  private static String slashes(List<String> values) {
    return String.join(", ", values.stream().map(v -> "/" + v + "/").toList());
  }

  static String abbreviate(String text) {
    return abbreviate(text, 60);
  }

  static String abbreviate(String text, int max) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() > max ? oneLine.substring(0, max - 3) + "..." : oneLine;
  }
}
