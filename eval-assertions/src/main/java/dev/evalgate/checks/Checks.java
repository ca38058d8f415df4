package dev.evalgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Builds every check, in Java or from a suite file's entry. Each kind and its options are
 * documented in {@code eval-assertions/CHECKS.md}.
 *
 * <pre>{@code
 * List<Check> checks = List.of(
 *     Checks.schema("schemas/answer.json"),
 *     Checks.refusal(),
 *     Checks.maxWords(120),
 *     Checks.grounded(0.8));
 * }</pre>
 */
public final class Checks {
  /** Every kind a suite file may name. */
  public static final Set<String> KINDS =
      new TreeSet<>(
          List.of(
              "schema",
              "json",
              "json-path",
              "refusal",
              "length",
              "grounded",
              "unsupported-specifics",
              "citations",
              "reference-agreement",
              "equals",
              "contains",
              "not-contains",
              "regex",
              "starts-with",
              "latency",
              "cost",
              "not",
              "tool-call",
              "tool-schema",
              "tool-argument",
              "expected-tool-calls"));

  /** What a refusal check may expect of an answer, when the option does not ask the case. */
  private static final Set<String> EXPECTATIONS = Set.of("refuse", "comply");

  private Checks() {}

  // --- Java API -------------------------------------------------------------------------------

  /** Valid JSON against the schema at a classpath location or file path. */
  public static Check schema(String location) {
    return new SchemaCheck(
        "schema", loadSchema(location, null, Checks.class.getClassLoader()), location, false);
  }

  /** The answer contains JSON; with {@code strict}, it is JSON and nothing else. */
  public static Check json(boolean strict) {
    return new JsonCheck("json", strict);
  }

  /**
   * The value at a JSON pointer or {@code $.dotted.path} equals {@code expected} (which may use
   * {@code {{variables}}}).
   */
  public static Check jsonPathEquals(String path, String expected) {
    return new JsonPathCheck("json-path", path, expected, null);
  }

  /**
   * Refusal classification compared with the case's {@code expect} field (no expectation: must not
   * refuse).
   */
  public static Check refusal() {
    return new RefusalCheck(
        "refusal", RefusalClassifier.english(), null, RefusalClassifier.DEFAULT_THRESHOLD);
  }

  /**
   * Refusal classification compared with an expectation: {@code refuse}, {@code comply} or a {@code
   * {{variable}}}.
   */
  public static Check refusal(String expect) {
    return new RefusalCheck(
        "refusal",
        RefusalClassifier.english(),
        expectation(expect),
        RefusalClassifier.DEFAULT_THRESHOLD);
  }

  /**
   * Refusal classification compared with an expectation, an answer counting as a refusal when the
   * classifier's refusal confidence reaches {@code threshold} (default {@value
   * RefusalClassifier#DEFAULT_THRESHOLD}).
   */
  public static Check refusal(String expect, double threshold) {
    return new RefusalCheck(
        "refusal", RefusalClassifier.english(), expectation(expect), threshold(threshold));
  }

  public static Check maxWords(int max) {
    return new LengthCheck("length", List.of(new LengthCheck.Bound("words", null, max)), false);
  }

  public static Check maxTokens(int max) {
    return new LengthCheck("length", List.of(new LengthCheck.Bound("tokens", null, max)), false);
  }

  /**
   * The case's context supports the answer: its grounding support (the weakest sentence's) is at
   * least {@code minSupport}.
   */
  public static Check grounded(double minSupport) {
    return new GroundingCheck("grounded", minSupport, null);
  }

  /** The case's context supports the answer, at the default {@code min-support} (CHECKS.md). */
  public static Check grounded() {
    return new GroundingCheck("grounded", GroundingCheck.DEFAULT_MIN_SUPPORT, null);
  }

  /** At most {@code max} numbers, names, dates, URLs... that neither context nor prompt contain. */
  public static Check unsupportedSpecifics(int max) {
    return new SpecificsCheck("unsupported-specifics", max);
  }

  public static Check citations() {
    return new CitationsCheck("citations", false);
  }

