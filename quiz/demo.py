"""The demo class's synthetic students and their history, so a teacher's first look has data in it.

`make run` (the `create_demo_users` command) calls `populate_demo_class` once the demo class and its
assignment exist. Everything is written through the domain functions a real student's requests go
through (`start_assignment`, `start_practice`, `record_answer`, `close_attempt`, `rate_flashcard`), at
backdated moments, so attempts, scores, memory states and reviews agree with each other exactly as they
would for real learners; only an attempt's `started_at` (stamped by the database on insert) is moved back
afterwards.

The students are synthetic (README: "Demo data"): made-up names, no usable password, never listed.
One fixed random seed decides who answers what, so two fresh databases get the same history; a class
that already has its demo students is left alone, so running the command twice changes nothing.

How the answers are drawn: each student has an ability, each question a difficulty, and the chance of a
right answer falls off logistically with their difference (a one-parameter IRT model), so stronger
students do better and harder questions are missed more. Two multiple-choice questions carry a
misconception (most wrong answers pick the same option), and one question is answered the wrong way
round (weaker students do better), which is what a mis-keyed question looks like in the item analysis.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import fsrs
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from quiz.attempts import close_attempt, record_answer, start_practice
from quiz.classes import start_assignment
from quiz.models import Assignment, Attempt, Membership, MemoryState, Question, Quiz
from quiz.scheduling import rate_flashcard

DEMO_SEED = 18
DEMO_USERNAME_PREFIX = "demo-"
# (username suffix, first name, last name, ability): a spread from struggling to strong.
DEMO_STUDENTS = [
    ("aigerim", "Aigerim", "Sadykova", 1.6),
    ("bekzod", "Bekzod", "Yusupov", 1.1),
    ("dilnoza", "Dilnoza", "Karimova", 0.8),
    ("erlan", "Erlan", "Abenov", 0.5),
    ("farrukh", "Farrukh", "Rakhimov", 0.3),
    ("gulnara", "Gulnara", "Tokayeva", 0.0),
    ("islam", "Islam", "Mamytov", -0.2),
    ("jamila", "Jamila", "Nazarova", -0.5),
    ("kanat", "Kanat", "Sultanbekov", -0.8),
    ("laylo", "Laylo", "Ergasheva", -1.1),
    ("madina", "Madina", "Orazova", -1.4),
    ("nurlan", "Nurlan", "Zhakupov", 0.2),
]
# Who has not finished (one half way through, one not started), and who took the quiz twice.
IN_PROGRESS = "madina"
NOT_STARTED = "nurlan"
RETAKES = "bekzod"
# How far back the history starts, and how long before now the assignment opened.
HISTORY_DAYS = 21
ASSIGNMENT_OPENED_DAYS_AGO = 9


@dataclass(frozen=True)
class DemoStudent:
    username: str
    first_name: str
    last_name: str
    ability: float


def demo_students() -> list[DemoStudent]:
    return [
        DemoStudent(DEMO_USERNAME_PREFIX + suffix, first, last, ability)
        for suffix, first, last, ability in DEMO_STUDENTS
    ]


def _p_right(ability: float, difficulty: float) -> float:
    return 1 / (1 + math.exp(-1.7 * (ability - difficulty)))


@dataclass(frozen=True)
class ItemModel:
    """How the synthetic class answers one question."""

    difficulty: float
    # A wrong option most wrong answers pick (a shared misconception), or None.
    lure: int | None = None
    # Answered the wrong way round: weaker students do better (what a mis-keyed question looks like).
    reversed: bool = False


def item_models(questions: Sequence[Question], rng: random.Random) -> dict[int, ItemModel]:
    """A difficulty for each question, two misconceptions and one reversed item among the choice questions."""
    choice = [question for question in questions if not question.is_timeline]
    lured = {question.pk for question in choice[:2]}
    reversed_pk = choice[-1].pk if len(choice) > 2 else None
    models = {}
    for question in questions:
        lure = None
        if question.pk in lured:
            wrong = [index for index in range(len(question.options)) if index not in question.key]
            lure = rng.choice(wrong) if wrong else None
        models[question.pk] = ItemModel(
            difficulty=rng.uniform(-1.6, 1.4) if question.pk != reversed_pk else 0.0,
            lure=lure,
            reversed=question.pk == reversed_pk,
        )
    return models


def draw_answer(*, question: Question, model: ItemModel, ability: float, rng: random.Random) -> int | list[int] | str:
    """What a student of this ability gives: right with the model's probability, else a plausible mistake."""
    # A reversed item: twice as steep the wrong way, so the class of a dozen shows it despite the noise.
    effective = -2 * ability if model.reversed else ability
    right = rng.random() < _p_right(effective, model.difficulty)
    if question.is_typed:
        # A typed mistake: another answer of the category when the key knows one (what learners confuse).
        rivals = question.key.get("rivals") or ["I don't remember"]
        return question.key["answer"] if right else rng.choice(rivals)
    if question.is_timeline:
        order = list(question.key)
        if right:
            return order
        # One or two neighbouring events swapped: a near miss, partly credited.
        for _ in range(1 + (rng.random() < 0.4)):
            i = rng.randrange(len(order) - 1)
            order[i], order[i + 1] = order[i + 1], order[i]
        return order if order != list(question.key) else list(reversed(question.key))
    if right:
        return question.key[0]
    wrong = [index for index in range(len(question.options)) if index not in question.key]
    if model.lure is not None and rng.random() < 0.75:
        return model.lure
    return rng.choice(wrong)


