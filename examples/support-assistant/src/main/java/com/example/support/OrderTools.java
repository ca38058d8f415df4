package com.example.support;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** The assistant's two tools: it looks orders up and files refund requests. */
public final class OrderTools {
  private final Orders orders;

  public OrderTools(Orders orders) {
    this.orders = orders;
  }

  @Tool("Looks up an order by its id: where it is, whether it has shipped, its status")
  public String lookup_order(@P("the order id, such as A-100037") String order_id) {
    Orders.Order order = orders.find(order_id);
    return order == null
        ? "no order " + order_id
        : order.id() + ": " + order.item() + ", " + order.status();
  }

  @Tool(
      "Files a refund request when the customer wants a refund for a damaged, late or unwanted"
          + " order")
  public String request_refund(
      @P("the order id, such as A-100037") String order_id,
      @P("why the customer wants a refund: damaged, late or other") Reason reason) {
    Orders.Order order = orders.find(order_id);
    return order == null
        ? "no order " + order_id
        : "refund request filed for " + order.id() + " (" + reason + ")";
  }

  /** Why a refund is asked for. */
  public enum Reason {
    damaged,
    late,
    other
  }
}
