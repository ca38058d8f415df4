package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's messages, cut to the part a person needs (no source dumps, no nested locations). */
final class JsonErrors {
  private JsonErrors() {}

  static String brief(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "malformed JSON";
    }
    for (String cut : new String[] {"\n", " (start marker", " at [Source"}) {
      int at = message.indexOf(cut);
      if (at > 0) {
        message = message.substring(0, at);
      }
    }
    return message.strip();
  }
}
