package com.example.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The application code under evaluation: routes a support ticket to a queue. Version 1 looks at a
 * few keywords; version 2 adds more and orders the rules so billing beats refund when both appear.
 */
public final class TicketRouter {
  private final List<Map.Entry<String, List<String>>> rules;

  private TicketRouter(List<Map.Entry<String, List<String>>> rules) {
    this.rules = rules;
  }

  public static TicketRouter v1() {
    return new TicketRouter(
        List.of(
            Map.entry("refund", List.of("refund", "money back")),
            Map.entry("shipping", List.of("where is my order", "tracking", "ship")),
            Map.entry("billing", List.of("charged", "invoice")),
            Map.entry("account", List.of("log in", "password", "account")),
            Map.entry("product", List.of("waterproof", "manual", "work with"))));
  }

  public static TicketRouter v2() {
    return new TicketRouter(
        List.of(
            Map.entry("billing", List.of("charged", "invoice", "card was declined", "vat")),
            Map.entry(
                "refund",
                List.of("refund", "money back", "returned", "sent back", "arrived broken")),
            Map.entry(
                "shipping",
                List.of("where is my order", "tracking", "ship", "courier", "supposed to arrive")),
            Map.entry("account", List.of("log in", "password", "account", "email on my")),
            Map.entry(
                "product", List.of("waterproof", "manual", "work with", "warranty", "110v"))));
  }

  public String route(String ticket) {
    String text = ticket.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> rule : rules) {
      if (rule.getValue().stream().anyMatch(text::contains)) {
        return rule.getKey();
      }
    }
    return "other";
  }
}
