package dev.evalgate.benchmarks;

import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.engine.recording.Recording;
import dev.evalgate.engine.recording.RecordingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recording store at suite scale: {@code lookup} is one replayed answer found and parsed among
 * {@code recordings} per variant (two variants); {@code open} checks and indexes both files; {@code
 * record} appends that many recordings per variant and merges them into the files. Answers are
 * 40-word texts, as the simulator's.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = "-Xmx256m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecordingsBenchmark {
  @Param("100000")
  int recordings;

  Path root;
  RecordingStore store;
  String[] keys;
  int next;

  static Recording recording(String key, String variant, int i) {
    String text =
        "{\"category\":\"refund\",\"priority\":\"normal\",\"reply\":\"answer "
            + i
            + " lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"
            + " incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud"
            + " exercitation ullamco laboris\"}";
    ModelResponse response =
        new ModelResponse(
            text,
            "stop",
            new TokenUsage(36, 56, false),
            Duration.ofMillis(28),
            Duration.ofMillis(28),
            200,
            "req-" + i,
            null,
            null,
            false);
    return Recording.of(key, "case-" + i, variant, "sim-a", 0, response);
  }

  static String[] keys(int n) {
    Random random = new Random(42);
    String[] keys = new String[n];
    byte[] bytes = new byte[16];
    for (int i = 0; i < n; i++) {
      random.nextBytes(bytes);
      keys[i] = HexFormat.of().formatHex(bytes);
    }
    return keys;
  }

  static void write(Path root, String[] keys) {
    try (RecordingStore writer = RecordingStore.open(root, "suite")) {
      for (int i = 0; i < keys.length; i++) {
        writer.put(recording(keys[i], "control", i));
        writer.put(recording(keys[i], "challenger", i));
      }
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    root = Files.createTempDirectory("recordings-bench");
    keys = keys(recordings);
    write(root, keys);
    store = RecordingStore.open(root, "suite");
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Recording lookup() {
    int i = next;
    next = i + 7919 < keys.length ? i + 7919 : (i + 7919) % keys.length;
    Recording found = store.get((i & 1) == 0 ? "control" : "challenger", keys[i]);
    if (found == null) {
      throw new IllegalStateException("recording " + i + " not found");
    }
    return found;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 5)
  public int open() {
    try (RecordingStore opened = RecordingStore.open(root, "suite")) {
      return opened.size();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public void record() throws IOException {
    Path fresh = Files.createTempDirectory("recordings-record");
    try {
      write(fresh, keys);
    } finally {
      delete(fresh);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    delete(root);
  }

  static void delete(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
