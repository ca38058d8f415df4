package dev.evalgate.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.VariantSpec;
import java.util.List;
import okhttp3.Request;

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
   * @throws IllegalArgumentException saying what was missing, for a body that is not the expected shape
   */
  WireResponse parse(JsonNode body);

  static Protocol of(String provider) {
    return switch (provider) {
      case VariantSpec.OPENAI -> new OpenAiProtocol();
      case VariantSpec.ANTHROPIC -> new AnthropicProtocol();
      default -> throw new IllegalArgumentException("unknown provider '" + provider + "'; expected openai or anthropic");
    };
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
