"""The question types a quiz can hold, and how a timeline answer is scored.

They live beside the models, not in the generator: a stored `Question` needs
its type's choices and its grading whether or not anything is generated.
"""

from __future__ import annotations

from collections.abc import Sequence


class QuestionType:
    CHOICE = "choice"
    EVENT_YEAR = "event_year"
    YEAR_EVENT = "year_event"
    TIMELINE = "timeline"
    TYPED = "typed"

    labels = {
        CHOICE: "Multiple choice",
        EVENT_YEAR: "Which year? (given the event)",
        YEAR_EVENT: "Which event? (given the year)",
        TIMELINE: "Timeline ordering",
        TYPED: "Type the answer",
    }
    choices = list(labels.items())
    all = list(labels)


def order_score(correct_order: Sequence[int], given_order: Sequence[int]) -> float:
    """Share of item pairs the learner put in the right relative order (1.0 = all right).

    Equal to (1 + Kendall's tau) / 2 between the given and the true order.
    """
    if sorted(given_order) != sorted(correct_order):
        raise ValueError("the given order is not a permutation of the items")
    n = len(correct_order)
    if n < 2:
        return 1.0
    rank = {item: position for position, item in enumerate(given_order)}
    pairs = n * (n - 1) // 2
    right = sum(1 for i in range(n) for j in range(i + 1, n) if rank[correct_order[i]] < rank[correct_order[j]])
    return right / pairs
