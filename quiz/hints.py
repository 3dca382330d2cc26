"""Hints on typed questions: the answer's first letters and length, revealed on request and remembered.

Revealing a hint is a write: the attempt records the step it was revealed at (`Attempt.hinted_step`), by a
guarded update like an answer's, so a stale tab or a finished attempt changes nothing. The answer at that
step is then stored as hinted and, if right, reviewed as Hard. The client cannot take the hint back: the
answer form carries no hint flag, and only the server reads `hinted_step`.
"""

from __future__ import annotations

from quiz import typed_answers
from quiz.models import Attempt, Question


class HintRefused(Exception):
    """No hint for this question now (400: not a typed question; 409: the attempt moved on): nothing written."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


def hint_text(question: Question) -> str:
    """What the hint shows: each word's first letter, the rest as blanks (never more)."""
    return typed_answers.hint(question.key["answer"])


def shown_hint(*, attempt: Attempt, question: Question) -> str:
    """The hint already revealed for this question of the attempt, else ""."""
    if question.is_typed and attempt.hinted_step == question.position:
        return hint_text(question)
    return ""


def reveal_hint(*, attempt: Attempt, question: Question, step: int) -> str:
    """Record that the learner revealed the hint of the attempt's current question (shown at `step`) and
    return it. Asking again for the same step writes nothing and returns the same hint."""
    if not question.is_typed:
        raise HintRefused("Only a “Type the answer” question has a hint.", status=400)
    if question.position != step:
        raise HintRefused("That is not the question this form was shown for: reload the question.", status=409)
    if attempt.hinted_step == step and attempt.is_open and attempt.step == step:
        return hint_text(question)
    revealed = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS, step=step).update(
        hinted_step=step
    )
    if not revealed:
        raise HintRefused(
            "This question has already been answered, or the attempt is closed: no hint was recorded.", status=409
        )
    attempt.hinted_step = step
    return hint_text(question)
