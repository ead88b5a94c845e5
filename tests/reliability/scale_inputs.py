"""The large inputs poa must handle: a 1 MB letter and an answers file with 1,000 items.

Shared by tests/reliability/test_scale.py (which checks they work) and
bench/scale.py (which reports how long they take).
"""

from __future__ import annotations

import random
from pathlib import Path

from poa.answers.model import Answers, CorrectiveAction, PreventiveMeasure, RootCause

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MEGABYTE = 1_000_000


def big_letter(size: int = MEGABYTE) -> str:
    """A letter of `size` characters: real weak paragraphs, and one long run-on paragraph without
    punctuation (the worst case for patterns that scan to the end of a sentence)."""
    base = (FIXTURES / "weak-vtr-letter.txt").read_text(encoding="utf-8")
    rng = random.Random(7)
    words = ("the orders were shipped late because the supplier sent tracking numbers by e-mail and "
             "they went to the spam folder so nobody noticed").split()
    run_on = " ".join(rng.choice(words) for _ in range(size // 60))[: size // 10]
    body = base * ((size - len(run_on)) // len(base) + 1)
    return (body[: size - len(run_on) - 2] + "\n\n" + run_on)[:size]


def many_items(count: int = 1_000) -> Answers:
    """A valid-tracking-rate answers file with `count` items spread over the three sections."""
    rng = random.Random(11)
    orders = [f"11{rng.randint(1, 9)}-{rng.randint(10**6, 10**7 - 1)}-{rng.randint(10**6, 10**7 - 1)}"
              for _ in range(count)]
    third = count // 3
    return Answers(
        kind="valid_tracking_rate",
        root_cause=[RootCause(what=f"Order {orders[i]} was confirmed on 3 November 2026 before the UPS "
                                   "tracking number existed, because my process waited for a supplier "
                                   "e-mail.", why="Nothing checked that tracking was uploaded.",
                              not_caught="I did not look at the Valid Tracking Rate page.")
                    for i in range(third)],
        corrective_actions=[CorrectiveAction(what=f"On 15 November 2026 I entered the UPS tracking number "
                                                  f"for order {orders[i]} in Manage Orders.",
                                             evidence="Screenshot of the order page.")
                            for i in range(third, 2 * third)],
        preventive_measures=[PreventiveMeasure(what=f"Every working day at 16:00 I check order {orders[i]}"
                                                    "-style orders for missing tracking.",
                                               frequency="every working day at 16:00", owner="me",
                                               tool="Valid Tracking Rate page")
                             for i in range(2 * third, count)])
