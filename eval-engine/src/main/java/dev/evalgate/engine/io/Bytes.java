package dev.evalgate.engine.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Line breaks and blank lines found in byte arrays without decoding them. */
public final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Bytes() {}

  /** Index of the first '\n' in {@code [from, to)}, or -1. */
  public static int newline(byte[] bytes, int from, int to) {
    int i = from;
    // eight bytes at a time: the lowest zero byte of word ^ 0x0A.. is the first line break
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code [from, to)} holds only spaces, tabs and carriage returns. */
  public static boolean blank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
