#!/usr/bin/env python3
"""Writes the support-ticket dataset used by the examples (deterministic; written for EvalGate's examples)."""
import json, random, sys

random.seed(20261122)
names = ["Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia", "Tim", "Hedy",
         "Alan", "Katherine", "John", "Sophie", "Yukihiro", "Guido", "Anders", "Bjarne"]
products = [("Aurora desk lamp", 49.90), ("Nimbus pillow", 29.00), ("Vector backpack", 89.00), ("Pulse earbuds", 119.00),
            ("Terra plant pot", 19.50), ("Orbit kettle", 64.00), ("Summit hiking boots", 149.00), ("Lumen e-reader", 129.00)]
templates = {
  "refund": ["I returned the {p} on {d} and still haven't got my refund of ${a}. Order {o}.",
             "Hi, the {p} arrived broken. I want my money back please ({o}).",
             "Can I get a refund for order {o}? The {p} is not what I expected."],
  "shipping": ["Where is my order {o}? The {p} was supposed to arrive on {d}.",
               "Tracking for {o} hasn't updated in 5 days. Is the {p} lost?",
               "Can you ship the {p} (order {o}) to my office instead of my home?"],
  "billing": ["I was charged twice for order {o} (${a} each). Please fix this.",
              "Why does my invoice for {o} show ${a} when the {p} was on sale?",
              "My card was declined for {o} but the money left my account."],
  "account": ["I can't log in to my account, the reset email never arrives.",
              "Please change the email on my account to {n}@example.org.",
              "How do I delete my account and all my data?"],
  "product": ["Does the {p} work with 110V outlets?", "Is the {p} waterproof? Thinking of buying one.",
              "The {p} manual is missing; where can I find setup instructions?"],
  "other": ["Do you have a student discount?", "I love the {p}! Just wanted to say thanks.",
            "Are you hiring customer support staff in Lisbon?"],
}
priority_of = {"refund": "normal", "shipping": "normal", "billing": "high", "account": "normal", "product": "low", "other": "low"}
rows = []
cats = list(templates)
for i in range(1, 201):
    cat = cats[(i * 7) % len(cats)]
    p, price = random.choice(products)
    t = random.choice(templates[cat]).format(p=p, d=f"2026-10-{random.randint(1, 28):02d}", a=f"{price:.2f}",
                                             o=f"A-{100000 + i * 37}", n=random.choice(names).lower())
    tier = random.choice(["standard", "standard", "plus", "premium"])
    prio = "urgent" if (cat == "billing" and tier == "premium") else priority_of[cat]
    rows.append({"id": f"ticket-{i:04d}", "ticket": t, "customer_tier": tier, "customer": random.choice(names),
                 "expected_category": cat, "expected_priority": prio, "expect": "comply"})
out = sys.argv[1]
with open(out, "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
print(f"wrote {len(rows)} tickets to {out}")
