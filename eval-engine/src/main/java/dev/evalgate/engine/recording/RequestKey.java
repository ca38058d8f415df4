package dev.evalgate.engine.recording;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.api.VariantSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The canonical hash of a request: provider kind, model, messages, sampling parameters, the tools
 * offered and, when repeating, the repeat index. Never the key, the base URL or headers, so
 * pointing a variant at another gateway still replays its recordings; nor whether the answer is
 * streamed, which does not change it.
 *
 * <p>The hash is the first 16 bytes of SHA-256 over this compact JSON, in this field order (absent
 * parameters are left out; {@code repeat} only when above 0); it is part of the recording format
 * and must not change:
 *
 * <pre>{@code
 * {"provider":"openai","model":"gpt-4.1-mini","messages":[{"role":"system","content":"..."},...],
 *  "parameters":{"temperature":0.0,"top_p":1.0,"max_tokens":300,"seed":7,"stop":["\n\n"],
 *  "response_format":"json_object"},"repeat":1}
 * }</pre>
 *
 * A {@code response-format: schema:LOCATION} adds the schema it sends, as compact JSON text, after
 * {@code response_format}: {@code "response_schema":"{\"type\":\"object\",...}"}.
 *
 * <p>A conversation's tool calls and tool results, and the tools offered, are written only where
 * they are, so the keys of requests without them are those of the first format: an assistant
 * message's {@code "tool_calls":[{"id":...,"name":...,"arguments":"..."}]} after its content, a
 * tool message's {@code "tool_call_id"}, and after the parameters {@code
 * "tools":[{"name":...,"description":...,"parameters":"<schema text>"}],"tool_choice":"auto"} (the
 * schema as written, the choice as a suite file writes it).
 *
 * <p>The JSON is streamed into the digest, never built as a tree or a string.
 */
public final class RequestKey {
  /**
   * Writes UTF-8 straight into the digest; surrogate pairs as the characters they stand for, as the
   * tree printer did.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private static final HexFormat HEX = HexFormat.of();

  /** Cloned for every key and never used itself, so concurrent clones see it unchanged. */
  private static final MessageDigest PROTOTYPE = newSha256();

  private RequestKey() {}

