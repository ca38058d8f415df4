package dev.evalgate.checks;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Word-level normalisation for the lexical hallucination proxies. A text becomes a list of content
 * words: lowercased, accents folded, stopwords and answer boilerplate ("based on the passage")
 * dropped, possessives and hyphenated compounds split, number words written as digits
 * ("twenty-three" is 23, "one point eight" is 1.8), numbers canonical (no thousands separators,
 * leading or trailing zeros), "%" and "per cent" as {@code percent}, currency symbols as words,
 * month abbreviations and numeric dates spelled out, common units unified, irregular forms and a
 * small set of synonyms mapped to one word, and suffixes stemmed (so "approval", "approved" and
 * "approves" meet).
 *
 * <p>With polarity, a content word right after a negation cue ("not", "never", "no", "non-", "n't")
 * in the same clause is marked negated, or replaced by its antonym when it has one ("not open" is
 * "closed"); limits such as "no more than" or "not exceed" are not negations. A leading "Yes," or
 * "No," becomes the word {@code #yes} or {@code #no}.
 */
final class Lexicon {
  /** A content word and whether it is negated. */
  record Word(String text, boolean negated) {}

  private static final Set<String> STOPWORDS =
      Set.copyOf(
          java.util.Arrays.asList(
              ("a an the and or but if then else of to in on at by for with from as is are was were"
                   + " be been being am do does did has have had having it its it's this that these"
                   + " those there here i you he she we they me him her us them my your his our"
                   + " their what which who whom whose when where why how all any both each few"
                   + " more most other some such no nor not only own same so than too very can will"
                   + " just should could would may might must shall also about into over after"
                   + " before under again further once up down out off s t don't isn't aren't"
                   + " wasn't weren't won't can't yes please thanks thank according during while"
                   + " within until since via upon "
                      // answer boilerplate and hedges: "Based on the passage, ...", "The leaflet
                      // says ..."
                      + "based passage text document context article leaflet source excerpt"
                      + " information provided say says said state states stated mention mentions"
                      + " mentioned note notes indicate indicates explain explains answer sure"
                      + " certainly overall summary approximately around roughly about nearly"
                      + " almost likely probably apparently seem seems appear appears i.e e.g etc"
                      + " degree degrees")
                  .split(" ")));
  private static final Set<String> NEGATIONS =
      Set.of(
          "not",
          "no",
          "never",
          "cannot",
          "neither",
          "nor",
          "non",
          "without",
          "don't",
          "doesn't",
          "didn't",
          "isn't",
          "aren't",
          "wasn't",
          "weren't",
          "won't",
          "can't",
          "couldn't",
          "shouldn't",
          "mustn't",
          "haven't",
          "hasn't",
          "hadn't",
          "wouldn't",
          "nothing",
          "none");

  /**
   * After a negation cue these make a limit, not a negation: "no more than", "not exceed", "no
   * later than".
   */
  private static final Set<String> LIMITS =
      Set.of(
          "more",
          "less",
          "fewer",
          "later",
          "earlier",
          "longer",
          "exceed",
          "exceeding",
          "greater",
          "higher",
          "lower",
          "over",
          "beyond",
          "until",
          "only");

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "e.g", "i.e", "approx", "dr", "mr", "mrs", "ms", "st", "vs", "prof", "jan", "feb", "mar",
          "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "inc", "ltd", "co",
          "corp", "jr", "sr", "cf", "al", "art", "sec", "para", "no", "nos", "vol", "pp", "ca",
          "est", "dept", "min", "max");

  /** A figure with a unit or scale glued to it: "320mg", "5km", "$8.2m" (not "2nd", "1990s"). */
  private static final Pattern GLUED_UNIT =
      Pattern.compile(
          "(\\d[\\d.,]*)(mg|kg|km|cm|mm|ml|g|l|m|ft|lb|lbs|kw|kwh|mah|hz|ghz|mhz|gb|mb|tb|kb|mph|am|pm|k|bn|mn)");

  private static final Map<String, String> MONEY_SCALES =
      Map.of("m", "million", "mn", "million", "bn", "billion", "k", "thousand");

  /** Scale words: a figure before one is multiplied by it ("forty thousand" is 40000). */
  private static final Map<String, Integer> SCALES =
      Map.of("thousand", 3, "million", 6, "billion", 9, "trillion", 12);

  /** A number {@link #scaled} multiplies: digits with at most one decimal point. */
  private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  private static final Map<String, Integer> SMALL_NUMBERS = new HashMap<>();
  private static final Map<String, Integer> TENS = new HashMap<>();
  private static final Map<String, String> WORDS = new HashMap<>();

  /**
   * The antonym a negated word is replaced by ("not open" is "closed"): the first pair a word was
   * given.
   */
  private static final Map<String, String> ANTONYMS = new HashMap<>();

  /** Every antonym of a word ("lower" is the opposite of "higher" and of "rise"). */
  private static final Map<String, Set<String>> OPPOSITES = new HashMap<>();

  private static final Map<String, String> SYNONYM_STEMS = new HashMap<>();

  /**
   * Canonical forms already computed; a pure function of the word, bounded so odd input cannot grow
   * it without end.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> CANONICAL =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final String[] SUFFIXES = {
    "ational", "ization", "isation", "fulness", "iveness", "ations", "ation", "ments", "ment",
    "ness", "ings", "ing", "edly", "ancy", "ency", "ance", "ence", "ities", "ity", "ions", "ion",
    "able", "ible", "ies", "ied", "ers", "est", "ive", "ant", "ent", "al", "ed", "er", "es", "ly",
    "s"
  };

  /** The suffixes by their last letter, in the order above (the first that fits wins). */
  private static final String[][] SUFFIXES_BY_LAST = new String[26][];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      List<String> fitting = new ArrayList<>();
      for (String suffix : SUFFIXES) {
        if (suffix.charAt(suffix.length() - 1) == c) {
          fitting.add(suffix);
        }
      }
      SUFFIXES_BY_LAST[c - 'a'] = fitting.toArray(new String[0]);
    }
  }

  private static final String[] MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december"
  };
  private static final Pattern NUMERIC_DATE =
      Pattern.compile("\\b(?:(\\d{4})-(\\d{1,2})-(\\d{1,2})|(\\d{1,2})/(\\d{1,2})/(\\d{2,4}))\\b");

  static {
    String[] small = {
      "zero",
      "one",
      "two",
      "three",
      "four",
      "five",
      "six",
      "seven",
      "eight",
      "nine",
      "ten",
      "eleven",
      "twelve",
      "thirteen",
      "fourteen",
      "fifteen",
      "sixteen",
      "seventeen",
      "eighteen",
      "nineteen"
    };
    for (int i = 0; i < small.length; i++) {
      SMALL_NUMBERS.put(small[i], i);
    }
    String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (int i = 0; i < tens.length; i++) {
      TENS.put(tens[i], 20 + 10 * i);
    }
    // irregular forms to their base word, before stemming
    irregular("take", "took taken");
    irregular("give", "gave given");
    irregular("win", "won");
    irregular("lead", "led");
    irregular("run", "ran");
    irregular("grow", "grew grown");
    irregular("rise", "rose risen");
    irregular("fall", "fell fallen");
    irregular("begin", "began begun");
    irregular("pay", "paid");
    irregular("make", "made");
    irregular("hold", "held");
    irregular("sell", "sold");
    irregular("buy", "bought");
    irregular("bring", "brought");
    irregular("go", "went gone");
    irregular("choose", "chose chosen");
    irregular("build", "built");
    irregular("keep", "kept");
    irregular("leave", "left");
    irregular("meet", "met");
    irregular("send", "sent");
    irregular("spend", "spent");
    irregular("tell", "told");
    irregular("find", "found");
    irregular("become", "became");
    irregular("come", "came");
    irregular("get", "got gotten");
    irregular("write", "wrote written");
    irregular("drive", "drove driven");
    irregular("know", "knew known");
    irregular("see", "saw seen");
    irregular("stand", "stood");
    irregular("lose", "lost");
    irregular("shut", "shuts");
    irregular("beat", "beaten");
    irregular("use", "used uses using usage");
    irregular("child", "children kids kid");
    irregular("man", "men");
    irregular("woman", "women");
    irregular("foot", "feet ft");
    // comparatives the suffix stemmer would cut differently from their base ("smaller" to "smal")
    irregular("small", "smaller smallest");
    irregular("tall", "taller tallest");
    irregular("early", "earlier earliest");
    irregular("late", "later latest");
    irregular("inch", "inches");
    irregular("tooth", "teeth");
    // units and abbreviations
    irregular("l", "litre litres liter liters");
    irregular("ml", "millilitre millilitres milliliter milliliters");
    irregular("m", "metre metres meter meters");
    irregular("km", "kilometre kilometres kilometer kilometers");
    irregular("mm", "millimetre millimetres millimeter millimeters");
    irregular("kg", "kilogram kilograms kilo kilos");
    irregular("g", "gram grams gramme grammes");
    irregular("mg", "milligram milligrams");
    irregular("c", "celsius centigrade");
    irregular("hour", "hr hrs h");
    irregular("minute", "min mins");
    irregular("second", "sec secs");
    irregular("week", "wk wks");
    irregular("year", "yr yrs annual annually yearly");
    irregular("percent", "pct percentage");
    irregular("dollar", "usd $");
    irregular("euro", "eur €");
    irregular("pound", "gbp £");
    for (String month : MONTHS) {
      irregular(month, month.substring(0, 3));
    }
    irregular("september", "sept");
    // synonyms: every word of a group becomes the group's first word
    synonyms("buy purchase");
    synonyms("get receive obtain");
    synonyms("allow permit let entitle");
    synonyms("begin start commence");
    synonyms("stop cease halt");
    synonyms("close shut");
    synonyms("big large");
    synonyms("small little");
    synonyms("help assist support");
    synonyms("use utilise utilize");
    synonyms("need require requirement necessary");
    synonyms("show display");
    synonyms("cost price");
    synonyms("rise increase grow climb gain");
    synonyms("fall decrease drop decline reduce lower");
    synonyms("lead head command");
    synonyms("win beat");
    synonyms("approve approval authorise authorize authorisation authorization permission consent");
    synonyms("employee staff worker personnel");
    synonyms("customer client");
    synonyms("doctor physician gp");
    synonyms("medicine medication drug");
    synonyms("tablet pill");
    synonyms("quick fast rapid rapidly quickly");
    synonyms("maximum max");
    synonyms("minimum min");
    synonyms("repair fix");
    synonyms("fault defect faulty defective");
    synonyms("cancel terminate termination cancellation");
    synonyms("notice notify notification inform");
    synonyms("pay reimburse");
    synonyms("place location venue site");
    synonyms("ill sick");
    synonyms("company firm business");
    synonyms("build construct construction");
    synonyms("make produce manufacture");
    synonyms("often frequently");
    synonyms("store keep");
    synonyms("discard dispose");
    synonyms("amount sum");
    synonyms("ask request");
    synonyms("light lamp indicator");
    synonyms("press push");
    synonyms("cap limit");
    synonyms("end finish");
    synonyms("forbid prohibit ban");
    synonyms("exclude except");
    antonyms("open", "close");
    antonyms("allow", "forbid");
    antonyms("include", "exclude");
    antonyms("accept", "reject");
    antonyms("available", "unavailable");
    antonyms("suitable", "unsuitable");
    antonyms("possible", "impossible");
    antonyms("legal", "illegal");
    antonyms("present", "absent");
    antonyms("pass", "fail");
    antonyms("true", "false");
    antonyms("same", "different");
    // comparisons and directions: "smaller" where the reference says "bigger" contradicts it
    antonyms("big", "small");
    antonyms("tall", "short");
    antonyms("high", "low");
    antonyms("old", "young");
    antonyms("early", "late");
    antonyms("hot", "cold");
    antonyms("rise", "fall");
    antonyms("win", "lose");
    antonyms("safe", "dangerous");
    antonyms("rich", "poor");
    antonyms("strong", "weak");
    antonyms("wet", "dry");
    antonyms("first", "last");
    antonyms("male", "female");
    antonyms("positive", "negative");
    antonyms("north", "south");
    antonyms("east", "west");
    antonyms("healthy", "unhealthy");
  }

  private Lexicon() {}

  private static void irregular(String base, String forms) {
    for (String form : forms.split(" ")) {
      WORDS.put(form, base);
    }
  }

  private static void synonyms(String group) {
    String[] words = group.split(" ");
    String canonical = stem(base(words[0]));
    for (String word : words) {
      String stemmed = stem(base(word));
      WORDS.putIfAbsent(word, words[0]);
      if (!stemmed.equals(canonical)) {
        SYNONYM_STEMS.put(stemmed, canonical);
      }
    }
  }

  private static void antonyms(String a, String b) {
    String sa = canonical(a);
    String sb = canonical(b);
    ANTONYMS.putIfAbsent(sa, sb);
    ANTONYMS.putIfAbsent(sb, sa);
    OPPOSITES.computeIfAbsent(sa, k -> new HashSet<>()).add(sb);
    OPPOSITES.computeIfAbsent(sb, k -> new HashSet<>()).add(sa);
  }

  /** The antonyms of a canonical word (none: an empty set). */
  static Set<String> antonyms(String canonicalWord) {
    return OPPOSITES.getOrDefault(canonicalWord, Set.of());
  }

  private static String base(String word) {
    return WORDS.getOrDefault(word, word);
  }

  /** Irregular forms, units and synonyms resolved, then stemmed. */
  private static String canonical(String word) {
    String known = CANONICAL.get(word);
    if (known != null) {
      return known;
    }
    String stemmed = stem(base(word));
    String result = SYNONYM_STEMS.getOrDefault(stemmed, stemmed);
    if (CANONICAL.size() < 100_000) {
      CANONICAL.put(word, result);
    }
    return result;
  }

  /**
   * Sentences: split after '.', '!' or '?' followed by white space and a capital, digit, quote or
   * bracket, and at line breaks; not after abbreviations ("e.g.", "Dr.", "Sept.", "No. 5") or
   * initials, and never inside numbers ("1.5").
   */
  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    String s = text.strip();
    int n = s.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        add(sentences, s.substring(start, i));
        start = i + 1;
        continue;
      }
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int j = i + 1;
      while (j < n && ".!?\"'”’)]".indexOf(s.charAt(j)) >= 0) {
        j++;
      }
      if (j >= n || !Character.isWhitespace(s.charAt(j))) {
        continue;
      }
      int k = j;
      while (k < n && Character.isWhitespace(s.charAt(k)) && s.charAt(k) != '\n') {
        k++;
      }
      if (k >= n) {
        break;
      }
      char next = s.charAt(k);
      if (!(Character.isUpperCase(next)
          || Character.isDigit(next)
          || "\"'“([".indexOf(next) >= 0
          || next == '\n')) {
        continue;
      }
      if (c == '.' && abbreviation(s, i, Character.isDigit(next))) {
        continue;
      }
      add(sentences, s.substring(start, j));
      start = k;
      i = k - 1;
    }
    add(sentences, s.substring(Math.min(start, n)));
    return sentences;
  }

  private static void add(List<String> sentences, String sentence) {
    if (!sentence.isBlank()) {
      sentences.add(sentence.strip());
    }
  }

  /** Whether the '.' at {@code dot} ends an abbreviation or an initial rather than a sentence. */
  private static boolean abbreviation(String s, int dot, boolean beforeDigit) {
    int b = dot;
    while (b > 0 && (Character.isLetter(s.charAt(b - 1)) || s.charAt(b - 1) == '.')) {
      b--;
    }
    String word = s.substring(b, dot).toLowerCase(Locale.ROOT);
    if (word.isEmpty()) {
      return false;
    }
    if (word.length() == 1 && Character.isUpperCase(s.charAt(b))) {
      return true;
    }
    if (word.equals("no") || word.equals("nos")) {
      return beforeDigit;
    }
    return ABBREVIATIONS.contains(word);
  }

  /** The content words of a text, normalised. */
  static List<String> contentWords(String text) {
    List<Word> words = words(text, false, false);
    List<String> list = new ArrayList<>(words.size());
    for (Word w : words) {
      list.add(w.text());
    }
    return list;
  }

  static Set<String> contentSet(String text) {
    return new HashSet<>(contentWords(text));
  }

  /** Content words with negation marks (see the class comment). */
  static List<Word> polarWords(String text) {
    return words(text, true, false);
  }

  /**
   * {@link #polarWords}, with a figure and the scale word after it as one number ("forty thousand"
   * and "40 thousand" are 40000, as "40,000" is; "$8.2m" is 8200000). Only {@code grounded} reads
   * figures so: the reference-agreement model was fitted on the words as they were, and reading
   * scales there cost EVOUNA a row of its test split.
   */
  static List<Word> polarWordsScaled(String text) {
    return words(text, true, true);
  }

  private static List<Word> words(String text, boolean polarity, boolean scales) {
    String folded = fold(text);
    if (folded.indexOf('/') >= 0 || folded.indexOf('-') >= 0) {
      folded = spellDates(folded);
    }
    List<String> raw = tokens(folded);
    List<Word> words = new ArrayList<>(raw.size());
    boolean negate = false;
    int count = raw.size();
    for (int t = 0; t < count; t++) {
      String token = raw.get(t);
      if (token.length() == 1 && ",;:.!?()".indexOf(token.charAt(0)) >= 0) {
        negate = false;
        continue;
      }
      if (polarity
          && t == 0
          && (token.equals("yes") || token.equals("no"))
          && (count == 1 || isPunctuation(raw.get(1)))) {
        words.add(new Word("#" + token, false));
        continue;
      }
      if (polarity && NEGATIONS.contains(token)) {
        negate = t + 1 >= count || !LIMITS.contains(raw.get(t + 1));
        continue;
      }
      // numbers written as words: "twenty-three", "one point eight", "three hundred"
      Integer small = SMALL_NUMBERS.get(token);
      Integer tens = TENS.get(token);
      Integer written = small != null ? small : tens;
      if (written != null) {
        long value = written;
        Integer unit = tens != null && t + 1 < count ? SMALL_NUMBERS.get(raw.get(t + 1)) : null;
        if (unit != null && unit < 10) {
          value += unit;
          t++;
        }
        if (t + 1 < count && raw.get(t + 1).equals("hundred")) {
          value *= 100;
          t++;
        }
        String number = String.valueOf(value);
        Integer decimal =
            t + 2 < count && raw.get(t + 1).equals("point")
                ? SMALL_NUMBERS.get(raw.get(t + 2))
                : null;
        if (decimal != null && decimal < 10) {
          number += "." + decimal;
          t += 2;
        }
        String scaled = scales && t + 1 < count ? scaled(number, raw.get(t + 1)) : null;
        if (scaled != null) {
          number = scaled;
          t++;
        }
        words.add(new Word(number, false));
        negate = false;
        continue;
      }
      if (token.equals("per") && t + 1 < count && raw.get(t + 1).equals("cent")) {
        t++;
        token = "percent";
      }
      if (STOPWORDS.contains(token)) {
        continue;
      }
      String word;
      if (Character.isDigit(token.charAt(0))) {
        word = number(token);
        String scaled = scales && t + 1 < count ? scaled(word, raw.get(t + 1)) : null;
        if (scaled != null) {
          word = scaled;
          t++;
        }
      } else {
        word = canonical(token);
      }
      boolean negated = false;
      if (negate) {
        String antonym = ANTONYMS.get(word);
        if (antonym != null) {
          word = antonym;
        } else {
          negated = true;
        }
        negate = false;
      }
      words.add(new Word(word, negated));
    }
    return words;
  }

  private static boolean isPunctuation(String token) {
    return token.length() == 1 && ",;:.!?".indexOf(token.charAt(0)) >= 0;
  }

  /**
   * Tokens of folded text: words (letters and digits, with inner apostrophes, and inner '.' or ','
   * between digits), '%' and currency symbols as their own tokens, and clause punctuation (, ; : .
   * ! ? parentheses) kept for negation scope. Hyphens and slashes split; possessive "'s" is
   * dropped.
   */
  private static List<String> tokens(String folded) {
    List<String> tokens = new ArrayList<>();
    int n = folded.length();
    int i = 0;
    while (i < n) {
      char c = folded.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        int start = i;
        boolean digits = Character.isDigit(c);
        while (i < n) {
          char d = folded.charAt(i);
          if (Character.isLetterOrDigit(d)) {
            i++;
          } else if ((d == '.' || d == ',')
              && digits
              && i + 1 < n
              && Character.isDigit(folded.charAt(i + 1))
              && Character.isDigit(folded.charAt(i - 1))) {
            i++;
          } else if ((d == '\'' || d == '’')
              && i + 1 < n
              && Character.isLetter(folded.charAt(i + 1))
              && !digits) {
            i++;
          } else if (d == '.'
              && !digits
              && i + 1 < n
              && Character.isLetter(folded.charAt(i + 1))
              && i - start == 1) {
            i++; // "e.g", "i.e"
          } else {
            break;
          }
        }
        String token = folded.substring(start, i);
        if (token.endsWith("'s") || token.endsWith("’s")) {
          token = token.substring(0, token.length() - 2);
        }
        Matcher glued = digits ? GLUED_UNIT.matcher(token) : null;
        if (glued != null && glued.matches()) {
          // "320mg" is "320 mg"; after a currency symbol "$8.2m" is "8.2 million" and "$3bn" "3
          // billion"
          boolean money = !tokens.isEmpty() && "$€£".contains(tokens.get(tokens.size() - 1));
          String unit = glued.group(2);
          tokens.add(glued.group(1));
          tokens.add(money ? MONEY_SCALES.getOrDefault(unit, unit) : unit);
        } else if (!token.isEmpty()) {
          tokens.add(token.replace('’', '\''));
        }
      } else {
        if (c == '%') {
          tokens.add("percent");
        } else if (c == '$' || c == '€' || c == '£') {
          tokens.add(String.valueOf(c));
        } else if (",;:.!?()".indexOf(c) >= 0) {
          tokens.add(String.valueOf(c));
        }
        i++;
      }
    }
    return tokens;
  }

  /**
   * Numeric dates ("2024-03-05", "05/03/2024") spelled as "5 march 2024" (day first unless
   * impossible).
   */
  private static String spellDates(String text) {
    Matcher m = NUMERIC_DATE.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    do {
      int day;
      int month;
      String year;
      if (m.group(1) != null) {
        year = m.group(1);
        month = Integer.parseInt(m.group(2));
        day = Integer.parseInt(m.group(3));
      } else {
        day = Integer.parseInt(m.group(4));
        month = Integer.parseInt(m.group(5));
        year = m.group(6);
        if (month > 12 && day <= 12) {
          int swap = day;
          day = month;
          month = swap;
        }
      }
      String replacement =
          month >= 1 && month <= 12 && day >= 1 && day <= 31
              ? day + " " + MONTHS[month - 1] + " " + year
              : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  /** Dates in a text as "year-month-day" (both day/month orders for ambiguous numeric dates). */
  static Set<String> dates(String folded) {
    Set<String> dates = new HashSet<>();
    List<String> tokens = tokens(folded);
    for (int i = 0; i < tokens.size(); i++) {
      int month = month(tokens.get(i));
      if (month == 0) {
        continue;
      }
      // "2 may 1891" or "may 2, 1891"
      if (i >= 1
          && i + 1 < tokens.size()
          && day(tokens.get(i - 1)) > 0
          && year(tokens.get(i + 1))) {
        dates.add(tokens.get(i + 1) + "-" + month + "-" + day(tokens.get(i - 1)));
      }
      int y = i + 2 < tokens.size() && tokens.get(i + 2).equals(",") ? i + 3 : i + 2;
      if (i + 1 < tokens.size()
          && day(tokens.get(i + 1)) > 0
          && y < tokens.size()
          && year(tokens.get(y))) {
        dates.add(tokens.get(y) + "-" + month + "-" + day(tokens.get(i + 1)));
      }
    }
    Matcher m = NUMERIC_DATE.matcher(folded);
    while (m.find()) {
      if (m.group(1) != null) {
        dates.add(
            m.group(1) + "-" + Integer.parseInt(m.group(2)) + "-" + Integer.parseInt(m.group(3)));
      } else {
        int a = Integer.parseInt(m.group(4));
        int b = Integer.parseInt(m.group(5));
        dates.add(m.group(6) + "-" + b + "-" + a);
        dates.add(m.group(6) + "-" + a + "-" + b);
      }
    }
    return dates;
  }

  private static int month(String token) {
    String full = WORDS.getOrDefault(token, token);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].equals(full)) {
        return i + 1;
      }
    }
    return 0;
  }

  private static int day(String token) {
    String digits = token.replaceAll("(st|nd|rd|th)$", "");
    if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    int day = Integer.parseInt(digits);
    return day >= 1 && day <= 31 ? day : 0;
  }

  private static boolean year(String token) {
    return token.length() == 4 && token.chars().allMatch(Character::isDigit);
  }

  private static final Pattern CITATION =
      Pattern.compile("\\s*\\[\\^?[A-Za-z]{0,8}-?\\d+(?:\\s*[,;–-]\\s*[A-Za-z]{0,8}-?\\d+)*]");

  /**
   * The text without citation markers such as [1], [doc-2], [^3] or [1, 2], which are not words of
   * the claim.
   */
  static String stripCitations(String text) {
    return text.indexOf('[') < 0 ? text : CITATION.matcher(text).replaceAll("");
  }

  /**
   * Acronyms of the runs of two or more capitalised words in a text ("Chief Financial Officer"
   * gives "cfo"), each with the run's content words, so that an answer may say "CFO" for it.
   */
  static Map<String, List<String>> acronyms(String text) {
    Map<String, List<String>> acronyms = new HashMap<>();
    int n = text.length();
    StringBuilder initials = new StringBuilder();
    int runStart = -1;
    int runEnd = -1;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        if (c != ' ' && initials.length() > 0) {
          addAcronyms(acronyms, initials, text, runStart, runEnd);
        }
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isLetter(text.charAt(i))) {
        i++;
      }
      boolean capitalised =
          Character.isUpperCase(c)
              && (i - start == 1 || Character.isLowerCase(text.charAt(start + 1)));
      boolean connector =
          !capitalised
              && initials.length() > 0
              && (text.startsWith("of ", start)
                  || text.startsWith("and ", start)
                  || text.startsWith("for ", start));
      if (capitalised) {
        if (initials.length() == 0) {
          runStart = start;
        }
        initials.append(Character.toLowerCase(c));
        runEnd = i;
      } else if (!connector && initials.length() > 0) {
        addAcronyms(acronyms, initials, text, runStart, runEnd);
      }
    }
    if (initials.length() > 0) {
      addAcronyms(acronyms, initials, text, runStart, runEnd);
    }
    return acronyms;
  }

  /** A run's acronym and those of its tails ("The Chief Financial Officer": "tcfo", "cfo"). */
  private static void addAcronyms(
      Map<String, List<String>> acronyms, StringBuilder initials, String text, int start, int end) {
    if (initials.length() >= 2) {
      List<String> words = contentWords(text.substring(start, end));
      for (int i = 0; i + 2 <= initials.length(); i++) {
        acronyms.putIfAbsent(initials.substring(i), words);
      }
    }
    initials.setLength(0);
  }

  static String fold(String text) {
    boolean ascii = true;
    for (int i = 0; i < text.length() && ascii; i++) {
      ascii = text.charAt(i) < 128;
    }
    if (ascii) {
      return text.toLowerCase(Locale.ROOT);
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return decomposed
        .toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'')
        .replace('\u2013', '-')
        .replace('\u2014', '-');
  }

  /**
   * A canonical number times the scale word after it, in canonical form ("8.2" and "million" is
   * 8200000, as "8,200,000" reads), or null when the word is not a scale or the number not a plain
   * decimal.
   */
  static @Nullable String scaled(String number, String scale) {
    Integer exponent = SCALES.get(scale);
    if (exponent == null || !PLAIN_NUMBER.matcher(number).matches()) {
      return null;
    }
    return number(new java.math.BigDecimal(number).movePointRight(exponent).toPlainString());
  }

  /**
   * A number token in canonical form: no thousands separators, no leading zeros, no trailing
   * decimal zeros.
   */
  static String number(String token) {
    String t = token.replace(",", "");
    int i = 0;
    while (i < t.length() - 1 && t.charAt(i) == '0' && Character.isDigit(t.charAt(i + 1))) {
      i++;
    }
    t = t.substring(i);
    int dot = t.indexOf('.');
    if (dot >= 0 && t.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
      int end = t.length();
      while (end > dot + 1 && t.charAt(end - 1) == '0') {
        end--;
      }
      if (end == dot + 1) {
        end = dot;
      }
      t = t.substring(0, end);
    }
    return t;
  }

  static String stem(String word) {
    if (word.length() <= 3 || !Character.isLetter(word.charAt(0))) {
      return word;
    }
    char last = word.charAt(word.length() - 1);
    String stemmed = word;
    if (last >= 'a' && last <= 'z') {
      for (String suffix : SUFFIXES_BY_LAST[last - 'a']) {
        if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
          String base = word.substring(0, word.length() - suffix.length());
          if (suffix.equals("ies") || suffix.equals("ied")) {
            return base + "y";
          }
          if (base.length() > 3
              && base.charAt(base.length() - 1) == base.charAt(base.length() - 2)) {
            base = base.substring(0, base.length() - 1);
          }
          stemmed = base;
          break;
        }
      }
    }
    if (stemmed.length() > 3 && stemmed.charAt(stemmed.length() - 1) == 'e') {
      stemmed = stemmed.substring(0, stemmed.length() - 1);
    }
    return stemmed;
  }
}