def _take_quiz(
    *,
    learner: AbstractBaseUser,
    attempt: Attempt,
    questions: Sequence[Question],
    models: dict[int, ItemModel],
    ability: float,
    start: datetime.datetime,
    rng: random.Random,
    stop_after: int | None = None,
) -> datetime.datetime:
    """Answer the attempt's questions from `start`, 20 to 90 seconds each; finish it unless told to stop."""
    Attempt.objects.filter(pk=attempt.pk).update(started_at=start)
    moment = start
    for question in questions[:stop_after]:
        moment += datetime.timedelta(seconds=rng.randint(20, 90))
        model = models.get(question.pk, ItemModel(difficulty=0.0))
        given = draw_answer(question=question, model=model, ability=ability, rng=rng)
        record_answer(learner=learner, attempt=attempt, question=question, given=given, now=moment)
    if stop_after is None:
        moment += datetime.timedelta(seconds=rng.randint(5, 30))
        close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=moment)
    return moment


def _flashcards(
    *, learner: AbstractBaseUser, fact_ids: Sequence[int], ability: float, when: datetime.datetime, rng: random.Random
) -> None:
    """A flashcard session: each fact rated once, better by stronger students."""
    reps = dict(MemoryState.objects.filter(learner=learner, fact_id__in=fact_ids).values_list("fact_id", "reps"))
    moment = when
    for fact_id in fact_ids:
        moment += datetime.timedelta(seconds=rng.randint(8, 40))
        p = _p_right(ability, 0.0)
        roll = rng.random()
        if roll > p:
            rating = fsrs.Rating.Again
        elif roll > p * 0.8:
            rating = fsrs.Rating.Hard
        elif roll < p * 0.25:
            rating = fsrs.Rating.Easy
        else:
            rating = fsrs.Rating.Good
        state = rate_flashcard(
            learner=learner, fact_id=fact_id, rating=rating, expected_reps=reps.get(fact_id, 0), now=moment
        )
        reps[fact_id] = state.reps


def has_demo_students(*, assignment: Assignment) -> bool:
    return Membership.objects.filter(
        classroom_id=assignment.classroom_id, student__username__startswith=DEMO_USERNAME_PREFIX
    ).exists()


@transaction.atomic
def populate_demo_class(*, assignment: Assignment, now: datetime.datetime) -> int:
    """Give the assignment's class its synthetic students and their history; returns how many were created.

    Nothing is done if the class already has demo students (idempotent), and the same seed gives the same
    history (reproducible, relative to `now`).
    """
    if has_demo_students(assignment=assignment):
        return 0
    rng = random.Random(DEMO_SEED)
    opened = now - datetime.timedelta(days=ASSIGNMENT_OPENED_DAYS_AGO)
    if assignment.opens_at > opened:
        # The history happens over the past days: the demo assignment must have been open then.
        Assignment.objects.filter(pk=assignment.pk).update(opens_at=opened)
        assignment.opens_at = opened
    questions = list(assignment.quiz.questions.order_by("position"))
    models = item_models(questions, rng)
    assignment_facts = sorted({fact_id for question in questions for fact_id in question.fact_ids})
    User = get_user_model()
    created = 0
    for spec in demo_students():
        student = User(username=spec.username, first_name=spec.first_name, last_name=spec.last_name)
        student.set_unusable_password()
        student.save()
        Membership.objects.create(classroom_id=assignment.classroom_id, student=student)
        created += 1
        if spec.username == DEMO_USERNAME_PREFIX + NOT_STARTED:
            continue
        # Practice two to three weeks ago, in most cases.
        day = now - datetime.timedelta(days=rng.randint(14, HISTORY_DAYS), hours=rng.randint(0, 8))
        if rng.random() < 0.75:
            practice = start_practice(
                learner=student, countries=[], themes=[], question_types=["choice"], count=5, seed=rng.randrange(2**31)
            )
            Quiz.objects.filter(pk=practice.quiz_id).update(created_at=day)
            practice_questions = list(practice.quiz.questions.order_by("position"))
            day = _take_quiz(
                learner=student,
                attempt=practice,
                questions=practice_questions,
                models={},
                ability=spec.ability,
                start=day,
                rng=rng,
            )
        # Flashcards on some of the assignment's facts in the week before the assignment.
        studied = rng.sample(assignment_facts, k=min(len(assignment_facts), rng.randint(3, 8)))
        day += datetime.timedelta(days=rng.randint(2, 4))
        _flashcards(learner=student, fact_ids=studied, ability=spec.ability, when=day, rng=rng)
        # The assignment, within the days it has been open.
        start = opened + datetime.timedelta(
            days=rng.randint(1, ASSIGNMENT_OPENED_DAYS_AGO - 3), hours=rng.randint(0, 10)
        )
        start = max(start, day + datetime.timedelta(hours=1))
        attempt = start_assignment(student=student, assignment=assignment, now=start)
        stop_after = len(questions) // 2 if spec.username == DEMO_USERNAME_PREFIX + IN_PROGRESS else None
        day = _take_quiz(
            learner=student,
            attempt=attempt,
            questions=questions,
            models=models,
            ability=spec.ability,
            start=start,
            rng=rng,
            stop_after=stop_after,
        )
        if stop_after is not None:
            continue
        if spec.username == DEMO_USERNAME_PREFIX + RETAKES:
            again = start_assignment(student=student, assignment=assignment, now=day + datetime.timedelta(hours=2))
            day = _take_quiz(
                learner=student,
                attempt=again,
                questions=questions,
                models=models,
                ability=spec.ability + 0.5,
                start=day + datetime.timedelta(hours=2),
                rng=rng,
            )
        # Some review the cards afterwards, missed ones included.
        if rng.random() < 0.6:
            review_day = day + datetime.timedelta(days=1, hours=rng.randint(0, 6))
            if review_day < now:
                _flashcards(learner=student, fact_ids=studied, ability=spec.ability + 0.3, when=review_day, rng=rng)
    return created
