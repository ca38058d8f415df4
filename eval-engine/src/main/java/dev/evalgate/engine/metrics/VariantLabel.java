package dev.evalgate.engine.metrics;

import dev.evalgate.api.VariantSpec;
import org.jspecify.annotations.Nullable;

/**
 * What the metrics say about a variant besides its figures: its name, its role, its model and its
 * prompt version. A live run takes it from the {@link VariantSpec}; a stored report from what it
 * recorded of each variant, so that re-judging a report needs no variant that could be called.
 *
 * @param name the variant's name
 * @param control whether it is the control
 * @param model the model name, or {@code null} when the variant names none
 * @param promptVersion the prompt version
 */
public record VariantLabel(
    String name, boolean control, @Nullable String model, String promptVersion) {
  public static VariantLabel of(VariantSpec variant) {
    return new VariantLabel(
        variant.name(), variant.control(), variant.model(), variant.promptVersion());
  }
}