  /**
   * The answer agrees with the case's references rather than its incorrect ones, by a score of at
   * least {@code minScore}.
   */
  public static Check referenceAgreement(double minScore) {
    return new ReferenceAgreementCheck(
        "reference-agreement", minScore, ReferenceAgreementCheck.Abstain.AUTO);
  }

  /**
   * As {@link #referenceAgreement(double)}, with how an abstention counts: {@code auto}, {@code
   * correct}, {@code incorrect} or {@code separate} (see CHECKS.md).
   */
  public static Check referenceAgreement(double minScore, String abstain) {
    return new ReferenceAgreementCheck(
        "reference-agreement",
        minScore,
        ReferenceAgreementCheck.Abstain.parse(abstain, "reference-agreement"));
  }

  public static Check contains(String... values) {
    return new StringCheck("contains", StringCheck.Op.CONTAINS, List.of(values), false, false);
  }

  public static Check containsAll(String... values) {
    return new StringCheck("contains", StringCheck.Op.CONTAINS, List.of(values), true, false);
  }

  public static Check notContains(String... values) {
    return new StringCheck(
        "not-contains", StringCheck.Op.NOT_CONTAINS, List.of(values), false, false);
  }

  public static Check equalsText(String expected) {
    return new StringCheck("equals", StringCheck.Op.EQUALS, List.of(expected), false, false);
  }

  /**
   * The answer equals the case's variable, e.g. {@code equalsVariable("route", "expected_route")}.
   */
  public static Check equalsVariable(String name, String variable) {
    return new StringCheck(
        name, StringCheck.Op.EQUALS, List.of("{{" + variable + "}}"), false, true);
  }

  public static Check regex(String pattern) {
    return new StringCheck("regex", StringCheck.Op.REGEX, List.of(pattern), false, false);
  }

  public static Check startsWith(String prefix) {
    return new StringCheck(
        "starts-with", StringCheck.Op.STARTS_WITH, List.of(prefix), false, false);
  }

  public static Check maxLatency(Duration max) {
    return new LimitCheck("latency", LimitCheck.Kind.LATENCY, max.toMillis());
  }

  public static Check maxCost(double usd) {
    return new LimitCheck("cost", LimitCheck.Kind.COST, usd);
  }

  /**
   * The answer called each of these tools (among any others), e.g. {@code
   * toolCalled("lookup_order")}.
   */
  public static Check toolCalled(String... tools) {
    return new ToolCallCheck("tool-call", List.of(tools), false, false);
  }

  /** The answer called these tools in this order (other calls may come between). */
  public static Check toolCalledInOrder(String... tools) {
    return new ToolCallCheck("tool-call", List.of(tools), true, false);
  }

  /** The answer called no tool. */
  public static Check noToolCalled() {
    return new ToolCallCheck("tool-call", List.of(ToolCallCheck.NONE), false, false);
  }

  /**
   * The answer called the tools of the case's {@code expected_tool_calls} (none when it is empty),
   * by name.
   */
  public static Check toolCall() {
    return new ToolCallCheck("tool-call", null, false, false);
  }

  /** Every tool call's arguments are a JSON object valid against its tool's schema. */
  public static Check toolSchema() {
    return new ToolSchemaCheck("tool-schema", null);
  }

  /**
   * The argument of {@code tool} at {@code path} equals {@code expected} (which may be a {@code
   * {{variable}}}).
   */
  public static Check toolArgumentEquals(String tool, String path, String expected) {
    return new ToolArgumentCheck("tool-argument", tool, path, expected, null, List.of());
  }

  /**
   * The argument of {@code tool} at {@code path} matches the regular expression {@code pattern}.
   */
  public static Check toolArgumentMatches(String tool, String path, String pattern) {
    return new ToolArgumentCheck("tool-argument", tool, path, null, pattern, List.of());
  }

  /** The argument of {@code tool} at {@code path} is one of {@code values}. */
  public static Check toolArgumentOneOf(String tool, String path, String... values) {
    return new ToolArgumentCheck("tool-argument", tool, path, null, null, List.of(values));
  }

