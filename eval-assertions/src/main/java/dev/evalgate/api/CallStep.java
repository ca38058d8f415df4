package dev.evalgate.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One model call of an application pipeline (an {@link AppFunction} variant): what the application
 * asked for through the recording endpoint and what came back. A case's answer holds the steps in
 * the order they were made ({@link ModelResponse#steps()}).
 *
 * @param provider the API the application spoke: {@code openai} (Chat Completions) or {@code
 *     anthropic} (Messages)
 * @param model the model the request named
 * @param usage tokens the call consumed
 * @param latency the call's latency (a replayed call: the recorded one)
 * @param timeToFirstToken for a streamed call, the time until the first text or tool-call delta
 * @param toolCalls the tool calls in the answer
 * @param finishReason the provider's finish or stop reason
 * @param stream whether the application asked for a stream
 * @param recorded whether the answer was replayed from a recording
 * @param httpStatus the status the endpoint answered with
 * @param error why the call failed, {@code null} when it did not
 * @param errorMessage what went wrong, {@code null} when nothing did
 * @param tools the tools the request offered (for the checks; not written to the results)
 */
public record CallStep(
    String provider,
    @Nullable String model,
    TokenUsage usage,
    Duration latency,
    @Nullable Duration timeToFirstToken,
    List<ToolCall> toolCalls,
    @Nullable String finishReason,
    boolean stream,
    boolean recorded,
    int httpStatus,
    @Nullable ErrorClass error,
    @Nullable String errorMessage,
    List<ToolSpec> tools) {

  public CallStep {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
    toolCalls = List.copyOf(toolCalls);
    tools = List.copyOf(tools);
  }

  public boolean isError() {
    return error != null;
  }
}
