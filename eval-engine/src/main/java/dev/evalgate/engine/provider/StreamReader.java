package dev.evalgate.engine.provider;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.VariantSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * Reads a streamed answer (server-sent events, parsed by OkHttp's {@code okhttp-sse}) on the
 * calling thread, handing each event to the protocol's {@link StreamAssembler}, and measures the
 * time to the first token (the first text or tool-call delta) from the moment the request was sent.
 * The stream is read in bounded memory: past {@code evalgate.response.max-size} bytes it is a
 * {@code too_large} error.
 */
final class StreamReader {
  private StreamReader() {}

  static boolean isEventStream(@Nullable MediaType type) {
    return type != null && type.type().equals("text") && type.subtype().equals("event-stream");
  }

  /**
   * The answer of a 2xx event stream.
   *
   * @param start {@link System#nanoTime()} when the request was sent
   */
  static Attempt read(
      Protocol protocol,
      VariantSpec variant,
      List<ChatMessage> messages,
      Response response,
      long start,
      String apiKey,
      long maxBodyBytes) {
    ResponseBody body = response.body();
    Bounded bounded = new Bounded(body.source(), maxBodyBytes);
    Response limited =
        response
            .newBuilder()
            .body(ResponseBody.create(Okio.buffer(bounded), body.contentType(), -1))
            .build();
    StreamAssembler assembler = protocol.stream();
    Listener listener = new Listener(assembler);
    EventSources.processResponse(limited, listener);
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    int status = response.code();
    String requestId =
        HttpCaller.firstHeader(response, "x-request-id", "request-id", "x-amzn-requestid");
    Throwable failure = listener.failure;
    if (bounded.exceeded) {
      return HttpCaller.tooLarge(maxBodyBytes, start, status);
    }
    if (failure instanceof IOException io) {
      return HttpCaller.failed(
          io, "connection failed while reading the stream", latency, status, apiKey);
    }
    WireResponse wire;
    try {
      if (failure != null) {
        throw failure instanceof IllegalArgumentException bad
            ? bad
            : new IllegalArgumentException(String.valueOf(failure.getMessage()));
      }
      wire = assembler.finish();
    } catch (IllegalArgumentException e) {
      return new Attempt(
          HttpCaller.failure(
              ErrorClass.BAD_RESPONSE,
              "malformed stream: " + e.getMessage(),
              "",
              apiKey,
              latency,
              status,
              requestId),
          true,
          null);
    }
    Duration ttfb =
        Duration.ofMillis(
            Math.max(0, response.receivedResponseAtMillis() - response.sentRequestAtMillis()));
    ModelResponse answer =
        HttpCaller.answer(variant, messages, wire, latency, ttfb, status, requestId);
    return new Attempt(
        answer.withTimeToFirstToken(
            listener.firstToken == 0 ? null : Duration.ofNanos(listener.firstToken - start)),
        false,
        null);
  }

  /**
   * The answer of a whole event-stream body (a recording endpoint's forwarded or recorded stream),
   * parsed by okhttp-sse as a live stream is.
   *
   * @throws IllegalArgumentException saying what is wrong with the stream
   */
  static WireResponse assemble(Protocol protocol, byte[] body) {
    Response response =
        new Response.Builder()
            .request(new okhttp3.Request.Builder().url("http://127.0.0.1/").build())
            .protocol(okhttp3.Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(body, MediaType.get("text/event-stream")))
            .build();
    StreamAssembler assembler = protocol.stream();
    Listener listener = new Listener(assembler);
    EventSources.processResponse(response, listener);
    if (listener.failure != null) {
      throw listener.failure instanceof IllegalArgumentException bad
          ? bad
          : new IllegalArgumentException(String.valueOf(listener.failure.getMessage()));
    }
    return assembler.finish();
  }

  /**
   * Hands events to the assembler and notes when the first token came, and what ended the stream
   * early.
   */
  private static final class Listener extends EventSourceListener {
    private final StreamAssembler assembler;
    long firstToken;
    @Nullable Throwable failure;

    Listener(StreamAssembler assembler) {
      this.assembler = assembler;
    }

    @Override
    public void onEvent(
        EventSource source, @Nullable String id, @Nullable String type, String data) {
      long now = System.nanoTime();
      if (assembler.event(type, data) && firstToken == 0) {
        firstToken = now;
      }
    }

    @Override
    public void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response response) {
      failure = t != null ? t : new IOException("the stream failed");
    }
  }

  /** A source that stops with an error once more than {@code max} bytes have come through it. */
  private static final class Bounded extends ForwardingSource {
    private final long max;
    private long read;
    boolean exceeded;

    Bounded(Source delegate, long max) {
      super(delegate);
      this.max = max;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = super.read(sink, byteCount);
      if (n > 0) {
        read += n;
        if (read > max) {
          exceeded = true;
          throw new IOException("the stream is larger than the limit");
        }
      }
      return n;
    }
  }
}
