"""Replacing a bad question of an assignment with another one from its topic set.

Allowed only while nobody has finished an attempt on the assignment and nobody has answered that
question yet: the students who answer it afterwards all see the new question, so the class still
answers the same items. Once an answer exists, the question stays as it was answered.

The replacement is drawn from the assignment's topic set with a fresh seed: a question of the same type
if one can be built, about facts the assignment does not ask about yet. The row is updated in place
(same position) by one conditional UPDATE that re-checks the rule, so an answer or a finish that lands
meanwhile makes the swap refuse rather than change a question under a student who answered it.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.db.models import Exists, OuterRef

from quiz.attempts import frozen_fields
from quiz.classes import preview_questions
from quiz.models import Answer, Assignment, Attempt, Question, QuestionFact

# How many candidate quizzes to draw before giving up on finding a fresh question.
DRAWS = 3


class SwapRefused(Exception):
    """The question cannot be swapped; the message says why."""


def swap_blocker(*, assignment: Assignment, question: Question) -> str | None:
    """Why the question cannot be swapped now, or None: two queries."""
    if Attempt.objects.finished().filter(quiz_id=assignment.quiz_id).exists():
        return "A student has finished this assignment: its questions can no longer be swapped."
    if Answer.objects.filter(question=question).exists():
        return "A student has already answered this question: it can no longer be swapped."
    return None


def swappable_question_ids(*, assignment: Assignment) -> set[int]:
    """The assignment's questions that may be swapped now: two queries whatever their number."""
    if Attempt.objects.finished().filter(quiz_id=assignment.quiz_id).exists():
        return set()
    answered = Answer.objects.filter(question=OuterRef("pk"))
    return set(
        Question.objects.filter(quiz_id=assignment.quiz_id).exclude(Exists(answered)).values_list("pk", flat=True)
    )


@transaction.atomic
def swap_question(*, assignment: Assignment, question: Question, seed: int | None = None) -> Question:
    """Replace the question in place with another one from the assignment's topic set (SwapRefused if not)."""
    if question.quiz_id != assignment.quiz_id:
        raise SwapRefused("That question is not part of this assignment.")
    blocker = swap_blocker(assignment=assignment, question=question)
    if blocker:
        raise SwapRefused(blocker)
    asked = set(
        QuestionFact.objects.filter(question__quiz_id=assignment.quiz_id)
        .exclude(question=question)
        .values_list("fact_id", flat=True)
    ) | set(question.fact_ids)
    rng = random.Random(seed)
    replacement = None
    for _ in range(DRAWS):
        fresh = [
            built
            for built in preview_questions(topic_set=assignment.topic_set, seed=rng.randrange(2**31))
            if not asked.intersection(built.fact_ids)
        ]
        same_type = [built for built in fresh if built.type == question.type]
        if same_type or fresh:
            replacement = (same_type or fresh)[0]
            break
    if replacement is None:
        raise SwapRefused("The topic set holds no other question to swap in: widen it, or keep this question.")
    fields = frozen_fields(replacement)
    # Re-checked in the UPDATE itself: an answer or a finish that landed since the check above wins.
    finished = Attempt.objects.finished().filter(quiz_id=assignment.quiz_id)
    answered = Answer.objects.filter(question_id=question.pk)
    updated = (
        Question.objects.filter(pk=question.pk)
        .exclude(Exists(finished))
        .exclude(Exists(answered))
        .update(**{"item_dates": [], **fields})
    )
    if not updated:
        raise SwapRefused("A student answered this question (or finished) just now: it was not swapped.")
    QuestionFact.objects.filter(question_id=question.pk).delete()
    QuestionFact.objects.bulk_create(
        QuestionFact(question_id=question.pk, fact_id=fact_id) for fact_id in fields["fact_ids"]
    )
    question.refresh_from_db()
    return question
