package dev.evalgate.engine.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the text of a configuration value becomes a typed value, what a valid text looks like (for
 * the warning about an invalid one) and how a value is written back (for messages and the docs).
 *
 * @param <T> the typed value
 */
public interface ValueType<T> {
  /** The value, or {@code null} when the text is not a valid one. */
  @Nullable T parse(String text);

  /** What a valid value looks like, completing "expected ...". */
  String expected();

  /** The value as a user writes it. */
  default String format(T value) {
    return String.valueOf(value);
  }

  /** A whole number from {@code min} to {@code max}; {@code _} may group digits. */
  static ValueType<Integer> wholeNumber(int min, int max) {
    return new ValueType<>() {
      @Override
      public @Nullable Integer parse(String text) {
        try {
          int value = Integer.parseInt(text.replace("_", ""));
          return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
          return null;
        }
      }

      @Override
      public String expected() {
        return max == Integer.MAX_VALUE
            ? "a whole number of " + min + " or more"
            : "a whole number from " + min + " to " + max;
      }
    };
  }

  /** A number of cases, 1 or more: {@code 0} would read as "none" to some and "all" to others. */
  static ValueType<Integer> caseCount() {
    ValueType<Integer> number = wholeNumber(1, Integer.MAX_VALUE);
    return new ValueType<>() {
      @Override
      public @Nullable Integer parse(String text) {
        return number.parse(text);
      }

      @Override
      public String expected() {
        return "a positive number of cases (leave the key unset to run every case)";
      }
    };
  }

  /** Any whole number that fits in 64 bits. */
  static ValueType<Long> longNumber() {
    return new ValueType<>() {
      @Override
      public @Nullable Long parse(String text) {
        try {
          return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
          return null;
        }
      }

      @Override
      public String expected() {
        return "a whole number";
      }
    };
  }

  /** A decimal number from {@code min} to {@code max}. */
  static ValueType<Double> decimal(double min, double max) {
    return new ValueType<>() {
      @Override
      public @Nullable Double parse(String text) {
        try {
          double value = Double.parseDouble(text);
          return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
          return null;
        }
      }

      @Override
      public String expected() {
        return "a number from " + format(min) + " to " + format(max);
      }

      @Override
      public String format(Double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
      }
    };
  }

  /** {@code true} or {@code false}, in any case. */
  static ValueType<Boolean> bool() {
    return new ValueType<>() {
      @Override
      public @Nullable Boolean parse(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        return v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null;
      }

      @Override
      public String expected() {
        return "true or false";
      }
    };
  }

  /**
   * A positive duration: {@code 500ms}, {@code 30s}, {@code 2m}, an ISO-8601 duration or
   * milliseconds.
   */
  static ValueType<Duration> duration() {
    return new ValueType<>() {
      @Override
      public @Nullable Duration parse(String text) {
        Duration value = Durations.parse(text);
        return value == null || value.isNegative() || value.isZero() ? null : value;
      }

      @Override
      public String expected() {
        return "a positive duration such as 500ms, 30s, 2m or PT30S";
      }

      @Override
      public String format(Duration value) {
        return value.toMillis() % 1000 == 0 ? value.toSeconds() + "s" : value.toMillis() + "ms";
      }
    };
  }

  /**
   * A size in bytes from {@code min} to {@code max}: {@code 512KB}, {@code 4MB}, {@code 1GB}
   * (binary units) or bytes.
   */
  static ValueType<Long> size(long min, long max) {
    return new ValueType<>() {
      @Override
      public @Nullable Long parse(String text) {
        Long value = Sizes.parse(text);
        return value != null && value >= min && value <= max ? value : null;
      }

      @Override
      public String expected() {
        return "a size from "
            + Sizes.format(min)
            + " to "
            + Sizes.format(max)
            + " such as 512KB or 4MB";
      }

      @Override
      public String format(Long value) {
        return Sizes.format(value);
      }
    };
  }

  /** One of the constants of {@code type} by its {@link Choice#id() id}, in any case. */
  static <E extends Enum<E> & Choice> ValueType<E> choice(Class<E> type) {
    E[] constants = type.getEnumConstants();
    return new ValueType<>() {
      @Override
      public @Nullable E parse(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(constants).filter(c -> c.id().equals(v)).findFirst().orElse(null);
      }

      @Override
      public String expected() {
        return "one of "
            + String.join(", ", Arrays.stream(constants).map(Choice::id).sorted().toList());
      }

      @Override
      public String format(E value) {
        return value.id();
      }
    };
  }

  /** Any text. */
  static ValueType<String> text() {
    return new ValueType<>() {
      @Override
      public String parse(String text) {
        return text;
      }

      @Override
      public String expected() {
        return "any text";
      }
    };
  }

  /** An absolute {@code http} or {@code https} URL with a host. */
  static ValueType<URI> httpUrl() {
    return new ValueType<>() {
      @Override
      public @Nullable URI parse(String text) {
        try {
          URI uri = new URI(text.trim());
          String scheme = uri.getScheme();
          boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
          return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
          return null;
        }
      }

      @Override
      public String expected() {
        return "an http or https URL such as http://localhost:4318";
      }
    };
  }

  /** A file or folder, relative to the working directory unless absolute. */
  static ValueType<Path> path() {
    return new ValueType<>() {
      @Override
      public @Nullable Path parse(String text) {
        try {
          return Path.of(text);
        } catch (RuntimeException e) {
          return null;
        }
      }

      @Override
      public String expected() {
        return "a file path";
      }

      @Override
      public String format(Path value) {
        return value.toString().replace('\\', '/');
      }
    };
  }

  /** A share of the cases, {@code INDEX/COUNT}. */
  static ValueType<Shard> shard() {
    return new ValueType<>() {
      @Override
      public @Nullable Shard parse(String text) {
        try {
          return Shard.parse(text);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }

      @Override
      public String expected() {
        return "INDEX/COUNT with 1 <= INDEX <= COUNT, such as 2/4";
      }
    };
  }

  /** A value of a {@link #choice} key: an enum constant with the id users write. */
  interface Choice {
    /** The constant as written in configuration: its name in lower case. */
    default String id() {
      return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }
  }
}
