package dev.evalgate.api;

/**
 * Where an {@link AppFunction} sends its model calls for one case: the variant's recording endpoint
 * on loopback, with a path that ties every call to the case. Both URLs serve both APIs (Chat
 * Completions at {@code .../chat/completions}, Messages at {@code .../messages}).
 *
 * @param openAiBaseUrl the base URL for OpenAI-compatible clients, ending in {@code /v1}
 *     (LangChain4j's {@code OpenAiChatModel} and {@code AnthropicChatModel}, Spring AI, the OpenAI
 *     SDK)
 * @param anthropicBaseUrl the base URL without {@code /v1}, for clients that add it (the Anthropic
 *     SDK)
 * @param apiKey a placeholder key for clients that insist on one; the endpoint ignores it and
 *     forwards with the real key from the environment
 */
public record AppEndpoint(String openAiBaseUrl, String anthropicBaseUrl, String apiKey) {}
