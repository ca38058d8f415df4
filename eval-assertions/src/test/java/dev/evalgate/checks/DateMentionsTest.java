package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.checks.DateMentions.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates stated with a month, as reference agreement compares them. */
class DateMentionsTest {
  @Test
  void datesAreReadInTheCommonWritingsWithTheMostPreciseKept() {
    assertThat(DateMentions.of("It was created on November 25, 2002."))
        .containsExactly(new Date(2002, 11, 25));
    assertThat(DateMentions.of("25th of Nov. 2002")).containsExactly(new Date(2002, 11, 25));
    assertThat(DateMentions.of("15\u00a0December\u00a02017"))
        .containsExactly(new Date(2017, 12, 15));
    assertThat(DateMentions.of("released in March 2003 and again on 2004-06-01"))
        .containsExactly(new Date(2003, 3, 0), new Date(2004, 6, 1));
    assertThat(DateMentions.of("in 2002, as you may know")).isEmpty();
  }

  @Test
  void anotherMonthOrDayOfTheSameYearConflictsUnlessOneAgrees() {
    List<Date> reference = DateMentions.of("July 2, 1776");
    assertThat(DateMentions.conflicts(DateMentions.of("on July 4, 1776"), reference)).isTrue();
    assertThat(DateMentions.conflicts(DateMentions.of("in December 1776"), reference)).isTrue();
    assertThat(DateMentions.conflicts(DateMentions.of("in July 1776"), reference))
        .as("less precise, not wrong")
        .isFalse();
    assertThat(DateMentions.conflicts(DateMentions.of("on July 2, 1776"), reference)).isFalse();
    assertThat(DateMentions.agrees(DateMentions.of("on 2 July 1776"), reference)).isTrue();
    assertThat(DateMentions.conflicts(DateMentions.of("on May 1, 1801"), reference))
        .as("another year is the figures' business")
        .isFalse();
  }
}
