package com.example.support;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The retrieval step: the shop's policy paragraph that shares most words with the question. */
public final class PolicyRetriever implements ContentRetriever {
  static final List<String> POLICIES =
      List.of(
          "Returns: items can be returned within 30 days of delivery, unused and in their"
              + " packaging.",
          "Refunds: a refund is paid to the original payment method within 5 business days of"
              + " approval.",
          "Shipping: standard shipping takes 3 to 5 business days; express shipping takes 1 to 2"
              + " business days.",
          "Damaged items: report damage within 7 days of delivery with a photo; we replace or"
              + " refund the item.",
          "Opening hours: support answers Monday to Friday, 9:00 to 17:00 CET.");

  @Override
  public List<Content> retrieve(Query query) {
    Set<String> asked = words(query.text());
    return POLICIES.stream()
        .max(Comparator.comparingLong(p -> words(p).stream().filter(asked::contains).count()))
        .map(Content::from)
        .stream()
        .toList();
  }

  static Set<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
        .filter(w -> w.length() > 3)
        .collect(Collectors.toSet());
  }
}
