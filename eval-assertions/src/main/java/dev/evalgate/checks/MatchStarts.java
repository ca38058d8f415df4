package dev.evalgate.checks;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a match of a phrase pattern can start, worked out once from the pattern's source, so that
 * {@link #find} tries the pattern only there instead of at every position of a sentence.
 *
 * <p>{@link Matcher#find()} tries a pattern at each index in turn, and a pattern that begins with
 * {@code \b} pays for a word-boundary test at every one of them: most of a refusal check's time
 * went there. A match can only begin with one of the characters the pattern's first atom allows,
 * and when the pattern begins with {@code \b} (or {@code ^}) only at a word start (or a line
 * start), and the character after it must be one that can follow that first character in a match
 * (the analysis keeps the first two characters of the pattern's matches, up to {@value
 * Analysis#MAX_HEADS} of them; a character class or {@code .} there lets any through). {@link
 * #find} tries the pattern, with {@link Matcher#lookingAt()} on a region that sees the whole text
 * (transparent, non-anchoring bounds), at those indexes only, found through a {@link Text} that
 * lists the places of each character once for every pattern tried on it: the earliest match it
 * finds is the one {@code find()} finds.
 *
 * <p>The analysis knows the subset of the regular-expression syntax that phrase lists use: literal
 * characters and escaped signs, groups ({@code (...)}, {@code (?:...)}), alternation, the
 * quantifiers {@code ? * + {m,n}} (lazy or possessive too), the zero-width {@code \b ^ $}, and
 * look-aheads {@code (?=...)}, {@code (?!...)} (zero-width too: read as matching the empty string,
 * which never rules a start out). {@link #of} gives null for a pattern whose first atom is anything
 * else (a character class, a look-around, {@code .}, {@code \w}, an inline flag) or that can match
 * the empty string, and {@link #finder} then gives one that tries such a pattern everywhere, as
 * {@code find()} does.
 */
final class MatchStarts {
  private final Pattern pattern;

  /**
   * The analysis could not tell where a match starts: {@link #find} tries every index, as {@code
   * find()} does.
   */
  private final boolean everywhere;

  /** The characters a match can begin with, each once, in order. */
  private final char[] firsts;

  /**
   * For each of {@link #firsts}: the characters that can follow it in a match, in order, or null
   * when any can (or the match can end there).
   */
  private final char[] @Nullable [] seconds;

  /** Stands for "any character" in the heads of an {@link Analysis}. */
  private static final char ANY = '\uFFFF';

  /**
   * The pattern begins with {@code \b} on every path: a match cannot start between two word
   * characters.
   */
  private final boolean wordBoundary;

  /**
   * The pattern begins with {@code ^} on every path: a match starts at the text's start or after a
   * line terminator.
   */
  private final boolean lineStart;

  private MatchStarts(
      Pattern pattern,
      boolean everywhere,
      String firsts,
      @Nullable Set<String> heads,
      boolean wordBoundary,
      boolean lineStart) {
    this.pattern = pattern;
    this.everywhere = everywhere;
    char[] sorted = firsts.toCharArray();
    Arrays.sort(sorted);
    int distinct = 0;
    for (char c : sorted) {
      if (distinct == 0 || sorted[distinct - 1] != c) {
        sorted[distinct++] = c;
      }
    }
    this.firsts = Arrays.copyOf(sorted, distinct);
    this.seconds = new char[distinct][];
    for (int k = 0; k < distinct; k++) {
      seconds[k] = heads == null ? null : followers(heads, this.firsts[k]);
    }
    this.wordBoundary = wordBoundary;
    this.lineStart = lineStart;
  }

  /**
   * How to find {@code pattern}: where a match can start when {@link #of} can tell, else
   * everywhere.
   */
  static MatchStarts finder(Pattern pattern) {
    MatchStarts starts = of(pattern);
    return starts != null ? starts : new MatchStarts(pattern, true, "", null, false, false);
  }

  /**
   * The places a match of {@code pattern} can start, or null when the analysis cannot tell them
   * (see the class comment, and a pattern compiled with flags other than {@link
   * Pattern#MULTILINE}).
   */
  static @Nullable MatchStarts of(Pattern pattern) {
    if ((pattern.flags() & ~Pattern.MULTILINE) != 0) {
      return null;
    }
    String regex = pattern.pattern();
    Analysis analysis;
    try {
      Reader reader = new Reader(regex);
      analysis = reader.alternation();
      if (reader.at != regex.length()) {
        return null; // an unbalanced ')': Pattern would not have compiled it
      }
    } catch (Unsupported e) {
      return null;
    }
    if (analysis.any || analysis.nullable) {
      return null;
    }
    boolean singlePath = !topLevelAlternation(regex);
    return new MatchStarts(
        pattern,
        false,
        analysis.firsts.toString(),
        analysis.heads,
        singlePath && beginsWith(regex, "\\b"),
        singlePath && beginsWith(regex, "^"));
  }

  /**
   * The characters that follow {@code first} in {@code heads} (the first two characters of the
   * matches), in order; null when a match can end after it or any character can follow.
   */
  private static char @Nullable [] followers(Set<String> heads, char first) {
    StringBuilder after = new StringBuilder();
    for (String head : heads) {
      if (!head.isEmpty() && head.charAt(0) == first) {
        if (head.length() == 1 || head.charAt(1) == ANY) {
          return null;
        }
        after.append(head.charAt(1));
      }
    }
    char[] followers = after.toString().toCharArray();
    Arrays.sort(followers);
    return followers;
  }

  /**
   * Whether {@code regex} begins with the assertion {@code assertion}, not made optional by a
   * quantifier ({@code \b?}).
   */
  private static boolean beginsWith(String regex, String assertion) {
    if (!regex.startsWith(assertion)) {
      return false;
    }
    char next = regex.length() > assertion.length() ? regex.charAt(assertion.length()) : ' ';
    return next != '?' && next != '*' && next != '+' && next != '{';
  }

  /** Whether {@code c} can begin a match. */
  boolean canBegin(char c) {
    return Arrays.binarySearch(firsts, c) >= 0;
  }

  /**
   * The first match of the pattern in {@code text}, as {@code matcher(text).find()} would find it;
   * null when there is none.
   */
  @Nullable Matcher find(String text) {
    return find(new Text(text));
  }

  /**
   * The first match of the pattern in {@code indexed}, as {@code find()} would find it; null when
   * there is none. The pattern is tried only where one of its first characters stands (and, when it
   * begins with {@code \b} or {@code ^}, only where that can hold): for each first character, along
   * its places in text order up to the earliest match found so far, so the earliest match wins.
   */
  @Nullable Matcher find(Text indexed) {
    String text = indexed.text;
    if (everywhere) {
      Matcher matcher = pattern.matcher(text);
      return matcher.find() ? matcher : null;
    }
    int length = text.length();
    Matcher matcher = null;
    int earliest = -1;
    boolean holdsEarliest = false; // the matcher's state is the match at earliest
    for (int k = 0; k < firsts.length; k++) {
      char c = firsts[k];
      char @Nullable [] followers = seconds[k];
      for (int at = indexed.first(c);
          at >= 0 && (earliest < 0 || at < earliest);
          at = indexed.next(at, c)) {
        if (at > 0 && !mayStartHere(text.charAt(at - 1), c)
            || followers != null
                && (at + 1 >= length || Arrays.binarySearch(followers, text.charAt(at + 1)) < 0)) {
          continue;
        }
        if (matcher == null) {
          matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        }
        holdsEarliest = lookingAt(matcher, at, length);
        if (holdsEarliest) {
          earliest = at;
          break;
        }
      }
    }
    if (matcher == null || earliest < 0) {
      return null;
    }
    if (!holdsEarliest) {
      lookingAt(matcher, earliest, length); // a later failed try cleared the match
    }
    return matcher;
  }

  /** Whether the pattern matches at {@code at} (the region sees the whole text around it). */
  private static boolean lookingAt(Matcher matcher, int at, int length) {
    matcher.region(at, length);
    return matcher.lookingAt();
  }

  /** A cheap test that never rules out a real start; the pattern itself decides the rest. */
  private boolean mayStartHere(char before, char c) {
    if (wordBoundary && isAsciiWord(before) && isAsciiWord(c)) {
      return false; // no boundary between two word characters
    }
    return !lineStart
        || before == '\n'
        || before == '\r'
        || before == '\u0085'
        || before == '\u2028'
        || before == '\u2029';
  }

  private static boolean isAsciiWord(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** Whether {@code regex} has a {@code |} outside every group and character class. */
  private static boolean topLevelAlternation(String regex) {
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A text with the places of each of its characters, built once and searched by every pattern of a
   * list ({@link #find(Text)}), so that a pattern costs a few tries where its first characters
   * stand instead of a pass over the whole text.
   */
  static final class Text {
    final String text;

    /** The first place of each ASCII character, -1 where it does not occur. */
    private final int[] firstPlace = new int[128];

    /** For each place of an ASCII character, its next place, -1 after the last. */
    private final int[] nextPlace;

    Text(String text) {
      this.text = text;
      Arrays.fill(firstPlace, -1);
      nextPlace = new int[text.length()];
      for (int i = text.length() - 1; i >= 0; i--) {
        char c = text.charAt(i);
        if (c < 128) {
          nextPlace[i] = firstPlace[c];
          firstPlace[c] = i;
        }
      }
    }

    /** The first place of {@code c}, or -1. */
    int first(char c) {
      return c < 128 ? firstPlace[c] : text.indexOf(c);
    }

    /** The next place of {@code c} after {@code at}, where it stands, or -1. */
    int next(int at, char c) {
      return c < 128 ? nextPlace[at] : text.indexOf(c, at + 1);
    }
  }

  /**
   * What a piece of a pattern can begin with: some characters, or any; and whether it can match
   * nothing.
   */
  private record Analysis(
      StringBuilder firsts, boolean any, boolean nullable, @Nullable Set<String> heads) {
    /** More heads than this and the second character is not used to rule starts out. */
    static final int MAX_HEADS = 512;

    static Analysis empty() {
      return new Analysis(new StringBuilder(), false, true, Set.of(""));
    }

    static Analysis of(char c) {
      return new Analysis(new StringBuilder().append(c), false, false, Set.of(String.valueOf(c)));
    }

    static Analysis anything() {
      return new Analysis(new StringBuilder(), true, false, Set.of(String.valueOf(ANY)));
    }

    /** Either this or {@code other}. */
    Analysis or(Analysis other) {
      Set<String> union = null;
      if (heads != null && other.heads != null) {
        union = new HashSet<>(heads);
        union.addAll(other.heads);
      }
      return new Analysis(
          new StringBuilder(firsts).append(other.firsts),
          any || other.any,
          nullable || other.nullable,
          bounded(union));
    }

    /** This, then {@code next}. */
    Analysis then(Analysis next) {
      Set<String> joined = null;
      if (heads != null && next.heads != null) {
        joined = new HashSet<>();
        for (String head : heads) {
          if (head.length() >= 2) {
            joined.add(head);
          } else {
            for (String after : next.heads) {
              String both = head + after;
              joined.add(both.length() > 2 ? both.substring(0, 2) : both);
            }
          }
        }
      }
      if (!nullable) {
        return new Analysis(firsts, any, false, bounded(joined));
      }
      return new Analysis(
          new StringBuilder(firsts).append(next.firsts),
          any || next.any,
          next.nullable,
          bounded(joined));
    }

    Analysis optional() {
      return or(empty());
    }

    /** Once or more: a match of two repetitions begins as one of this then one of this does. */
    Analysis repeated() {
      return or(then(this));
    }

    private static @Nullable Set<String> bounded(@Nullable Set<String> heads) {
      return heads == null || heads.size() > MAX_HEADS ? null : heads;
    }
  }

  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  /** A recursive reading of the supported subset; anything else throws {@link Unsupported}. */
  private static final class Reader {
    private final String source;
    int at;

    Reader(String source) {
      this.source = source;
    }

    Analysis alternation() throws Unsupported {
      Analysis result = sequence();
      while (at < source.length() && source.charAt(at) == '|') {
        at++;
        result = result.or(sequence());
      }
      return result;
    }

    private Analysis sequence() throws Unsupported {
      Analysis result = Analysis.empty();
      while (at < source.length() && source.charAt(at) != '|' && source.charAt(at) != ')') {
        result = result.then(quantified(atom()));
      }
      return result;
    }

    private Analysis quantified(Analysis atom) throws Unsupported {
      if (at >= source.length()) {
        return atom;
      }
      char c = source.charAt(at);
      Analysis result;
      if (c == '?') {
        at++;
        result = atom.optional();
      } else if (c == '*') {
        at++;
        result = atom.repeated().optional();
      } else if (c == '+') {
        at++;
        result = atom.repeated();
      } else if (c == '{') {
        int close = source.indexOf('}', at);
        if (close < 0) {
          throw new Unsupported();
        }
        String bounds = source.substring(at + 1, close);
        at = close + 1;
        int comma = bounds.indexOf(',');
        String min = (comma < 0 ? bounds : bounds.substring(0, comma)).strip();
        if (min.isEmpty() || !min.chars().allMatch(Character::isDigit)) {
          throw new Unsupported();
        }
        String max = comma < 0 ? min : bounds.substring(comma + 1).strip();
        Analysis many = max.equals("1") || max.equals("0") ? atom : atom.repeated();
        result = Integer.parseInt(min) == 0 ? many.optional() : many;
      } else {
        return atom;
      }
      if (at < source.length() && (source.charAt(at) == '?' || source.charAt(at) == '+')) {
        at++; // lazy or possessive: the same characters can begin it
      }
      return result;
    }

    /** Moves past a character class whose {@code [} was just read, nested classes included. */
    private void skipClass() throws Unsupported {
      if (at < source.length() && source.charAt(at) == '^') {
        at++;
      }
      if (at < source.length() && source.charAt(at) == ']') {
        at++; // a ']' first in a class is one of its characters
      }
      while (at < source.length()) {
        char c = source.charAt(at++);
        if (c == '\\') {
          if (at < source.length() && source.charAt(at) == 'Q') {
            throw new Unsupported();
          }
          at++;
        } else if (c == '[') {
          skipClass();
        } else if (c == ']') {
          return;
        }
      }
      throw new Unsupported();
    }

    private Analysis atom() throws Unsupported {
      char c = source.charAt(at++);
      switch (c) {
        case '(' -> {
          boolean lookahead = false;
          if (at < source.length() && source.charAt(at) == '?') {
            char kind = at + 1 < source.length() ? source.charAt(at + 1) : ' ';
            if (kind == ':' || kind == '=' || kind == '!') {
              lookahead = kind != ':';
              at += 2;
            } else {
              throw new Unsupported(); // look-behind, inline flags, named or atomic group
            }
          }
          Analysis inner = alternation();
          if (at >= source.length() || source.charAt(at) != ')') {
            throw new Unsupported();
          }
          at++;
          // a look-ahead consumes nothing: it never decides where a match can start, so it reads as
          // empty
          return lookahead ? Analysis.empty() : inner;
        }
        case '^', '$' -> {
          return Analysis.empty();
        }
        case '[' -> {
          skipClass();
          return Analysis.anything();
        }
        case '.' -> {
          return Analysis.anything();
        }
        case '*', '+', '?', '{', ')', '|' -> throw new Unsupported();
        case '\\' -> {
          if (at >= source.length()) {
            throw new Unsupported();
          }
          char escaped = source.charAt(at++);
          if (escaped == 'Q') {
            throw new Unsupported(); // quoted text: not read here
          }
          return switch (escaped) {
            case 'b', 'B', 'A', 'G', 'Z', 'z' -> Analysis.empty();
            case 'n' -> Analysis.of('\n');
            case 't' -> Analysis.of('\t');
            case 'r' -> Analysis.of('\r');
            case 'f' -> Analysis.of('\f');
            default -> {
              if (Character.isLetterOrDigit(escaped)) {
                yield Analysis
                    .anything(); // classes (w, s, d, p{...}), code points (x, u), back references,
                // ...
              }
              yield Analysis.of(escaped); // an escaped sign stands for itself
            }
          };
        }
        default -> {
          if (Character.isHighSurrogate(c)) {
            throw new Unsupported();
          }
          return Analysis.of(c);
        }
      }
    }
  }
}
