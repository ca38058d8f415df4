package dev.evalgate.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.VariantSpec;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/** How one provider's API is spoken: the request it expects and the body it answers with. */
interface Protocol {
  ObjectMapper JSON = new ObjectMapper();

  /** The default base URL when the variant names none. */
  String defaultBaseUrl();

  /** The environment variable holding the key when the variant names none. */
  String defaultKeyVariable();

  /** The HTTP request for one call; {@code apiKey} goes into a header and nowhere else. */
  Request request(VariantSpec variant, List<ChatMessage> messages, String apiKey);

  /**
   * Reads a 2xx body.
   *
   * @throws IllegalArgumentException saying what was missing, for a body that is not the expected
   *     shape
   */
  WireResponse parse(JsonNode body);

  /** A new assembler of one streamed answer (server-sent events) in this API's shape. */
  StreamAssembler stream();

  static Protocol of(String provider) {
    return switch (provider) {
      case VariantSpec.OPENAI -> new OpenAiProtocol();
      case VariantSpec.ANTHROPIC -> new AnthropicProtocol();
      default ->
          throw new IllegalArgumentException(
              "unknown provider '" + provider + "'; expected openai or anthropic");
    };
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The parsed endpoint URL, parsed once per base URL and path rather than once per call. */
  static HttpUrl endpoint(String baseUrl, String path) {
    return Endpoints.CACHE.computeIfAbsent(
        baseUrl + '\n' + path, k -> HttpUrl.get(trimSlash(baseUrl) + path));
  }

  /**
   * A JSON request body encoded straight to UTF-8 bytes (no intermediate string, no per-call
   * media-type parsing).
   */
  static RequestBody body(JsonNode json) {
    try {
      return RequestBody.create(JSON.writeValueAsBytes(json), OpenAiProtocol.JSON_TYPE);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a request body", e);
    }
  }

  /** Parsed endpoints; bounded by the number of distinct variant base URLs. */
  final class Endpoints {
    static final java.util.Map<String, HttpUrl> CACHE =
        new java.util.concurrent.ConcurrentHashMap<>();

    private Endpoints() {}
  }
}
