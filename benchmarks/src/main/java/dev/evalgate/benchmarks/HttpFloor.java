package dev.evalgate.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor under a live run: the same number of Chat Completions calls at the same concurrency
 * with nothing but OkHttp and a Jackson parse of each body, no engine, made the way the engine
 * makes them (one thread per call in flight, each calling OkHttp's blocking {@code execute()} and
 * taking the next call when it is done). Run it under {@code /usr/bin/time} against the simulator
 * to see what the HTTP stack alone costs on a machine.
 *
 * <pre>
 * {@code java -Xmx256m -cp ... dev.evalgate.benchmarks.HttpFloor http://127.0.0.1:18080/v1 20000 64}
 * </pre>
 */
public final class HttpFloor {
  private HttpFloor() {}

  public static void main(String[] args) throws InterruptedException {
    String baseUrl = args[0];
    int calls = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    OkHttpClient client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
            .callTimeout(Duration.ofSeconds(60))
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .build();
    ObjectMapper json = new ObjectMapper();
    MediaType type = MediaType.get("application/json; charset=utf-8");
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      Thread caller =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                  String body =
                      "{\"model\":\"sim-a\",\"messages\":[{\"role\":\"user\",\"content\":\"Question"
                          + " "
                          + i
                          + ": what is the status of order "
                          + i * 7919
                          + " and what should the customer do next?\"}]}";
                  Request request =
                      new Request.Builder()
                          .url(baseUrl + "/chat/completions")
                          .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), type))
                          .build();
                  try (Response response = client.newCall(request).execute()) {
                    if (response.code() != 200) {
                      failed.incrementAndGet();
                    }
                    json.readTree(response.body().bytes());
                  } catch (IOException e) {
                    failed.incrementAndGet();
                  }
                }
              },
              "floor-call-" + t);
      caller.start();
      callers.add(caller);
    }
    for (Thread caller : callers) {
      caller.join();
    }
    System.out.printf(
        "%d calls at concurrency %d in %.2f s, %d failed%n",
        calls, concurrency, (System.nanoTime() - start) / 1e9, failed.get());
    client.connectionPool().evictAll();
  }
}
