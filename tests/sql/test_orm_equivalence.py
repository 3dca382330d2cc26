"""Each statement of `quiz.sql` against the ORM code its docstring gives: same results, same rows written.

The suite runs on SQLite and on PostgreSQL (`DATABASE_URL`), so both backends are compared.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from quiz import sql
from quiz.models import Attempt, MemoryState, Question
from tests.factories import AttemptFactory, FactFactory, MemoryStateFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=datetime.UTC)


def open_attempt() -> Attempt:
    quiz = QuizFactory()
    for position in range(3):
        QuestionFactory(quiz=quiz, position=position, timeline=position == 1)
    return AttemptFactory(quiz=quiz)


# --- move_attempt_past


def orm_move_attempt_past(*, attempt_id: int, position: int, score: float, correct: bool, now) -> bool:
    return (
        Attempt.objects.filter(pk=attempt_id, state=Attempt.State.IN_PROGRESS, step=position).update(
            step=F("step") + 1,
            score=F("score") + score,
            correct_count=F("correct_count") + int(correct),
            last_answered_at=now,
        )
        == 1
    )


def attempt_row(attempt: Attempt) -> tuple:
    return Attempt.objects.filter(pk=attempt.pk).values_list(
        "state", "step", "score", "correct_count", "last_answered_at"
    )[0]


# (position, score, correct, close the attempt first): the current step, a stale one, one ahead, a closed attempt.
MOVES = [
    [(0, 1.0, True, False)],
    [(0, 0.5, False, False), (1, 1.0, True, False)],
    [(0, 1.0, True, False), (0, 1.0, True, False)],
    [(2, 1.0, True, False)],
    [(0, 1.0, True, True)],
]


@pytest.mark.parametrize("moves", MOVES)
def test_move_attempt_past_matches_the_orm_update(moves):
    by_sql, by_orm = open_attempt(), open_attempt()
    for position, score, correct, close in moves:
        results = []
        for attempt, move in ((by_sql, sql.move_attempt_past), (by_orm, orm_move_attempt_past)):
            if close:
                Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.FINISHED, finished_at=NOW)
            results.append(move(attempt_id=attempt.pk, position=position, score=score, correct=correct, now=NOW))
        assert results[0] == results[1]
        assert attempt_row(by_sql) == attempt_row(by_orm)


# --- attempt_with_question


def orm_attempt_with_question(*, attempt_id: int, learner_id: int, number: int) -> tuple[Attempt, Question | None]:
    attempt = (
        Attempt.objects.select_related("quiz")
        .only(*sql.ATTEMPT_FIELDS_READ, "quiz__id", "quiz__title")
        .get(pk=attempt_id, learner_id=learner_id)
    )
    question = Question.objects.filter(quiz_id=attempt.quiz_id, position=number - 1).first()
    return attempt, question


def loaded(instance) -> dict:
    """The field values an instance came with (deferred fields left out), converted to Python."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in instance.get_deferred_fields()
    }


@pytest.mark.parametrize("number", [0, 1, 2, 3, 4])
def test_attempt_with_question_matches_the_orm_read(number):
    attempt = open_attempt()
    Attempt.objects.filter(pk=attempt.pk).update(step=1, score=0.5, last_answered_at=NOW)
    arguments = {"attempt_id": attempt.pk, "learner_id": attempt.learner_id, "number": number}
    (sql_attempt, sql_question), (orm_attempt, orm_question) = (
        sql.attempt_with_question(**arguments),
        orm_attempt_with_question(**arguments),
    )
    assert loaded(sql_attempt) == loaded(orm_attempt)
    assert sql_attempt.get_deferred_fields() == orm_attempt.get_deferred_fields()
    assert loaded(sql_attempt.quiz) == loaded(orm_attempt.quiz)
    assert (loaded(sql_question) if sql_question else None) == (loaded(orm_question) if orm_question else None)


def test_attempt_with_question_refuses_another_learner_as_the_orm_does():
    attempt = open_attempt()
    arguments = {"attempt_id": attempt.pk, "learner_id": UserFactory().pk, "number": 1}
    for read in (sql.attempt_with_question, orm_attempt_with_question):
        with pytest.raises(Attempt.DoesNotExist):
            read(**arguments)


# --- save_memory_states_if_unchanged

UPDATED_FIELDS = [
    field
    for field in MemoryState._meta.concrete_fields
    if not field.primary_key and field.name not in ("learner", "fact")
]


def orm_save_memory_states_if_unchanged(*, states) -> set[int]:
    written = set()
    for state in states:
        if state.pk is None:
            try:
                with transaction.atomic():
                    state.save(force_insert=True)
            except IntegrityError:  # a first review raced ours: the row exists now
                continue
            written.add(state.fact_id)
        elif MemoryState.objects.filter(pk=state.pk, reps=state.reps - 1).update(
            **{field.attname: getattr(state, field.attname) for field in UPDATED_FIELDS}
        ):
            written.add(state.fact_id)
    return written


def scenario() -> tuple[list[MemoryState], list[int]]:
    """For a new learner: a new state, one read at the current review count, one read before another
    review, and a first review racing an existing row. Returns the states to write and the facts."""
    learner = UserFactory()
    now = NOW
    new = MemoryState(learner=learner, fact=FactFactory(), state=1, stability=1.0, difficulty=5.0, reps=1)
    new.due = new.last_review = now
    current = MemoryStateFactory(learner=learner, reps=3, last_review=NOW)
    stale = MemoryStateFactory(learner=learner, reps=3, last_review=NOW)
    raced = MemoryStateFactory(learner=learner, reps=1, last_review=NOW)
    current.reps, current.stability = 4, 99.0
    stale.stability = 98.0  # read at reps 2, so written with reps 3: someone reviewed it since
    first = MemoryState(learner=learner, fact=raced.fact, state=1, stability=2.0, difficulty=5.0, reps=1)
    first.due = first.last_review = now
    states = [new, current, stale, first]
    return states, [state.fact_id for state in states]


def memory_rows(learner_id: int, facts: list[int]) -> list[tuple]:
    fields = [field.attname for field in UPDATED_FIELDS]
    return [
        tuple(MemoryState.objects.filter(learner_id=learner_id, fact_id=fact_id).values_list(*fields).get())
        for fact_id in facts
    ]


def test_save_memory_states_if_unchanged_matches_the_orm_writes():
    sql_states, sql_facts = scenario()
    orm_states, orm_facts = scenario()
    sql_written = sql.save_memory_states_if_unchanged(states=sql_states)
    orm_written = orm_save_memory_states_if_unchanged(states=orm_states)
    # Same facts written (by position in the scenario), same rows after, and ids on the states written.
    assert [fact in sql_written for fact in sql_facts] == [fact in orm_written for fact in orm_facts]
    assert [fact in sql_written for fact in sql_facts] == [True, True, False, False]
    assert memory_rows(sql_states[0].learner_id, sql_facts) == memory_rows(orm_states[0].learner_id, orm_facts)
    for state in sql_states + orm_states:
        if state.fact_id in sql_written | orm_written:
            assert MemoryState.objects.get(pk=state.pk).fact_id == state.fact_id
