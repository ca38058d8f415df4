package com.example.support;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;

/** The application: a LangChain4j AI service with the policy retriever and the two order tools. */
public interface SupportAssistant {
  @SystemMessage(
      "You are Acme's support assistant. Use the tools to look orders up and to file refunds;"
          + " answer policy questions from the policy text you are given.")
  String chat(String question);

  /** The assistant on an OpenAI-compatible model at {@code baseUrl}. */
  static SupportAssistant create(String baseUrl, String apiKey, String modelName, Orders orders) {
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(apiKey)
            .modelName(modelName)
            .temperature(0.0)
            .maxRetries(0)
            .build();
    return AiServices.builder(SupportAssistant.class)
        .chatModel(model)
        .tools(new OrderTools(orders))
        .contentRetriever(new PolicyRetriever())
        .build();
  }
}
