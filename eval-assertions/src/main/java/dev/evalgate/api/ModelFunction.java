package dev.evalgate.api;

import java.util.List;

/**
 * An in-process variant: code that answers a prompt without HTTP, such as a rules engine, a local
 * model or the application's own pipeline.
 *
 * <pre>{@code
 * ModelFunction echo = prompt -> ModelResponse.ofText(prompt.get(prompt.size() - 1).content());
 * }</pre>
 */
@FunctionalInterface
public interface ModelFunction {
  /**
   * Answers the rendered prompt. A thrown exception becomes an errored case of class {@link
   * ErrorClass#EXCEPTION}; it never aborts the run.
   */
  ModelResponse answer(List<ChatMessage> prompt) throws Exception;
}
