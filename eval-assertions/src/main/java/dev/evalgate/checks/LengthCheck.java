package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer's length in characters, words, sentences or tokens is within bounds, and the answer
 * was not cut off ({@code finish_reason} {@code length} or {@code max_tokens}).
 */
final class LengthCheck extends BaseCheck {
  /** A unit and its bounds; a null bound is open. */
  record Bound(String unit, @Nullable Integer min, @Nullable Integer max) {}

  private final List<Bound> bounds;
  private final boolean allowTruncated;

  LengthCheck(String name, List<Bound> bounds, boolean allowTruncated) {
    super(name, "length");
    this.bounds = List.copyOf(bounds);
    this.allowTruncated = allowTruncated;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    String text = exchange.output();
    String finish = exchange.response().finishReason();
    List<String> problems = new ArrayList<>();
    List<String> measured = new ArrayList<>();
    if (!allowTruncated && ("length".equals(finish) || "max_tokens".equals(finish))) {
      problems.add("the answer was truncated (finish reason " + finish + ")");
    }
    for (Bound bound : bounds) {
      int value = measure(bound.unit(), text, exchange.model());
      measured.add(value + " " + bound.unit());
      if (bound.min() != null && value < bound.min()) {
        problems.add(value + " " + bound.unit() + ", expected at least " + bound.min());
      }
      if (bound.max() != null && value > bound.max()) {
        problems.add(value + " " + bound.unit() + ", expected at most " + bound.max());
      }
    }
    return problems.isEmpty()
        ? pass(String.join(", ", measured) + " within bounds")
        : result(false, null, String.join("; ", problems), Map.of());
  }

  static int measure(String unit, String text, @Nullable String model) {
    return switch (unit) {
      case "chars" -> text.length();
      case "words" -> TextMeasures.words(text);
      case "sentences" -> TextMeasures.sentences(text);
      case "tokens" -> TokenCounter.count(text, model);
      default -> throw new IllegalStateException("unknown unit " + unit);
    };
  }
}
