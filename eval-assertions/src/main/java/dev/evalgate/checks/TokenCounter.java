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
    boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.startsWith("chatgpt-4o")
        || m.matches("^o\\d.*");
    return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
  }

  public static int count(String text, @Nullable String model) {
    return encodingFor(model).countTokensOrdinary(text);
  }
}
