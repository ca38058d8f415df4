package dev.evalgate.engine.dataset;

import java.util.Arrays;

/**
 * A set of 64-bit id hashes (open addressing), so duplicate ids are found in a million-row dataset
 * with 16 bytes per row instead of a set of strings. A 64-bit collision between two different ids
 * is as likely as 1 in 10^7 at a million rows, and would only produce a spurious duplicate warning.
 */
final class LongIdSet {
  private static final long EMPTY = 0L;
  private long[] slots = new long[1024];
  private int size;
  private boolean containsZero;

  /** Adds {@code value}; returns false when it was already present. */
  boolean add(long value) {
    if (value == EMPTY) {
      boolean added = !containsZero;
      containsZero = true;
      return added;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    return insert(slots, value);
  }

  private boolean insert(long[] table, long value) {
    int mask = table.length - 1;
    int index = (int) (mix(value) & mask);
    while (table[index] != EMPTY) {
      if (table[index] == value) {
        return false;
      }
      index = (index + 1) & mask;
    }
    table[index] = value;
    if (table == slots) {
      size++;
    }
    return true;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    Arrays.stream(old).filter(v -> v != EMPTY).forEach(v -> insert(slots, v));
  }

  private static long mix(long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }
}
