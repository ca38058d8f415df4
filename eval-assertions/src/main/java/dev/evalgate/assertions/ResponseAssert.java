package dev.evalgate.assertions;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import dev.evalgate.checks.Checks;
import dev.evalgate.checks.RefusalClassifier;
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
      failWithMessage("expected an answer but got a %s: %s", c.label().id().replace('_', ' '), c.evidence());
    }
    return this;
  }

  public ResponseAssert isRefusal() {
    isNotNull();
    RefusalClassifier.Classification c = RefusalClassifier.english().classify(actual.output());
    if (!c.label().isRefusal()) {
      failWithMessage("expected a refusal but the answer complied: %s", abbreviate(actual.output()));
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

  /**
   * The answer passes any check, including custom ones. A check that does not apply to the exchange's
   * case (a grounding check on a case without context) fails the assertion too: it was asked for.
   */
  public ResponseAssert satisfiesCheck(Check check) {
    isNotNull();
    CheckResult result = check.evaluate(actual);
    if (!result.passed()) {
      failWithMessage("%s: %s%s", result.check(), result.applicable() ? "" : "not applicable: ", result.reason());
    }
    return this;
  }

  private static String abbreviate(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