  /** The tool calls are exactly the case's {@code expected_tool_calls} (precision and recall 1). */
  public static Check expectedToolCalls() {
    return new ExpectedToolCallsCheck("expected-tool-calls", 1.0, 1.0, false);
  }

  /**
   * The tool calls match the case's {@code expected_tool_calls} with at least this precision and
   * recall.
   */
  public static Check expectedToolCalls(double minPrecision, double minRecall) {
    return new ExpectedToolCallsCheck("expected-tool-calls", minPrecision, minRecall, false);
  }

  /** Passes exactly when {@code check} fails; named {@code not-NAME}. */
  public static Check not(Check check) {
    return new NegatedCheck("not-" + check.name(), check);
  }

  /**
   * Passes exactly when {@code check} fails; named {@code name}, e.g. {@code
   * not("no-ai-disclaimer", contains("As an AI"))}.
   */
  public static Check not(String name, Check check) {
    return new NegatedCheck(name, check);
  }

  /** A custom check from a predicate; {@code reason} describes what it looks for. */
  public static Check predicate(String name, Predicate<Exchange> predicate, String reason) {
    return Check.of(
        name,
        x ->
            predicate.test(x)
                ? CheckResult.pass(name, reason)
                : CheckResult.fail(name, "not " + reason));
  }

