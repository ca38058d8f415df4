package dev.evalgate.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void redactsEmailsLuhnValidCardsPhonesAndCustomPatterns() {
    Redactor redactor = Redactor.parse("email,card,phone,regex:ACME-\\d{6}");

    assertThat(
            redactor.apply(
                "Mail ada.l@example.org, card 4111 1111 1111 1111, call +44 20 7946 0958, account"
                    + " ACME-123456."))
        .isEqualTo(
            "Mail [REDACTED:email], card [REDACTED:card], call [REDACTED:phone], account"
                + " [REDACTED:custom].");
  }

  @Test
  void findsCardNumbersInEveryLayoutTheCheapPreconditionLetsThrough() {
    Redactor card = Redactor.parse("card");
    for (String number :
        new String[] {
          "4111111111111111",
          "4111-1111-1111-1111",
          "4111 1111 1111 1111",
          "4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1",
          "378282246310005",
          "3782 822463 10005",
          "6011 0009 9013 9424",
          "4222222222222"
        }) {
      assertThat(card.apply("pay with " + number + "."))
          .as(number)
          .isEqualTo("pay with [REDACTED:card].");
    }
    assertThat(card.apply("ids 4111 1111 1111  1111 and 12 34 56 78 90 12 34 5"))
        .as("two spaces break a number")
        .isEqualTo("ids 4111 1111 1111  1111 and 12 34 56 78 90 12 34 5");
  }

  @Test
  void leavesNumbersThatAreNotCardsAlone() {
    assertThat(Redactor.parse("card").apply("Order 1234 5678 9012 3456 shipped"))
        .isEqualTo("Order 1234 5678 9012 3456 shipped");
  }

  @Test
  void theDefaultsHideCredentialShapesPhonesEmailsAndCards() {
    Redactor defaults = Redactor.parse(Redactor.DEFAULT_RULES);

    assertThat(
            defaults.apply(
                "AWS AKIAIOSFODNN7EXAMPLE, header Authorization: Bearer"
                    + " abcdefghijklmnop0123456789.xyz, token"
                    + " eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c,"
                    + " keys sk-proj-AbCdEfGhIjKlMnOpQrStUv123 and"
                    + " ghp_0123456789abcdefghijABCDEFGHIJ012345"))
        .isEqualTo(
            "AWS [REDACTED:aws-key], header Authorization: [REDACTED:bearer], token [REDACTED:jwt],"
                + " keys [REDACTED:api-key] and [REDACTED:api-key]");
    assertThat(
            defaults.apply(
                "key:\n"
                    + "-----BEGIN RSA PRIVATE KEY-----\n"
                    + "MIIEow\n"
                    + "IBAAK\n"
                    + "-----END RSA PRIVATE KEY-----\n"
                    + "done"))
        .isEqualTo("key:\n[REDACTED:private-key]\ndone");
    assertThat(defaults.apply("cut -----BEGIN PRIVATE KEY-----\nMIIE"))
        .as("a key that lost its end")
        .isEqualTo("cut [REDACTED:private-key]");
    for (String phone :
        new String[] {
          "+44 20 7946 0958",
          "(415) 555-0100",
          "415-555-0100",
          "415.555.0100",
          "+1-202-555-0143",
          "020 7946 0958",
          "+33 1 42 68 53 00"
        }) {
      assertThat(defaults.apply("call " + phone + " now"))
          .as(phone)
          .isEqualTo("call [REDACTED:phone] now");
    }
  }

  @Test
  void datesTimesVersionsAddressesAndAmountsAreNotPhones() {
    Redactor phone = Redactor.parse("phone");
    for (String text :
        new String[] {
          "on 2024-01-15 at 10:30",
          "from 15.01.2024 to 16.01.2024",
          "version 1.22.4.1",
          "host 192.168.100.200",
          "costs 1,250,000.50 USD",
          "order 12345",
          "in 2023 and 2024",
          "ISBN 978-3-16-148410-0 x",
          "call 555-0100",
          "pi 3.14159265358979"
        }) {
      assertThat(phone.apply(text)).as(text).isEqualTo(text);
    }
  }

  @Test
  void theRunsOwnSecretsGoFirstAndWhole() {
    Redactor redactor =
        Redactor.parse("none")
            .withSecrets(java.util.List.of("gw-token-1234", "gw-token-1234-extended"));

    assertThat(redactor.apply("sent gw-token-1234-extended and gw-token-1234"))
        .isEqualTo("sent [REDACTED] and [REDACTED]");
    assertThat(redactor.firstMatch("nothing here")).isNull();
    assertThat(Redactor.SECRETS.firstMatch("use AKIAIOSFODNN7EXAMPLE")).isEqualTo("aws-key");
  }

  @Test
  void badRulesAreExplained() {
    assertThatThrownBy(() -> Redactor.parse("emails"))
        .hasMessage(
            "unknown redaction rule 'emails'; expected a comma-separated list of email, card,"
                + " phone, secrets, private-key, jwt, bearer, aws-key, api-key, regex:PATTERN or"
                + " none");
    assertThatThrownBy(() -> Redactor.parse("regex:[a-"))
        .hasMessageStartingWith("redaction rule 'regex:[a-' is not a valid regular expression: ");
  }

  /**
   * The default rules on adversarial texts take time in proportion to the text: the time per
   * character of a 128 KB text may not exceed three times that of an 8 KB one (a ratio within one
   * JVM, fastest of several samples; a quadratic rule makes it 16).
   */
  @Test
  void timePerCharacterDoesNotGrowWithTheText() {
    Redactor defaults =
        Redactor.parse(Redactor.DEFAULT_RULES).withSecrets(java.util.List.of("gw-token-1234"));
    java.util.Map<String, String> pieces = new java.util.LinkedHashMap<>();
    pieces.put("one long word and an @", "x");
    pieces.put("at signs", "a@b ");
    pieces.put("digits", "12 345 678 9");
    pieces.put("key beginnings", "-----BEGIN PRIVATE KEY-----\n");
    pieces.put("token beginnings", "eyJabcdefg.eyJ Bearer sk-AKIA ");
    for (java.util.Map.Entry<String, String> piece : pieces.entrySet()) {
      String small = piece.getValue().repeat((8 << 10) / piece.getValue().length()) + "@";
      String large = piece.getValue().repeat((128 << 10) / piece.getValue().length()) + "@";
      // A ratio over the limit is measured again, twice at most: other processes on a shared
      // machine
      // can slow one measurement down, but not every one, while quadratic work fails each time.
      double ratio = Double.MAX_VALUE;
      for (int attempt = 0; attempt < 3 && ratio >= 3.0; attempt++) {
        double smallPerChar = nanosPerChar(defaults, small, Long.MAX_VALUE);
        // a first run of the large text far beyond linear growth fails at once instead of being
        // sampled
        ratio =
            Math.min(
                ratio,
                nanosPerChar(
                        defaults,
                        large,
                        (long) (smallPerChar * large.length() * 12) + 1_000_000_000L)
                    / smallPerChar);
      }
      assertThat(ratio)
          .as("%s: time per character at 128 KB / at 8 KB", piece.getKey())
          .isLessThan(3.0);
    }
  }

  private static double nanosPerChar(Redactor redactor, String text, long firstRunLimitNanos) {
    long first = System.nanoTime();
    redactor.apply(text);
    assertThat(System.nanoTime() - first)
        .as("one run over %,d characters, in ns", text.length())
        .isLessThan(firstRunLimitNanos);
    for (int i = 0; i < 2; i++) {
      redactor.apply(text);
    }
    double best = Double.MAX_VALUE;
    for (int sample = 0; sample < 5; sample++) {
      long start = System.nanoTime();
      int runs = 0;
      do {
        redactor.apply(text);
        runs++;
      } while (System.nanoTime() - start < 20_000_000L);
      best = Math.min(best, (double) (System.nanoTime() - start) / runs);
    }
    return best / text.length();
  }
}
