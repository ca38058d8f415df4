package dev.evalgate.assertions;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.checks.RefusalClassifier;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one exchange; each failure message is the check's own reason. */
public final class ResponseAssert extends AbstractAssert<ResponseAssert, Exchange> {

  ResponseAssert(Exchange actual) {
    super(actual, ResponseAssert.class);
  }

  /** The answer contains JSON (raw, fenced or inside prose). */
  public ResponseAssert hasJson() {
    return satisfiesCheck(Checks.json(false));
  }

  /** The answer is JSON and nothing else. */
  public ResponseAssert isStrictJson() {
    return satisfiesCheck(Checks.json(true));
  }

  /** The answer's JSON is valid against the schema at a classpath location or file path. */
  public ResponseAssert matchesSchema(String location) {
    return satisfiesCheck(Checks.schema(location));
  }

  public ResponseAssert isNotRefusal() {
    isNotNull();
    RefusalClassifier.Classification c = RefusalClassifier.english().classify(actual.output());
    if (c.label().isRefusal()) {
      failWithMessage(
          "expected an answer but got a %s: %s", c.label().id().replace('_', ' '), c.evidence());
    }
    return this;
  }

  public ResponseAssert isRefusal() {
    isNotNull();
    RefusalClassifier.Classification c = RefusalClassifier.english().classify(actual.output());
    if (!c.label().isRefusal()) {
      failWithMessage(
          "expected a refusal but the answer complied: %s", abbreviate(actual.output()));
    }
    return this;
  }

  public ResponseAssert hasAtMostWords(int max) {
    return satisfiesCheck(Checks.maxWords(max));
  }

  public ResponseAssert contains(String... values) {
    return satisfiesCheck(Checks.containsAll(values));
  }

  public ResponseAssert doesNotContain(String... values) {
    return satisfiesCheck(Checks.notContains(values));
  }

  /** The model called this tool (among any others). */
  public ResponseAssert calledTool(String tool) {
    return satisfiesCheck(Checks.toolCalled(tool));
  }

  /** The model called each of these tools, in this order (other calls may come between). */
  public ResponseAssert calledToolsInOrder(String... tools) {
    return satisfiesCheck(Checks.toolCalledInOrder(tools));
  }

  /** The model called no tool. */
  public ResponseAssert calledNoTool() {
    return satisfiesCheck(Checks.noToolCalled());
  }

  /**
   * Every tool call's arguments are a JSON object, valid against the schema of its tool among
   * {@code tools} (a call of a tool not among them fails); with no tools given, those the
   * exchange's variant offered.
   */
  public ResponseAssert hasValidToolArguments(ToolSpec... tools) {
    isNotNull();
    Exchange exchange = tools.length == 0 ? actual : actual.withTools(List.of(tools));
    return satisfies(Checks.toolSchema(), exchange);
  }

  /**
   * A call of {@code tool} has {@code expected} at {@code path} ({@code $.order_id}, {@code
   * /items/0}).
   */
  public ResponseAssert hasToolArgument(String tool, String path, String expected) {
    return satisfiesCheck(Checks.toolArgumentEquals(tool, path, expected));
  }

  /**
   * A call of {@code tool} has a value matching the regular expression {@code pattern} at {@code
   * path}.
   */
  public ResponseAssert hasToolArgumentMatching(String tool, String path, String pattern) {
    return satisfiesCheck(Checks.toolArgumentMatches(tool, path, pattern));
  }

  /**
   * The answer passes any check, including custom ones. A check that does not apply to the
   * exchange's case (a grounding check on a case without context) fails the assertion too: it was
   * asked for.
   */
  public ResponseAssert satisfiesCheck(Check check) {
    isNotNull();
    return satisfies(check, actual);
  }

  private ResponseAssert satisfies(Check check, Exchange exchange) {
    CheckResult result = check.evaluate(exchange);
    if (!result.passed()) {
      failWithMessage(
          "%s: %s%s",
          result.check(), result.applicable() ? "" : "not applicable: ", result.reason());
    }
    return this;
  }

  private static String abbreviate(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
