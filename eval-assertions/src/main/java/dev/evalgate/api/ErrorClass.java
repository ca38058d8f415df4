package dev.evalgate.api;

/**
 * Why a call produced no usable response. Errored cases are counted and reported apart from failed
 * checks.
 */
public enum ErrorClass {
  /** HTTP 429 after the retry budget was spent. */
  RATE_LIMITED("rate_limited"),
  /** HTTP 5xx after the retry budget was spent. */
  SERVER_ERROR("server_error"),
  /** No complete response within the call's timeout. */
  TIMEOUT("timeout"),
  /** Connection refused, reset or closed early. */
  CONNECTION("connection"),
  /** A 2xx response whose body could not be understood. */
  BAD_RESPONSE("bad_response"),
  /**
   * A body larger than {@code evalgate.response.max-size}, or beyond one of the JSON parser's
   * limits (string length, nesting depth): not read whole, not retried.
   */
  TOO_LARGE("too_large"),
  /** HTTP 401 or 403, or a missing API key. */
  AUTH("auth"),
  /** Any other HTTP 4xx: the request itself was wrong. */
  CLIENT("client"),
  /** Replay mode found no recording for the request. */
  NOT_RECORDED("not_recorded"),
  /** An in-process variant threw. */
  EXCEPTION("exception");

  private final String id;

  ErrorClass(String id) {
    this.id = id;
  }

  /** The snake_case identifier used in reports. */
  public String id() {
    return id;
  }

  public static ErrorClass fromId(String id) {
    for (ErrorClass value : values()) {
      if (value.id.equals(id)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown error class '" + id + "'");
  }
}
