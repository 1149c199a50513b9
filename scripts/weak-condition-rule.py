#!/usr/bin/env python3
"""How often rule 1 of docs/evaluation-rules.md ("a weak condition") finds a condition,
by its true share in the two most positive levels, under the rule "weak in more than
half of the meetings" and the earlier "in at least three quarters"; both also need the
pooled share below 50 %. Meeting sizes: the coaching ratings of the 12 bundled meetings
(datasets/evaluatie). Deterministic (seed 4), stdlib only.

    python3 scripts/weak-condition-rule.py
"""
import random

SIZES = [23, 23, 10, 9, 12, 7, 12, 15, 18, 12, 16, 8]
RUNS = 40000


def found(p, rule, rng):
    hits = 0
    for _ in range(RUNS):
        tops = [sum(rng.random() < p for _ in range(n)) for n in SIZES]
        pooled = sum(tops) / sum(SIZES)
        weak = sum(t / n < 0.5 for t, n in zip(tops, SIZES))
        most = 2 * weak > len(SIZES) if rule == "half" else weak >= 0.75 * len(SIZES)
        hits += pooled < 0.5 and most
    return hits / RUNS


def main():
    print("true share  more than half  three quarters")
    for p in [0.25, 0.35, 0.40, 0.45, 0.55, 0.60]:
        half = found(p, "half", random.Random(4))
        quarters = found(p, "quarters", random.Random(4))
        print(f"{p:10.2f}  {half:14.3f}  {quarters:14.3f}")


if __name__ == "__main__":
    main()
