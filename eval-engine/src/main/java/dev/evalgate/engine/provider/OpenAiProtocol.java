package dev.evalgate.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.VariantSpec;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;

/**
 * OpenAI-compatible Chat Completions: {@code POST {baseUrl}/chat/completions} with a bearer key.
 * Spoken by OpenAI, Azure-style gateways, vLLM, Ollama, llama.cpp server, LM Studio, OpenRouter,
 * Together and Groq.
 */
final class OpenAiProtocol implements Protocol {
  static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  @Override
  public String defaultBaseUrl() {
    return "https://api.openai.com/v1";
  }

  @Override
  public String defaultKeyVariable() {
    return "OPENAI_API_KEY";
  }

  @Override
  public Request request(VariantSpec variant, List<ChatMessage> messages, String apiKey) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", variant.model());
    ArrayNode list = body.putArray("messages");
    for (ChatMessage message : messages) {
      list.addObject().put("role", message.role().wireName()).put("content", message.content());
    }
    Parameters p = variant.parameters();
    if (p.temperature() != null) {
      body.put("temperature", p.temperature());
    }
    if (p.topP() != null) {
      body.put("top_p", p.topP());
    }
    if (p.maxTokens() != null) {
      body.put("max_tokens", p.maxTokens());
    }
    if (p.seed() != null) {
      body.put("seed", p.seed());
    }
    if (!p.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      p.stop().forEach(stop::add);
    }
    if ("json".equals(p.responseFormat())) {
      body.putObject("response_format").put("type", "json_object");
    } else if (p.responseFormat() != null && p.responseFormat().startsWith("schema:")) {
      ObjectNode format = body.putObject("response_format");
      format.put("type", "json_schema");
      ObjectNode schema = format.putObject("json_schema");
      schema.put("name", "answer");
      schema.set("schema", ResponseSchemas.load(p.responseFormat().substring("schema:".length())));
    }
    Request.Builder request = new Request.Builder()
        .url(Protocol.endpoint(variant.baseUrl() == null ? defaultBaseUrl() : variant.baseUrl(), "/chat/completions"))
        .post(Protocol.body(body));
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    variant.headers().forEach(request::header);
    return request.build();
  }

  @Override
  public WireResponse parse(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (choice.isMissingNode() || !content.isTextual()) {
      throw new IllegalArgumentException("expected choices[0].message.content to be text");
    }
    JsonNode usage = body.path("usage");
    return new WireResponse(content.textValue(), choice.path("finish_reason").isTextual() ? choice.path("finish_reason").textValue() : null,
        usage.path("prompt_tokens").isNumber() ? usage.path("prompt_tokens").longValue() : null,
        usage.path("completion_tokens").isNumber() ? usage.path("completion_tokens").longValue() : null);
  }
}
