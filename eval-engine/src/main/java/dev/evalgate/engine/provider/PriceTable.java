package dev.evalgate.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.Pricing;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.model.CostModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Prices per million tokens by model, from {@code dev/evalgate/engine/provider/prices.json}
 * (indicative list prices; check your provider's). A variant's own {@code pricing} wins. Dated
 * model names fall back to their base name ({@code gpt-4o-mini-2024-07-18} uses {@code
 * gpt-4o-mini}). An unknown model costs {@code null}: unknown, never zero.
 */
public final class PriceTable implements CostModel {
  private final Map<String, Pricing> prices;

  PriceTable(Map<String, Pricing> prices) {
    this.prices = Map.copyOf(prices);
  }

  public static PriceTable bundled() {
    try (InputStream in =
        PriceTable.class.getResourceAsStream("/dev/evalgate/engine/provider/prices.json")) {
      JsonNode root = Protocol.JSON.readTree(in);
      Map<String, Pricing> prices = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = root.path("models").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        prices.put(
            e.getKey(),
            new Pricing(
                e.getValue().path("input").doubleValue(),
                e.getValue().path("output").doubleValue()));
      }
      return new PriceTable(prices);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<Pricing> lookup(@Nullable String model) {
    if (model == null) {
      return Optional.empty();
    }
    String name = model;
    while (true) {
      Pricing price = prices.get(name);
      if (price != null) {
        return Optional.of(price);
      }
      int dash = name.lastIndexOf('-');
      if (dash <= 0) {
        return Optional.empty();
      }
      name = name.substring(0, dash);
    }
  }

  @Override
  public @Nullable Double cost(VariantSpec variant, TokenUsage usage) {
    Pricing price =
        variant.pricing() != null ? variant.pricing() : lookup(variant.model()).orElse(null);
    return price == null ? null : price.cost(usage);
  }
}