  /** Renames a check (e.g. two length checks in one suite). */
  public static Check named(String name, Check check) {
    return new Check() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String family() {
        return check.family();
      }

      @Override
      public CheckResult evaluate(Exchange exchange) {
        return check.evaluate(exchange).named(name);
      }
    };
  }

  /**
   * Makes a case that {@code check} does not apply to (a {@code grounded} check on a case without
   * {@code context}, say) a failure instead of not applicable: for suites whose every case must
   * carry the field. In suite files: {@code missing: fail}.
   */
  public static Check required(Check check) {
    return new RequiredCheck(check);
  }

  // --- suite files ------------------------------------------------------------------------------

  /**
   * Builds a check from a suite file entry {@code KIND: OPTIONS}.
   *
   * @param kind the entry's key
   * @param options the entry's value (a scalar, a list or an object)
   * @param baseDir the suite file's folder for relative paths, or {@code null}
   * @param loader where classpath locations are looked up
   * @throws CheckSpecException saying exactly what was expected
   */
  public static Check fromSpec(
      String kind, JsonNode options, @Nullable Path baseDir, ClassLoader loader) {
    return switch (kind) {
      case "schema" -> {
        Options o = new Options(kind, options, Set.of("schema", "strict"));
        JsonNode schemaValue = o.isObject() ? o.node().get("schema") : options;
        if (schemaValue == null) {
          throw new CheckSpecException(
              "check 'schema' needs a schema location or an inline schema object");
        }
        if (schemaValue.isObject()) {
          yield new SchemaCheck(
              o.name(), schemaValue, "the inline schema", o.bool("strict", false));
        }
        String location = schemaValue.asText();
        yield new SchemaCheck(
            o.name(), loadSchema(location, baseDir, loader), location, o.bool("strict", false));
      }
      case "json" -> {
        Options o = new Options(kind, options, Set.of("strict"));
        yield new JsonCheck(
            o.name(), options.isBoolean() ? options.booleanValue() : o.bool("strict", false));
      }
      case "json-path" -> {
        Options o = object(kind, options, Set.of("path", "equals", "exists", "matches"));
        yield new JsonPathCheck(
            o.name(), o.requiredText("path"), o.text("equals"), o.text("matches"));
      }
      case "refusal" -> {
        Options o = new Options(kind, options, Set.of("expect", "language", "threshold", MISSING));
        String expect =
            o.isObject()
                ? o.text("expect")
                : options.isValueNode() && !options.isNull() ? options.asText() : null;
        String language = o.isObject() && o.text("language") != null ? o.text("language") : "en";
        Double threshold = o.isObject() ? o.decimal("threshold") : null;
        yield missing(
            o,
            new RefusalCheck(
                o.name(),
                language.equals("en")
                    ? RefusalClassifier.english()
                    : RefusalClassifier.forLanguage(language),
                expectation(expect),
                threshold == null ? RefusalClassifier.DEFAULT_THRESHOLD : threshold(threshold)));
      }
      case "length" -> {
        Options o =
            object(
                kind,
                options,
                Set.of(
                    "min-chars",
                    "max-chars",
                    "min-words",
                    "max-words",
                    "min-sentences",
                    "max-sentences",
                    "min-tokens",
                    "max-tokens",
                    "allow-truncated"));
        List<LengthCheck.Bound> bounds = new ArrayList<>();
        for (String unit : List.of("chars", "words", "sentences", "tokens")) {
          Integer min = o.integer("min-" + unit);
          Integer max = o.integer("max-" + unit);
          // a negative minimum holds for every answer, a negative maximum or a minimum above the
          // maximum for none: neither measures anything
          for (String bound : List.of("min-", "max-")) {
            Integer value = bound.equals("min-") ? min : max;
            if (value != null && value < 0) {
              throw new CheckSpecException(
                  "option '"
                      + bound
                      + unit
                      + "' of check 'length' must be a whole number of 0 or more, but was "
                      + value);
            }
          }
          if (min != null && max != null && min > max) {
            throw new CheckSpecException(
                "options 'min-"
                    + unit
                    + "' ("
                    + min
                    + ") and 'max-"
                    + unit
                    + "' ("
                    + max
                    + ") of check 'length' leave no length that passes; expected min-"
                    + unit
                    + " at most max-"
                    + unit);
          }
          if (min != null || max != null) {
            bounds.add(new LengthCheck.Bound(unit, min, max));
          }
        }
        yield new LengthCheck(o.name(), bounds, o.bool("allow-truncated", false));
      }
      case "grounded" -> {
        Options o = new Options(kind, options, Set.of("min-support", "context", MISSING));
        Double min =
            o.isObject()
                ? o.decimal("min-support")
                : options.isNumber() ? options.doubleValue() : null;
        yield missing(
            o,
            new GroundingCheck(
                o.name(),
                min == null ? GroundingCheck.DEFAULT_MIN_SUPPORT : min,
                o.isObject() ? o.text("context") : null));
      }
      case "unsupported-specifics" -> {
        Options o = new Options(kind, options, Set.of("max"));
        Integer max =
            o.isObject() ? o.integer("max") : options.canConvertToInt() ? options.intValue() : null;
        yield new SpecificsCheck(o.name(), max == null ? 0 : max);
      }
      case "citations" -> {
        Options o = new Options(kind, options, Set.of("required"));
        yield new CitationsCheck(o.name(), o.bool("required", false));
      }
      case "reference-agreement" -> {
        Options o = new Options(kind, options, Set.of("min-score", "abstain", MISSING));
        Double min =
            o.isObject()
                ? o.decimal("min-score")
                : options.isNumber() ? options.doubleValue() : null;
        String abstain = o.isObject() ? o.text("abstain") : null;
        yield missing(
            o,
            new ReferenceAgreementCheck(
                o.name(),
                min == null ? 0.5 : min,
                abstain == null
                    ? ReferenceAgreementCheck.Abstain.AUTO
                    : ReferenceAgreementCheck.Abstain.parse(abstain, o.name())));
      }
      case "equals", "contains", "not-contains", "regex", "starts-with" -> {
        Options o = new Options(kind, options, Set.of("values", "mode", "ignore-case"));
        List<String> values = o.texts("values");
        String mode = o.isObject() && o.text("mode") != null ? o.text("mode") : "any";
        if (!mode.equals("any") && !mode.equals("all")) {
          throw new CheckSpecException(
              "option 'mode' of check '" + kind + "' must be any or all, but was \"" + mode + "\"");
        }
        StringCheck.Op op =
            StringCheck.Op.valueOf(kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        yield new StringCheck(
            o.name(), op, values, mode.equals("all"), o.bool("ignore-case", false));
      }
      case "latency" -> {
        Options o = new Options(kind, options, Set.of("max"));
        JsonNode max = o.isObject() ? o.node().get("max") : options;
        if (max == null || max.isNull()) {
          throw new CheckSpecException("check 'latency' needs option 'max', e.g. { max: 2500ms }");
        }
        yield new LimitCheck(o.name(), LimitCheck.Kind.LATENCY, millis(max.asText()));
      }
      case "cost" -> {
        Options o = new Options(kind, options, Set.of("max"));
        Double max =
            o.isObject() ? o.decimal("max") : options.isNumber() ? options.doubleValue() : null;
        if (max == null) {
          throw new CheckSpecException(
              "check 'cost' needs option 'max' in US dollars, e.g. { max: 0.01 }");
        }
        yield new LimitCheck(o.name(), LimitCheck.Kind.COST, max);
      }
      case "tool-call" -> {
        Options o = new Options(kind, options, Set.of("tool", "tools", "order", "only"));
        List<String> expected;
        if (!o.isObject()) {
          expected = options.isNull() ? null : o.texts("tool");
        } else if (o.has("tool") && o.has("tools")) {
          throw new CheckSpecException("check 'tool-call' takes 'tool' or 'tools', not both");
        } else {
          expected =
              o.has("tool")
                  ? List.of(o.requiredText("tool"))
                  : o.has("tools") ? o.texts("tools") : null;
        }
        if (expected != null && expected.isEmpty()) {
          throw new CheckSpecException(
              "check 'tool-call' needs a tool's name, a list of names or none, but was an empty"
                  + " list");
        }
        yield new ToolCallCheck(o.name(), expected, o.bool("order", false), o.bool("only", false));
      }
      case "tool-schema" -> {
        Options o = new Options(kind, options, Set.of("tool"));
        String tool =
            o.isObject()
                ? o.text("tool")
                : options.isValueNode() && !options.isNull() && !options.isBoolean()
                    ? options.asText()
                    : null;
        yield new ToolSchemaCheck(o.name(), tool);
      }
      case "tool-argument" -> {
        Options o = object(kind, options, Set.of("tool", "path", "equals", "matches", "one-of"));
        int tests =
            (o.has("equals") ? 1 : 0) + (o.has("matches") ? 1 : 0) + (o.has("one-of") ? 1 : 0);
        if (tests > 1) {
          throw new CheckSpecException(
              "check 'tool-argument' takes one of 'equals', 'matches' and 'one-of', not several");
        }
        List<String> oneOf = o.has("one-of") ? o.texts("one-of") : List.of();
        if (o.has("one-of") && oneOf.isEmpty()) {
          throw new CheckSpecException(
              "option 'one-of' of check 'tool-argument' must list at least one value");
        }
        String matches = o.text("matches");
        if (matches != null) {
          try {
            java.util.regex.Pattern.compile(matches);
          } catch (java.util.regex.PatternSyntaxException e) {
            throw new CheckSpecException(
                "option 'matches' of check 'tool-argument' is not a valid regular expression: "
                    + e.getDescription()
                    + " near index "
                    + e.getIndex());
          }
        }
        yield new ToolArgumentCheck(
            o.name(),
            o.requiredText("tool"),
            o.requiredText("path"),
            o.text("equals"),
            matches,
            oneOf);
      }
      case "expected-tool-calls" -> {
        Options o = new Options(kind, options, Set.of("min-precision", "min-recall", "order"));
        Double precision = o.isObject() ? o.decimal("min-precision") : null;
        Double recall = o.isObject() ? o.decimal("min-recall") : null;
        yield new ExpectedToolCallsCheck(
            o.name(),
            precision == null ? 1.0 : precision,
            recall == null ? 1.0 : recall,
            o.isObject() && o.bool("order", false));
      }
      case "not" -> {
        // the negation's name: its own name: option, else the wrapped check's explicit name, as
        // given; else not-KIND
        List<String> wrapped = new ArrayList<>();
        options
            .fieldNames()
            .forEachRemaining(
                field -> {
                  if (!field.equals("name")) {
                    wrapped.add(field);
                  }
                });
        if (!options.isObject() || wrapped.size() != 1) {
          throw new CheckSpecException(
              "check 'not' wraps exactly one check, e.g. not: { contains: \"sorry\", name:"
                  + " no-apology }");
        }
        String inner = wrapped.get(0);
        JsonNode innerOptions = options.get(inner);
        Check check = fromSpec(inner, innerOptions, baseDir, loader);
        String own = new Options("not", options, Set.of(inner)).text("name");
        String name =
            own != null
                ? own
                : innerOptions.isObject() && innerOptions.hasNonNull("name")
                    ? check.name()
                    : "not-" + check.name();
        yield new NegatedCheck(name, check);
      }
      default ->
          throw new CheckSpecException(
              "unknown check '" + kind + "'; expected one of: " + String.join(", ", KINDS));
    };
  }

  /**
   * The option of the checks that need a case field: {@code not-applicable} (the default) or {@code
   * fail}.
   */
  private static final String MISSING = "missing";

  /**
   * The check as {@code missing:} asks: a case without the field is not applicable (default), or
   * fails.
   */
  private static Check missing(Options o, Check check) {
    String missing = o.isObject() ? o.text(MISSING) : null;
    if (missing == null || missing.equals("not-applicable")) {
      return check;
    }
    if (missing.equals("fail")) {
      return required(check);
    }
    throw new CheckSpecException(
        "option 'missing' of check '"
            + o.kind()
            + "' must be not-applicable or fail, but was \""
            + missing
            + "\"");
  }

  /**
   * A refusal check's expectation: refuse, comply or a {{variable}} the case fills in. Any other
   * word would fail every answer as "neither refuse nor comply", and two variants that both fail
   * everything compare as equal.
   */
  private static @Nullable String expectation(@Nullable String expect) {
    if (expect != null && !Placeholders.has(expect) && !EXPECTATIONS.contains(expect)) {
      throw new CheckSpecException(
          "option 'expect' of check 'refusal' must be refuse, comply or a {{variable}} holding one,"
              + " but was \""
              + expect
              + "\"");
    }
    return expect;
  }

  private static double threshold(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new CheckSpecException(
          "option 'threshold' of check 'refusal' must be a number between 0 and 1 (exclusive), but"
              + " was "
              + threshold);
    }
    return threshold;
  }

  private static Options object(String kind, JsonNode options, Set<String> allowed) {
    if (!options.isObject()) {
      throw new CheckSpecException(
          "check '"
              + kind
              + "' needs options such as { "
              + allowed.iterator().next()
              + ": ... }, but was "
              + (options.isTextual() ? "\"" + options.textValue() + "\"" : options.toString()));
    }
    return new Options(kind, options, allowed);
  }

  private static double millis(String text) {
    String v = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Double.parseDouble(v.substring(0, v.length() - 2).trim());
      }
      if (v.endsWith("s")) {
        return Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000;
      }
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new CheckSpecException(
          "option 'max' of check 'latency' must be a duration such as 2500ms or 2.5s, but was \""
              + text
              + "\"");
    }
  }

  static JsonNode loadSchema(String location, @Nullable Path baseDir, ClassLoader loader) {
    try (InputStream in = open(location, baseDir, loader)) {
      if (in == null) {
        throw new CheckSpecException(
            "schema '"
                + location
                + "' not found next to the suite file, in the working directory or on the"
                + " classpath");
      }
      return JsonExtractor.MAPPER.readTree(in);
    } catch (IOException e) {
      String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
      throw new CheckSpecException(
          "schema '"
              + location
              + "' is not readable JSON: "
              + message.lines().findFirst().orElse(""),
          e);
    }
  }

  private static @Nullable InputStream open(
      String location, @Nullable Path baseDir, ClassLoader loader) throws IOException {
    if (baseDir != null && Files.isRegularFile(baseDir.resolve(location))) {
      return Files.newInputStream(baseDir.resolve(location));
    }
    Path direct = Path.of(location);
    if (Files.isRegularFile(direct)) {
      return Files.newInputStream(direct);
    }
    return loader.getResourceAsStream(location.startsWith("/") ? location.substring(1) : location);
  }
}
