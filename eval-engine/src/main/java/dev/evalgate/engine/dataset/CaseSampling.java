package dev.evalgate.engine.dataset;

import dev.evalgate.api.EvalCase;
import dev.evalgate.engine.config.Shard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which cases of a dataset run: an optional shard ({@code i/n} by a hash of the case id), an
 * optional seeded sample, then an optional limit. Order is always the dataset's order.
 *
 * @param limit at most this many cases, or {@code null}
 * @param sample a seeded uniform sample of this many cases, or {@code null}
 * @param seed the sample's seed
 * @param shard this run's shard
 */
public record CaseSampling(
    @Nullable Integer limit, @Nullable Integer sample, long seed, Shard shard) {

  public static final CaseSampling ALL = new CaseSampling(null, null, 0, Shard.WHOLE);

  /**
   * The selected cases, lazily when there is no sample (a sample holds at most {@code sample}
   * cases).
   */
  public Iterator<EvalCase> apply(Iterator<EvalCase> cases) {
    Iterator<EvalCase> selected = filter(cases, c -> shard.contains(c.id()));
    if (sample != null) {
      selected = sample(selected, sample, seed);
    }
    return limit == null ? selected : limit(selected, limit);
  }

  private static Iterator<EvalCase> sample(Iterator<EvalCase> cases, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EvalCase> reservoir = new ArrayList<>(Math.min(size, 1 << 16));
    List<Long> positions = new ArrayList<>(Math.min(size, 1 << 16));
    long seen = 0;
    while (cases.hasNext()) {
      EvalCase c = cases.next();
      if (seen < size) {
        reservoir.add(c);
        positions.add(seen);
      } else {
        long j = random.nextLong(seen + 1);
        if (j < size) {
          reservoir.set((int) j, c);
          positions.set((int) j, seen);
        }
      }
      seen++;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < reservoir.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(positions::get));
    return order.stream().map(reservoir::get).iterator();
  }

  private static Iterator<EvalCase> limit(Iterator<EvalCase> cases, int max) {
    return new Iterator<>() {
      private int taken;

      @Override
      public boolean hasNext() {
        return taken < max && cases.hasNext();
      }

      @Override
      public EvalCase next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        taken++;
        return cases.next();
      }
    };
  }

  private static Iterator<EvalCase> filter(Iterator<EvalCase> cases, Predicate<EvalCase> keep) {
    return new Iterator<>() {
      private @Nullable EvalCase next;

      @Override
      public boolean hasNext() {
        while (next == null && cases.hasNext()) {
          EvalCase candidate = cases.next();
          if (keep.test(candidate)) {
            next = candidate;
          }
        }
        return next != null;
      }

      @Override
      public EvalCase next() {
        EvalCase current = hasNext() ? next : null;
        if (current == null) {
          throw new NoSuchElementException();
        }
        next = null;
        return current;
      }
    };
  }
}
