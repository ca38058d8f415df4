package dev.evalgate.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.Role;
import dev.evalgate.api.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;

/**
 * Anthropic Messages: {@code POST {baseUrl}/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version}. System messages go into {@code system}; {@code max_tokens} is required
 * by the API and defaults to 1024. The API has no JSON mode: {@code response-format} is ignored,
 * and JSON is asked for in the prompt instead.
 */
final class AnthropicProtocol implements Protocol {
  static final String VERSION = "2023-06-01";
  static final int DEFAULT_MAX_TOKENS = 1024;

  @Override
  public String defaultBaseUrl() {
    return "https://api.anthropic.com";
  }

  @Override
  public String defaultKeyVariable() {
    return "ANTHROPIC_API_KEY";
  }

  @Override
  public Request request(VariantSpec variant, List<ChatMessage> messages, String apiKey) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", variant.model());
    Parameters p = variant.parameters();
    body.put("max_tokens", p.maxTokens() == null ? DEFAULT_MAX_TOKENS : p.maxTokens());
    List<String> system = new ArrayList<>();
    ArrayNode list = body.putArray("messages");
    for (ChatMessage message : messages) {
      if (message.role() == Role.SYSTEM) {
        system.add(message.content());
      } else {
        list.addObject().put("role", message.role().wireName()).put("content", message.content());
      }
    }
    if (!system.isEmpty()) {
      body.put("system", String.join("\n\n", system));
    }
    if (p.temperature() != null) {
      body.put("temperature", p.temperature());
    }
    if (p.topP() != null) {
      body.put("top_p", p.topP());
    }
    if (!p.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      p.stop().forEach(stop::add);
    }
    Request.Builder request = new Request.Builder()
        .url(Protocol.endpoint(variant.baseUrl() == null ? defaultBaseUrl() : variant.baseUrl(), "/v1/messages"))
        .header("anthropic-version", VERSION)
        .post(Protocol.body(body));
    if (!apiKey.isEmpty()) {
      request.header("x-api-key", apiKey);
    }
    variant.headers().forEach(request::header);
    return request.build();
  }

  @Override
  public WireResponse parse(JsonNode body) {
    JsonNode content = body.path("content");
    if (!content.isArray()) {
      throw new IllegalArgumentException("expected content to be a list of blocks");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
        text.append(block.path("text").textValue());
      }
    }
    JsonNode usage = body.path("usage");
    return new WireResponse(text.toString(), body.path("stop_reason").isTextual() ? body.path("stop_reason").textValue() : null,
        usage.path("input_tokens").isNumber() ? usage.path("input_tokens").longValue() : null,
        usage.path("output_tokens").isNumber() ? usage.path("output_tokens").longValue() : null);
  }
}
