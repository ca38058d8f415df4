package dev.evalgate.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Antonyms of English words: WordNet 3.0's direct antonyms (3,237 pairs of single words; Princeton
 * University, licence in {@code thesaurus/LICENSE}, list written by {@code
 * benchmarks/wordnet-antonyms.py}) and {@link Lexicon}'s, as canonical content words. Read once,
 * when the grounding check first needs it.
 */
final class Thesaurus {
  static final String ANTONYMS = "dev/evalgate/checks/thesaurus/antonyms.txt";

  private static final class Holder {
    static final Map<String, Set<String>> ANTONYM_PAIRS = read();
  }

  private Thesaurus() {}

  /** Whether two canonical words are antonyms. */
  static boolean antonyms(String a, String b) {
    return Holder.ANTONYM_PAIRS.getOrDefault(a, Set.of()).contains(b)
        || Lexicon.antonyms(a).contains(b);
  }

  private static Map<String, Set<String>> read() {
    InputStream in = Thesaurus.class.getClassLoader().getResourceAsStream(ANTONYMS);
    if (in == null) {
      throw new IllegalStateException(ANTONYMS + " is missing from the class path");
    }
    Map<String, Set<String>> pairs = new HashMap<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] pair = line.split(" ");
        if (line.startsWith("#") || pair.length != 2) {
          continue;
        }
        List<String> a = Lexicon.contentWords(pair[0]);
        List<String> b = Lexicon.contentWords(pair[1]);
        // a pair whose words normalise to one word, or to a stopword, says nothing
        if (a.size() == 1 && b.size() == 1 && !a.equals(b)) {
          pairs.computeIfAbsent(a.get(0), k -> new HashSet<>()).add(b.get(0));
          pairs.computeIfAbsent(b.get(0), k -> new HashSet<>()).add(a.get(0));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pairs;
  }
}
