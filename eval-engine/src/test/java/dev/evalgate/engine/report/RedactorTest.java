package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void redactsEmailsLuhnValidCardsPhonesAndCustomPatterns() {
    Redactor redactor = Redactor.parse("email,card,phone,regex:ACME-\\d{6}");

    assertThat(redactor.apply("Mail ada.l@example.org, card 4111 1111 1111 1111, call +44 20 7946 0958, account ACME-123456."))
        .isEqualTo("Mail [REDACTED:email], card [REDACTED:card], call [REDACTED:phone], account [REDACTED:custom].");
  }

  @Test
  void findsCardNumbersInEveryLayoutTheCheapPreconditionLetsThrough() {
    Redactor card = Redactor.parse("card");
    for (String number : new String[] {"4111111111111111", "4111-1111-1111-1111", "4111 1111 1111 1111", "4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1",
        "378282246310005", "3782 822463 10005", "6011 0009 9013 9424", "4222222222222"}) {
      assertThat(card.apply("pay with " + number + ".")).as(number).isEqualTo("pay with [REDACTED:card].");
    }
    assertThat(card.apply("ids 4111 1111 1111  1111 and 12 34 56 78 90 12 34 5")).as("two spaces break a number")
        .isEqualTo("ids 4111 1111 1111  1111 and 12 34 56 78 90 12 34 5");
  }

  @Test
  void leavesNumbersThatAreNotCardsAlone() {
    assertThat(Redactor.parse("card").apply("Order 1234 5678 9012 3456 shipped")).isEqualTo("Order 1234 5678 9012 3456 shipped");
  }

  @Test
  void badRulesAreExplained() {
    assertThatThrownBy(() -> Redactor.parse("emails"))
        .hasMessage("unknown redaction rule 'emails'; expected email, card, phone, regex:PATTERN or none");
    assertThatThrownBy(() -> Redactor.parse("regex:[a-"))
        .hasMessageStartingWith("redaction rule 'regex:[a-' is not a valid regular expression: ");
  }
}
