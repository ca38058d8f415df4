package dev.evalgate.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates a text states with a month ("25 November 2002", "November 25, 2002", "March 2003",
 * "2002-11-25"), so that two texts can be compared as dates: an answer that gives another month or
 * day of the same year names another date, and one that gives the year alone is less precise, not
 * wrong.
 */
final class DateMentions {
  /** A date: {@code day} is 0 when the text gives the month and year only. */
  record Date(int year, int month, int day) {
    /** The same date as far as both say: same year and month, and same day when both give one. */
    boolean agrees(Date other) {
      return year == other.year
          && month == other.month
          && (day == 0 || other.day == 0 || day == other.day);
    }
  }

  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
  private static final String YEAR = "(\\d{4})\\b";

  /** "25 november 2002", "25th of november, 2002". */
  private static final Pattern DAY_FIRST =
      Pattern.compile("\\b" + DAY + "\\s+(?:of\\s+)?" + MONTH + ",?\\s+" + YEAR);

  /** "november 25, 2002", and "november 2002" (no day). */
  private static final Pattern MONTH_FIRST =
      Pattern.compile("\\b" + MONTH + "\\s+(?:" + DAY + ",?\\s+)?" + YEAR);

  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private DateMentions() {}

  /** The dates a text states with their month, in the order found. */
  static List<Date> of(String text) {
    if (!hasYear(text)) {
      return List.of(); // every form needs a year: most texts are skipped without a regex
    }
    String folded = Lexicon.fold(text).replace('\u00a0', ' ');
    List<Date> dates = new ArrayList<>();
    Matcher m = DAY_FIRST.matcher(folded);
    while (m.find()) {
      add(dates, m.group(3), m.group(2), m.group(1));
    }
    m = MONTH_FIRST.matcher(folded);
    while (m.find()) {
      add(dates, m.group(3), m.group(1), m.group(2));
    }
    m = ISO.matcher(folded);
    while (m.find()) {
      int month = Integer.parseInt(m.group(2));
      if (month >= 1 && month <= 12) {
        dates.add(new Date(Integer.parseInt(m.group(1)), month, Integer.parseInt(m.group(3))));
      }
    }
    return dates;
  }

  /** Whether the text has a run of exactly four digits. */
  private static boolean hasYear(String text) {
    int run = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        run++;
      } else {
        if (run == 4) {
          return true;
        }
        run = 0;
      }
    }
    return false;
  }

  private static void add(List<Date> dates, String year, String month, String day) {
    int d = day == null ? 0 : Integer.parseInt(day);
    if (d > 31) {
      return;
    }
    Date date = new Date(Integer.parseInt(year), MONTHS.indexOf(month.substring(0, 3)) + 1, d);
    // "25 november 2002" is also found as "november 2002" by the second pattern: keep the precise
    dates.removeIf(other -> d > 0 && other.day() == 0 && other.agrees(date));
    if (dates.stream().noneMatch(other -> other.agrees(date))) {
      dates.add(date);
    }
  }

  /**
   * Whether the answer names another date in the year of one of the reference's dates, and none
   * that agrees with it ("July 4, 1776" for "July 2, 1776"; "December 1968" for "November 8,
   * 1968").
   */
  static boolean conflicts(List<Date> answer, List<Date> reference) {
    for (Date r : reference) {
      boolean agreed = false;
      boolean other = false;
      for (Date a : answer) {
        agreed |= a.agrees(r);
        other |= a.year() == r.year() && !a.agrees(r);
      }
      if (other && !agreed) {
        return true;
      }
    }
    return false;
  }

  /** Whether the answer names a date that agrees with one of the reference's. */
  static boolean agrees(List<Date> answer, List<Date> reference) {
    for (Date r : reference) {
      for (Date a : answer) {
        if (a.agrees(r)) {
          return true;
        }
      }
    }
    return false;
  }
}