  /**
   * The key of a request the user's application sent to the recording endpoint: the API it spoke
   * ({@code openai} or {@code anthropic}), its body with every object's fields in name order (so a
   * client that orders them differently still replays) and, when repeating, the repeat index. The
   * body is taken whole: the model, messages, tools (in name order), sampling parameters and {@code
   * stream} (a streamed answer is recorded, and replayed, as the stream it was).
   */
  public static String ofBody(
      String api, com.fasterxml.jackson.databind.JsonNode body, int repeat) {
    MessageDigest digest = sha256();
    try (JsonGenerator json = JSON.createGenerator(new DigestSink(digest), JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("api", api);
      json.writeFieldName("body");
      sorted(json, body, true);
      if (repeat > 0) {
        json.writeNumberField("repeat", repeat);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HEX.formatHex(digest.digest(), 0, 16);
  }

  /**
   * Writes {@code node} with every object's fields in name order; the body's own {@code tools}
   * ({@code top}) in tool-name order too: frameworks list a class's tools in reflection order
   * ({@code getDeclaredMethods}, LangChain4j's {@code @Tool} methods), which the JVM does not keep
   * from one run to the next, and a replay must not miss because the same tools came in another
   * order.
   */
  private static void sorted(
      JsonGenerator json, com.fasterxml.jackson.databind.JsonNode node, boolean top)
      throws IOException {
    if (node.isObject()) {
      json.writeStartObject();
      List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      for (String name : names) {
        json.writeFieldName(name);
        com.fasterxml.jackson.databind.JsonNode value = node.get(name);
        if (top && name.equals("tools") && value.isArray()) {
          List<com.fasterxml.jackson.databind.JsonNode> tools = new java.util.ArrayList<>();
          value.forEach(tools::add);
          tools.sort(java.util.Comparator.comparing(RequestKey::toolName));
          json.writeStartArray();
          for (com.fasterxml.jackson.databind.JsonNode tool : tools) {
            sorted(json, tool, false);
          }
          json.writeEndArray();
        } else {
          sorted(json, value, false);
        }
      }
      json.writeEndObject();
    } else if (node.isArray()) {
      json.writeStartArray();
      for (com.fasterxml.jackson.databind.JsonNode item : node) {
        sorted(json, item, false);
      }
      json.writeEndArray();
    } else if (node.isTextual()) {
      json.writeString(node.textValue());
    } else if (node.isNumber()) {
      // 0.7 and 0.70 are one number
      json.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
    } else if (node.isBoolean()) {
      json.writeBoolean(node.booleanValue());
    } else {
      json.writeNull();
    }
  }

  /** A tool's name in either API's shape (OpenAI {@code function.name}, Anthropic {@code name}). */
  private static String toolName(com.fasterxml.jackson.databind.JsonNode tool) {
    com.fasterxml.jackson.databind.JsonNode function = tool.path("function");
    return function.isObject() ? function.path("name").asText("") : tool.path("name").asText("");
  }

  public static String of(VariantSpec variant, List<ChatMessage> messages, int repeat) {
    return of(variant, messages, repeat, null);
  }

  /**
   * The key of a request whose {@code response-format: schema:LOCATION} sends {@code
   * responseSchema} (the schema as compact JSON text): it follows {@code response_format} as {@code
   * "response_schema":"<schema text>"}, so that an edited schema records anew instead of replaying
   * the answers made to the old one. Without a schema the key is that of {@link #of(VariantSpec,
   * List, int)}.
   */
  public static String of(
      VariantSpec variant,
      List<ChatMessage> messages,
      int repeat,
      @Nullable String responseSchema) {
    MessageDigest digest = sha256();
    try (JsonGenerator json = JSON.createGenerator(new DigestSink(digest), JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("provider", variant.provider());
      json.writeStringField("model", variant.model());
      json.writeArrayFieldStart("messages");
      for (ChatMessage message : messages) {
        json.writeStartObject();
        json.writeStringField("role", message.role().wireName());
        json.writeStringField("content", message.content());
        if (!message.toolCalls().isEmpty()) {
          json.writeArrayFieldStart("tool_calls");
          for (ToolCall call : message.toolCalls()) {
            json.writeStartObject();
            json.writeStringField("id", call.id());
            json.writeStringField("name", call.name());
            json.writeStringField("arguments", call.arguments());
            json.writeEndObject();
          }
          json.writeEndArray();
        }
        if (message.toolCallId() != null) {
          json.writeStringField("tool_call_id", message.toolCallId());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      Parameters p = variant.parameters();
      json.writeObjectFieldStart("parameters");
      if (p.temperature() != null) {
        json.writeNumberField("temperature", p.temperature());
      }
      if (p.topP() != null) {
        json.writeNumberField("top_p", p.topP());
      }
      if (p.maxTokens() != null) {
        json.writeNumberField("max_tokens", p.maxTokens());
      }
      if (p.seed() != null) {
        json.writeNumberField("seed", p.seed());
      }
      if (!p.stop().isEmpty()) {
        json.writeArrayFieldStart("stop");
        for (String stop : p.stop()) {
          json.writeString(stop);
        }
        json.writeEndArray();
      }
      if (p.responseFormat() != null) {
        json.writeStringField("response_format", p.responseFormat());
      }
      if (responseSchema != null) {
        json.writeStringField("response_schema", responseSchema);
      }
      json.writeEndObject();
      PromptTemplate prompt = variant.prompt();
      if (!prompt.tools().isEmpty()) {
        json.writeArrayFieldStart("tools");
        for (ToolSpec tool : prompt.tools()) {
          json.writeStartObject();
          json.writeStringField("name", tool.name());
          if (tool.description() != null) {
            json.writeStringField("description", tool.description());
          }
          json.writeStringField("parameters", tool.parameters());
          json.writeEndObject();
        }
        json.writeEndArray();
        if (prompt.toolChoice() != null) {
          json.writeStringField("tool_choice", prompt.toolChoice().toString());
        }
      }
      if (repeat > 0) {
        json.writeNumberField("repeat", repeat);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HEX.formatHex(digest.digest(), 0, 16);
  }

  /**
   * A fresh SHA-256 digest, a clone of {@link #PROTOTYPE}: cloning (the SUN provider's digests are
   * cloneable) is cheaper than looking the algorithm up among the providers for every key; a
   * provider whose digest cannot be cloned gets looked up.
   */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Feeds what the generator writes to the digest. */
  private static final class DigestSink extends OutputStream {
    private final MessageDigest digest;

    DigestSink(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }
  }
}
