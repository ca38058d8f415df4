package dev.evalgate.engine.config;

import java.nio.charset.StandardCharsets;

/**
 * A deterministic share of the cases: those whose id hash modulo {@code count} is {@code index -
 * 1}.
 */
public record Shard(int index, int count) {
  public static final Shard WHOLE = new Shard(1, 1);

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "shard must be INDEX/COUNT with 1 <= INDEX <= COUNT, but was " + index + "/" + count);
    }
  }

  /** Parses {@code INDEX/COUNT}. */
  public static Shard parse(String text) {
    String[] parts = text.trim().split("/");
    try {
      if (parts.length == 2) {
        return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "shard must be INDEX/COUNT with 1 <= INDEX <= COUNT, but was '" + text + "'");
  }

  public boolean contains(String caseId) {
    if (count == 1) {
      return true;
    }
    long h = 1125899906842597L;
    for (byte b : caseId.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return Math.floorMod(h, count) == index - 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
