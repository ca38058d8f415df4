package dev.evalgate.checks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Counts tokens with jtokkit, choosing the encoding by model family: {@code o200k_base} for the
 * GPT-4o, GPT-4.1, GPT-5 and o-series models, {@code cl100k_base} otherwise (a close estimate for
 * models whose tokenizers are not public).
 */
public final class TokenCounter {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private TokenCounter() {}

  public static Encoding encodingFor(@Nullable String model) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    boolean o200k =
        m.startsWith("gpt-4o")
            || m.startsWith("gpt-4.1")
            || m.startsWith("gpt-5")
            || m.startsWith("chatgpt-4o")
            || m.matches("^o\\d.*");
    return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
  }

  /**
   * The longest run without white space counted as one piece. The byte-pair merging of one piece
   * grows faster than its length (a 256 KB word took 3.7 times as long per character as a 16 KB
   * one), so a longer run is counted in pieces of this size: a few tokens more or less on text that
   * no model writes, the exact count on every other.
   */
  static final int LONGEST_PIECE = 1_000;

  public static int count(String text, @Nullable String model) {
    Encoding encoding = encodingFor(model);
    int run = 0;
    int start = 0;
    int total = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        run = 0;
      } else if (++run > LONGEST_PIECE) {
        total += encoding.countTokensOrdinary(text.substring(start, i));
        start = i;
        run = 1;
      }
    }
    return total + encoding.countTokensOrdinary(start == 0 ? text : text.substring(start));
  }
}
