package dev.evalgate.api;

/**
 * A model's price in US dollars per million tokens.
 *
 * <pre>{@code
 * Pricing mini = new Pricing(0.15, 0.60);
 * double cost = mini.cost(new TokenUsage(1_000, 200, false)); // 0.00027
 * }</pre>
 */
public record Pricing(double inputPerMillion, double outputPerMillion) {
  public Pricing {
    if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
      throw new IllegalArgumentException("prices must be zero or positive");
    }
  }

  public double cost(TokenUsage usage) {
    return (usage.promptTokens() * inputPerMillion + usage.completionTokens() * outputPerMillion)
        / 1_000_000.0;
  }
}
