package dev.evalgate.engine.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.VariantSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical hash of a request: provider kind, model, messages, sampling parameters and, when
 * repeating, the repeat index. Never the key, the base URL or headers, so pointing a variant at
 * another gateway still replays its recordings.
 */
public final class RequestKey {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestKey() {}

  public static String of(VariantSpec variant, List<ChatMessage> messages, int repeat) {
    ObjectNode canonical = JSON.createObjectNode();
    canonical.put("provider", variant.provider());
    canonical.put("model", variant.model());
    ArrayNode list = canonical.putArray("messages");
    for (ChatMessage message : messages) {
      list.addObject().put("role", message.role().wireName()).put("content", message.content());
    }
    Parameters p = variant.parameters();
    ObjectNode params = canonical.putObject("parameters");
    if (p.temperature() != null) {
      params.put("temperature", p.temperature());
    }
    if (p.topP() != null) {
      params.put("top_p", p.topP());
    }
    if (p.maxTokens() != null) {
      params.put("max_tokens", p.maxTokens());
    }
    if (p.seed() != null) {
      params.put("seed", p.seed());
    }
    if (!p.stop().isEmpty()) {
      ArrayNode stop = params.putArray("stop");
      p.stop().forEach(stop::add);
    }
    if (p.responseFormat() != null) {
      params.put("response_format", p.responseFormat());
    }
    if (repeat > 0) {
      canonical.put("repeat", repeat);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
