package dev.evalgate.engine.report.results;

import dev.evalgate.api.ModelResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A live call's attempts, one line each, as the page and Allure show them: {@code attempt 1 of 3:
 * server error (HTTP 503): busy}, ..., {@code attempt 3 of 3: answered}. Nothing for a call of one
 * attempt, and nothing for a replayed answer: no request of this run stands behind it.
 */
public final class AttemptTexts {
  private AttemptTexts() {}

  /**
   * One line per attempt, each text passed through {@code redact}; empty when the call sent fewer
   * than two requests.
   */
  public static List<String> lines(ModelResponse response, UnaryOperator<String> redact) {
    int attempts = response.attempts();
    if (attempts < 2) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(attempts);
    List<String> retried = response.retriedErrors();
    for (int i = 0; i < retried.size() && i < attempts - 1; i++) {
      lines.add(prefix(i + 1, attempts) + redact.apply(retried.get(i)));
    }
    String error = response.lastAttemptError();
    String last = error == null ? "answered" : redact.apply(error);
    lines.add(prefix(attempts, attempts) + last);
    return lines;
  }

  private static String prefix(int number, int of) {
    return "attempt " + number + " of " + of + ": ";
  }
}
