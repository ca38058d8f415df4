package dev.evalgate.engine.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.Role;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolChoice;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.api.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI-compatible Chat Completions: {@code POST {baseUrl}/chat/completions} with a bearer key.
 * Spoken by OpenAI, Azure-style gateways, vLLM, Ollama, llama.cpp server, LM Studio, OpenRouter,
 * Together and Groq. Tools go as {@code tools[].function} with {@code tool_choice}; the model's
 * calls come back as {@code message.tool_calls} (arguments as JSON text); earlier calls are sent as
 * an assistant message's {@code tool_calls} and their results as {@code role: tool} messages. A
 * stream ({@code stream: true}) asks for usage in its last chunk ({@code
 * stream_options.include_usage}).
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
      ObjectNode m = list.addObject().put("role", message.role().wireName());
      if (message.role() == Role.ASSISTANT && !message.toolCalls().isEmpty()) {
        if (message.content().isEmpty()) {
          m.putNull("content");
        } else {
          m.put("content", message.content());
        }
        ArrayNode calls = m.putArray("tool_calls");
        for (ToolCall call : message.toolCalls()) {
          ObjectNode c = calls.addObject();
          if (call.id() != null) {
            c.put("id", call.id());
          }
          c.put("type", "function");
          c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        }
      } else {
        if (message.role() == Role.TOOL) {
          m.put("tool_call_id", message.toolCallId());
        }
        m.put("content", message.content());
      }
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
    tools(body, variant.prompt());
    if (p.stream()) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    Request.Builder request =
        new Request.Builder()
            .url(
                Protocol.endpoint(
                    variant.baseUrl() == null ? defaultBaseUrl() : variant.baseUrl(),
                    "/chat/completions"))
            .post(Protocol.body(body));
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    variant.headers().forEach(request::header);
    return request.build();
  }

  private static void tools(ObjectNode body, PromptTemplate prompt) {
    if (prompt.tools().isEmpty()) {
      return;
    }
    ArrayNode tools = body.putArray("tools");
    for (ToolSpec tool : prompt.tools()) {
      ObjectNode function =
          tools.addObject().put("type", "function").putObject("function").put("name", tool.name());
      if (tool.description() != null) {
        function.put("description", tool.description());
      }
      function.set("parameters", ToolsJson.schema(tool));
    }
    ToolChoice choice = prompt.toolChoice();
    if (choice != null) {
      switch (choice.mode()) {
        case AUTO -> body.put("tool_choice", "auto");
        case NONE -> body.put("tool_choice", "none");
        case REQUIRED -> body.put("tool_choice", "required");
        case TOOL ->
            body.putObject("tool_choice")
                .put("type", "function")
                .putObject("function")
                .put("name", choice.tool());
      }
    }
  }

  @Override
  public WireResponse parse(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    JsonNode message = choice.path("message");
    JsonNode content = message.path("content");
    List<ToolCall> calls = toolCalls(message.path("tool_calls"));
    if (choice.isMissingNode()
        || !(content.isTextual()
            || !calls.isEmpty() && (content.isNull() || content.isMissingNode()))) {
      throw new IllegalArgumentException("expected choices[0].message.content to be text");
    }
    JsonNode usage = body.path("usage");
    return new WireResponse(
        content.isTextual() ? content.textValue() : "",
        text(choice.path("finish_reason")),
        usage.path("prompt_tokens").isNumber() ? usage.path("prompt_tokens").longValue() : null,
        usage.path("completion_tokens").isNumber()
            ? usage.path("completion_tokens").longValue()
            : null,
        calls);
  }

  /**
   * {@code message.tool_calls}: each {@code {id, type: function, function: {name, arguments}}},
   * arguments as given.
   */
  private static List<ToolCall> toolCalls(JsonNode calls) {
    if (calls.isMissingNode() || calls.isNull()) {
      return List.of();
    }
    if (!calls.isArray()) {
      throw new IllegalArgumentException("expected choices[0].message.tool_calls to be a list");
    }
    List<ToolCall> result = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      JsonNode function = calls.get(i).path("function");
      if (!function.path("name").isTextual()) {
        throw new IllegalArgumentException(
            "expected choices[0].message.tool_calls[" + i + "].function.name to be text");
      }
      result.add(
          ToolCall.of(
              text(calls.get(i).path("id")),
              function.path("name").textValue(),
              arguments(function.path("arguments"))));
    }
    return result;
  }

  /** Arguments are JSON text on the wire; a server that sends an object gets it written as text. */
  private static String arguments(JsonNode arguments) {
    if (arguments.isTextual()) {
      return arguments.textValue();
    }
    return arguments.isMissingNode() || arguments.isNull() ? "" : arguments.toString();
  }

  private static @Nullable String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : null;
  }

  @Override
  public StreamAssembler stream() {
    return new Stream();
  }

  /**
   * Chat Completions chunks ({@code data:} lines, no event names) up to {@code [DONE]}: text in
   * {@code choices[0].delta.content}, tool calls in {@code delta.tool_calls} by {@code index} (id
   * and name in the first piece, the arguments' text in pieces), usage in a last chunk without
   * choices.
   */
  static final class Stream implements StreamAssembler {
    private final StringBuilder text = new StringBuilder();
    private final StreamedToolCalls calls = new StreamedToolCalls();
    private @Nullable String finishReason;
    private @Nullable Long promptTokens;
    private @Nullable Long completionTokens;
    private boolean started;
    private boolean done;
    private int chunks;

    @Override
    public boolean event(@Nullable String type, String data) {
      if (data.strip().equals("[DONE]")) {
        done = true;
        return false;
      }
      JsonNode chunk;
      try {
        chunk = JSON.readTree(data);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("a stream chunk is not JSON");
      }
      if (chunk == null || !chunk.isObject()) {
        throw new IllegalArgumentException("a stream chunk is not a JSON object");
      }
      if (chunk.has("error")) {
        throw new IllegalArgumentException(
            "the stream reported an error: "
                + chunk.get("error").path("message").asText(chunk.get("error").toString()));
      }
      chunks++;
      JsonNode usage = chunk.path("usage");
      if (usage.path("prompt_tokens").isNumber()) {
        promptTokens = usage.path("prompt_tokens").longValue();
      }
      if (usage.path("completion_tokens").isNumber()) {
        completionTokens = usage.path("completion_tokens").longValue();
      }
      JsonNode choice = chunk.path("choices").path(0);
      if (choice.path("finish_reason").isTextual()) {
        finishReason = choice.path("finish_reason").textValue();
      }
      JsonNode delta = choice.path("delta");
      boolean token = false;
      if (delta.path("content").isTextual() && !delta.path("content").textValue().isEmpty()) {
        text.append(delta.path("content").textValue());
        token = true;
      }
      for (JsonNode piece : delta.path("tool_calls")) {
        int index = piece.path("index").asInt(calls.size());
        calls.open(index);
        if (piece.path("id").isTextual()) {
          calls.id(index, piece.path("id").textValue());
        }
        JsonNode function = piece.path("function");
        if (function.path("name").isTextual()) {
          calls.appendName(index, function.path("name").textValue());
        }
        if (function.path("arguments").isTextual()) {
          calls.appendArguments(index, function.path("arguments").textValue());
        }
        token = true;
      }
      boolean first = token && !started;
      started |= token;
      return first;
    }

    @Override
    public WireResponse finish() {
      if (!done && finishReason == null) {
        throw new IllegalArgumentException(
            chunks == 0
                ? "the stream ended before its first chunk"
                : "the stream ended before its end (no [DONE] and no finish_reason)");
      }
      return new WireResponse(
          text.toString(), finishReason, promptTokens, completionTokens, calls.finish(""));
    }
  }
}
