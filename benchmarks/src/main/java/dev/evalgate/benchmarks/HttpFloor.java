package dev.evalgate.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor under a live run: the same number of Chat Completions calls at the same concurrency
 * with nothing but OkHttp and a Jackson parse of each body, no engine. Run it under
 * {@code /usr/bin/time} against the simulator to see what the HTTP stack alone costs on a machine.
 *
 * <pre>{@code java -Xmx256m -cp ... dev.evalgate.benchmarks.HttpFloor http://127.0.0.1:18080/v1 20000 64}</pre>
 */
public final class HttpFloor {
  private HttpFloor() {}

  public static void main(String[] args) throws InterruptedException {
    String baseUrl = args[0];
    int calls = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(concurrency);
    dispatcher.setMaxRequestsPerHost(concurrency);
    OkHttpClient client = new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES)).build();
    ObjectMapper json = new ObjectMapper();
    MediaType type = MediaType.get("application/json; charset=utf-8");
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(calls);
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      permits.acquire();
      String body = "{\"model\":\"sim-a\",\"messages\":[{\"role\":\"user\",\"content\":\"Question " + i
          + ": what is the status of order " + i * 7919 + " and what should the customer do next?\"}]}";
      Request request = new Request.Builder().url(baseUrl + "/chat/completions")
          .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), type)).build();
      client.newCall(request).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          failed.incrementAndGet();
          permits.release();
          done.countDown();
        }

        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            if (response.code() != 200) {
              failed.incrementAndGet();
            }
            json.readTree(response.body().bytes());
          } catch (IOException e) {
            failed.incrementAndGet();
          } finally {
            permits.release();
            done.countDown();
          }
        }
      });
    }
    done.await();
    System.out.printf("%d calls at concurrency %d in %.2f s, %d failed%n", calls, concurrency, (System.nanoTime() - start) / 1e9,
        failed.get());
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
