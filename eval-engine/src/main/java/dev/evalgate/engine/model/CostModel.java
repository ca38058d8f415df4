package dev.evalgate.engine.model;

import dev.evalgate.api.CallStep;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import org.jspecify.annotations.Nullable;

/** Prices a call. Unknown prices are {@code null}, never zero. */
@FunctionalInterface
public interface CostModel {
  @Nullable Double cost(VariantSpec variant, TokenUsage usage);

  /**
   * What an answer cost: a single call's usage at the variant's price; an app variant's answer, the
   * sum over its steps, each priced as the model its request named (an agent that routes with a
   * small model and answers with a large one pays each its own price; the variant's own {@code
   * pricing}, when it has one, prices every step). Unknown when any step's price is.
   */
  default @Nullable Double cost(VariantSpec variant, ModelResponse response) {
    if (response.steps().isEmpty()) {
      return cost(variant, response.usage());
    }
    double total = 0;
    for (CallStep step : response.steps()) {
      Double cost =
          cost(step.model() == null ? variant : variant.withModel(step.model()), step.usage());
      if (cost == null) {
        return null;
      }
      total += cost;
    }
    return total;
  }

  /** Only the variant's own {@code pricing}. */
  CostModel VARIANT_PRICING =
      (variant, usage) -> variant.pricing() == null ? null : variant.pricing().cost(usage);
}
