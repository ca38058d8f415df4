package dev.evalgate.engine.provider;

import org.jspecify.annotations.Nullable;

/**
 * Puts a streamed answer (server-sent events) back together: the text deltas, the tool calls whose
 * arguments arrive in pieces, the finish reason and the usage. One per call.
 */
interface StreamAssembler {
  /**
   * Takes one event.
   *
   * @param type the event's {@code event:} field, {@code null} when it had none (OpenAI sends none)
   * @param data the event's {@code data:}
   * @return whether the event carried the answer's first token (text or a tool call)
   * @throws IllegalArgumentException when the event is not what the API sends, or reports an error
   */
  boolean event(@Nullable String type, String data);

  /**
   * The answer, once the stream has ended.
   *
   * @throws IllegalArgumentException saying what was missing when the stream ended before its end
   */
  WireResponse finish();
}
