package dev.evalgate.api;

import java.util.List;

/**
 * The user's own application as a variant: code that answers a case through its own model calls (a
 * LangChain4j {@code AiService}, a Spring AI {@code ChatClient}, any HTTP client) made to the
 * recording endpoint EvalGate starts for the variant on loopback. Every request it makes is
 * answered from the recordings, or forwarded to the real provider and recorded, as the recording
 * mode says; the case's answer is the returned text, with the trace of calls ({@link
 * ModelResponse#steps()}).
 *
 * <pre>{@code
 * AppFunction assistant = (prompt, endpoint) -> {
 *   ChatModel model = OpenAiChatModel.builder().baseUrl(endpoint.openAiBaseUrl()).apiKey(endpoint.apiKey())
 *       .modelName("gpt-4.1-mini").build();
 *   return Assistant.create(model).chat(prompt.get(prompt.size() - 1).content());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface AppFunction {
  /**
   * Answers the rendered prompt, making its model calls through {@code endpoint}. A thrown
   * exception becomes an errored case (of the failed call's class when a call failed, else {@code
   * exception}); it never aborts the run.
   */
  String answer(List<ChatMessage> prompt, AppEndpoint endpoint) throws Exception;

  /**
   * An app function where a {@link VariantSpec} keeps its function: the engine answers it through
   * the recording endpoint, never by calling {@link #answer(List)}.
   */
  record Bound(AppFunction app) implements ModelFunction {
    @Override
    public ModelResponse answer(List<ChatMessage> prompt) {
      throw new IllegalStateException("an app variant is answered through its recording endpoint");
    }
  }
}
