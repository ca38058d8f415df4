package dev.evalgate.engine.provider;

import java.util.Locale;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** Checks a variant's base URL before any call is made, and shows one without its credentials. */
public final class BaseUrls {
  private BaseUrls() {}

  /**
   * Why {@code url} cannot be called, or null when it can: a malformed URL used to fail every call
   * of the run, each after its retries.
   */
  public static @Nullable String problem(String url) {
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      return "base-url '"
          + shown(url)
          + "' is not an http:// or https:// URL; expected e.g. https://api.openai.com/v1"
          + " or http://127.0.0.1:8080/v1";
    }
    return null;
  }

  /** Whether calls to {@code url} stay on this machine (a local server needs no key). */
  public static boolean isLocal(String url) {
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      return false;
    }
    String host = parsed.host().toLowerCase(Locale.ROOT);
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1");
  }

  /**
   * The URL with any user and password left out, for messages: whatever stands between the last '/'
   * before an '@' and that '@', malformed URLs included.
   */
  public static String shown(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int slash = url.lastIndexOf('/', at);
    return url.substring(0, slash + 1) + "…" + url.substring(at);
  }
}
