package com.example.support;

import java.util.Map;
import java.util.TreeMap;

/** The shop's orders: a fixed table, as a database would hold them. */
public final class Orders {
  /** One order: its status and what it holds. */
  public record Order(String id, String status, String item) {}

  private final Map<String, Order> orders = new TreeMap<>();

  public static Orders sample() {
    Orders orders = new Orders();
    String[] statuses = {"shipped", "delivered", "processing", "delayed", "delivered"};
    String[] items = {"desk lamp", "office chair", "monitor stand", "keyboard", "standing desk"};
    for (int i = 0; i < 50; i++) {
      String id = "A-" + (100000 + i * 7);
      orders.orders.put(id, new Order(id, statuses[i % statuses.length], items[i % items.length]));
    }
    return orders;
  }

  public Order find(String id) {
    return orders.get(id);
  }
}
