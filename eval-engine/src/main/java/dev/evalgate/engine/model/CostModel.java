package dev.evalgate.engine.model;

import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import org.jspecify.annotations.Nullable;

/** Prices a call. Unknown prices are {@code null}, never zero. */
@FunctionalInterface
public interface CostModel {
  @Nullable Double cost(VariantSpec variant, TokenUsage usage);

  /** Only the variant's own {@code pricing}. */
  CostModel VARIANT_PRICING =
      (variant, usage) -> variant.pricing() == null ? null : variant.pricing().cost(usage);
}
