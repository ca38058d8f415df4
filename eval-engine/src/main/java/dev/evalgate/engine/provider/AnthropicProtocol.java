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
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic Messages: {@code POST {baseUrl}/v1/messages} with {@code x-api-key} and {@code
 * anthropic-version}. System messages go into {@code system}; {@code max_tokens} is required by the
 * API and defaults to 1024. The API has no JSON mode: {@code response-format} is ignored, and JSON
 * is asked for in the prompt instead. Tools go as {@code tools[]} with {@code input_schema} and
 * {@code tool_choice} ({@code required} is the API's {@code any}); the model's calls come back as
 * {@code tool_use} blocks; earlier calls are sent as an assistant message's {@code tool_use} blocks
 * and their results as {@code tool_result} blocks of the next user message (consecutive results,
 * and a user turn right after them, share one message, as the API requires).
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
    ArrayNode results = null;
    for (ChatMessage message : messages) {
      if (message.role() == Role.SYSTEM) {
        system.add(message.content());
      } else if (message.role() == Role.TOOL) {
        if (results == null) {
          results = list.addObject().put("role", "user").putArray("content");
        }
        results
            .addObject()
            .put("type", "tool_result")
            .put("tool_use_id", message.toolCallId())
            .put("content", message.content());
      } else if (message.role() == Role.USER && results != null) {
        results.addObject().put("type", "text").put("text", message.content());
        results = null;
      } else if (message.role() == Role.ASSISTANT && !message.toolCalls().isEmpty()) {
        results = null;
        ArrayNode blocks = list.addObject().put("role", "assistant").putArray("content");
        if (!message.content().isEmpty()) {
          blocks.addObject().put("type", "text").put("text", message.content());
        }
        for (ToolCall call : message.toolCalls()) {
          ObjectNode use = blocks.addObject().put("type", "tool_use");
          if (call.id() != null) {
            use.put("id", call.id());
          }
          use.put("name", call.name()).set("input", ToolsJson.arguments(call));
        }
      } else {
        results = null;
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
    tools(body, variant.prompt());
    if (p.stream()) {
      body.put("stream", true);
    }
    Request.Builder request =
        new Request.Builder()
            .url(
                Protocol.endpoint(
                    variant.baseUrl() == null ? defaultBaseUrl() : variant.baseUrl(),
                    "/v1/messages"))
            .header("anthropic-version", VERSION)
            .post(Protocol.body(body));
    if (!apiKey.isEmpty()) {
      request.header("x-api-key", apiKey);
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
      ObjectNode t = tools.addObject().put("name", tool.name());
      if (tool.description() != null) {
        t.put("description", tool.description());
      }
      t.set("input_schema", ToolsJson.schema(tool));
    }
    ToolChoice choice = prompt.toolChoice();
    if (choice != null) {
      ObjectNode c = body.putObject("tool_choice");
      switch (choice.mode()) {
        case AUTO -> c.put("type", "auto");
        case NONE -> c.put("type", "none");
        case REQUIRED -> c.put("type", "any");
        case TOOL -> c.put("type", "tool").put("name", choice.tool());
      }
    }
  }

  @Override
  public WireResponse parse(JsonNode body) {
    JsonNode content = body.path("content");
    if (!content.isArray()) {
      throw new IllegalArgumentException("expected content to be a list of blocks");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      String type = block.path("type").asText();
      if ("text".equals(type) && block.path("text").isTextual()) {
        text.append(block.path("text").textValue());
      } else if ("tool_use".equals(type)) {
        if (!block.path("name").isTextual()) {
          throw new IllegalArgumentException("expected a tool_use block's name to be text");
        }
        JsonNode input = block.path("input");
        calls.add(
            ToolCall.of(
                text(block.path("id")),
                block.path("name").textValue(),
                input.isMissingNode() ? "{}" : input.toString()));
      }
    }
    JsonNode usage = body.path("usage");
    return new WireResponse(
        text.toString(),
        text(body.path("stop_reason")),
        usage.path("input_tokens").isNumber() ? usage.path("input_tokens").longValue() : null,
        usage.path("output_tokens").isNumber() ? usage.path("output_tokens").longValue() : null,
        calls);
  }

  private static @Nullable String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : null;
  }

  @Override
  public StreamAssembler stream() {
    return new Stream();
  }

  /**
   * Messages events: {@code message_start} (input tokens), {@code content_block_start} (a text or
   * {@code tool_use} block, with the tool's id and name), {@code content_block_delta} ({@code
   * text_delta}, or {@code input_json_delta} pieces of a tool's input), {@code message_delta} (stop
   * reason, output tokens) and {@code message_stop}; {@code ping} is ignored and {@code error} ends
   * the answer.
   */
  static final class Stream implements StreamAssembler {
    private final StringBuilder text = new StringBuilder();
    private final StreamedToolCalls uses = new StreamedToolCalls();
    private @Nullable String stopReason;
    private @Nullable Long inputTokens;
    private @Nullable Long outputTokens;
    private boolean started;
    private boolean stopped;
    private int events;

    @Override
    public boolean event(@Nullable String type, String data) {
      JsonNode event;
      try {
        event = JSON.readTree(data);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("a stream event is not JSON");
      }
      if (event == null || !event.isObject()) {
        throw new IllegalArgumentException("a stream event is not a JSON object");
      }
      String kind = type != null ? type : event.path("type").asText();
      events++;
      boolean token = false;
      switch (kind) {
        case "message_start" -> {
          JsonNode usage = event.path("message").path("usage");
          if (usage.path("input_tokens").isNumber()) {
            inputTokens = usage.path("input_tokens").longValue();
          }
          if (usage.path("output_tokens").isNumber()) {
            outputTokens = usage.path("output_tokens").longValue();
          }
        }
        case "content_block_start" -> {
          JsonNode block = event.path("content_block");
          int index = event.path("index").asInt(uses.size());
          if ("tool_use".equals(block.path("type").asText())) {
            if (!block.path("name").isTextual()) {
              throw new IllegalArgumentException("expected a tool_use block's name to be text");
            }
            JsonNode input = block.path("input");
            uses.begin(
                index,
                text(block.path("id")),
                block.path("name").textValue(),
                input.isObject() && !input.isEmpty() ? input.toString() : null);
            token = true;
          } else if (block.path("text").isTextual() && !block.path("text").textValue().isEmpty()) {
            text.append(block.path("text").textValue());
            token = true;
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = event.path("delta");
          String deltaType = delta.path("type").asText();
          if ("text_delta".equals(deltaType) && delta.path("text").isTextual()) {
            text.append(delta.path("text").textValue());
            token = !delta.path("text").textValue().isEmpty();
          } else if ("input_json_delta".equals(deltaType)
              && delta.path("partial_json").isTextual()) {
            int index = event.path("index").asInt();
            if (uses.has(
                index)) { // input of a block that is no tool_use says nothing the answer needs
              uses.appendArguments(index, delta.path("partial_json").textValue());
            }
            token = true;
          }
        }
        case "message_delta" -> {
          if (event.path("delta").path("stop_reason").isTextual()) {
            stopReason = event.path("delta").path("stop_reason").textValue();
          }
          if (event.path("usage").path("output_tokens").isNumber()) {
            outputTokens = event.path("usage").path("output_tokens").longValue();
          }
        }
        case "message_stop" -> stopped = true;
        case "error" ->
            throw new IllegalArgumentException(
                "the stream reported an error: "
                    + event.path("error").path("message").asText(event.path("error").toString()));
        default -> {
          // ping, content_block_stop and events added to the API later say nothing the answer needs
        }
      }
      boolean first = token && !started;
      started |= token;
      return first;
    }

    @Override
    public WireResponse finish() {
      if (!stopped) {
        throw new IllegalArgumentException(
            events == 0
                ? "the stream ended before its first event"
                : "the stream ended before message_stop");
      }
      return new WireResponse(
          text.toString(), stopReason, inputTokens, outputTokens, uses.finish("{}"));
    }
  }
}
