"""Each statement of `quiz.sql` against the ORM code its docstring gives: same results, same rows written.

The ORM code run is the docstring's own (read from it, not copied here), so the docstring cannot drift from
what is tested. The suite runs on SQLite and on PostgreSQL (`DATABASE_URL`), so both backends are compared.
"""

from __future__ import annotations

import datetime
import inspect
import textwrap
from collections.abc import Callable

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from quiz import sql
from quiz.models import Answer, Attempt, MemoryState, Question
from tests.factories import AttemptFactory, FactFactory, MemoryStateFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=datetime.UTC)
UPDATED_FIELDS = [
    field
    for field in MemoryState._meta.concrete_fields
    if not field.primary_key and field.name not in ("learner", "fact")
]
# What the docstrings' ORM code refers to besides the function's own arguments.
ORM_NAMES = {
    "Answer": Answer,
    "Attempt": Attempt,
    "ATTEMPT_FIELDS_READ": sql.ATTEMPT_FIELDS_READ,
    "F": F,
    "IntegrityError": IntegrityError,
    "MemoryState": MemoryState,
    "Question": Question,
    "transaction": transaction,
    "updated_fields": UPDATED_FIELDS,
}


def orm_equivalent(function: Callable) -> str:
    """The ORM code in the function's docstring: the indented block after its `::`."""
    block = inspect.getdoc(function).split("::\n", 1)[1].splitlines()
    code = []
    for line in block:
        if line.strip() and not line.startswith("    "):
            break
        code.append(line)
    return textwrap.dedent("\n".join(code)).strip()


def run_orm_equivalent(function: Callable, arguments: dict) -> dict:
    """Run the docstring's ORM code with the function's arguments; returns the names it leaves behind."""
    namespace = {**ORM_NAMES, **arguments}
    exec(orm_equivalent(function), namespace)
    return namespace


def open_attempt() -> Attempt:
    quiz = QuizFactory()
    for position in range(3):
        QuestionFactory(quiz=quiz, position=position, timeline=position == 1)
    return AttemptFactory(quiz=quiz)


# --- move_attempt_past


def orm_move_attempt_past(**arguments) -> bool:
    return eval(orm_equivalent(sql.move_attempt_past), {**ORM_NAMES, **arguments})


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


def orm_attempt_with_question(**arguments) -> tuple[Attempt, Question | None]:
    namespace = run_orm_equivalent(sql.attempt_with_question, arguments)
    return namespace["attempt"], namespace["question"]


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


# --- scoring_mark_changed


@pytest.mark.parametrize("dropped", [False, True])
@pytest.mark.parametrize("counted", [False, True])
def test_scoring_mark_changed_matches_the_orm_read(dropped, counted):
    question = QuestionFactory(dropped_at=NOW if dropped else None)
    arguments = {"question_id": question.pk, "counted": counted}
    orm = eval(orm_equivalent(sql.scoring_mark_changed), {**ORM_NAMES, **arguments})
    assert sql.scoring_mark_changed(**arguments) == orm == (dropped == counted)


def test_scoring_mark_changed_is_false_for_no_such_question():
    assert sql.scoring_mark_changed(question_id=987_654, counted=True) is False


def test_attempt_with_question_refuses_another_learner_as_the_orm_does():
    attempt = open_attempt()
    arguments = {"attempt_id": attempt.pk, "learner_id": UserFactory().pk, "number": 1}
    for read in (sql.attempt_with_question, orm_attempt_with_question):
        with pytest.raises(Attempt.DoesNotExist):
            read(**arguments)


# --- save_memory_states_if_unchanged


def orm_save_memory_states_if_unchanged(**arguments) -> set[int]:
    return run_orm_equivalent(sql.save_memory_states_if_unchanged, arguments)["written"]


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


# --- insert_answer


def answer_row(answer: Answer) -> tuple:
    return Answer.objects.filter(pk=answer.pk).values_list(
        "question_id", "given", "score", "is_correct", "answered_at", "text", "hinted", "memory_before"
    )[0]


def unsaved_answer(attempt, position: int, **fields) -> Answer:
    return Answer(attempt=attempt, question=attempt.quiz.questions.get(position=position), answered_at=NOW, **fields)


@pytest.mark.parametrize(
    ("position", "fields"),
    [
        (0, {"given": 2, "score": 1.0, "is_correct": True}),
        (1, {"given": [2, 0, 1, 3], "score": 0.5, "is_correct": False}),
        (2, {"given": 0, "score": 0.0, "is_correct": False}),
        # A typed answer's own columns: the text, the hint, the memory state "I was right" restores.
        (
            2,
            {
                "given": {"matched": "", "spelling": ""},
                "score": 0.0,
                "is_correct": False,
                "text": "Alma-Ata",
                "hinted": True,
                "memory_before": {"state": 1, "stability": 2.5},
            },
        ),
    ],
)
def test_insert_answer_matches_the_orm_save(position, fields):
    by_sql, by_orm = open_attempt(), open_attempt()
    sql_answer = sql.insert_answer(unsaved_answer(by_sql, position, **fields))
    orm_answer = unsaved_answer(by_orm, position, **fields)
    run_orm_equivalent(sql.insert_answer, {"answer": orm_answer})
    assert answer_row(sql_answer)[1:] == answer_row(orm_answer)[1:]
    assert answer_row(sql_answer)[0] == by_sql.quiz.questions.get(position=position).pk
    # What the caller holds is the stored row, as after the ORM's save.
    assert loaded(sql_answer) == loaded(Answer.objects.get(pk=sql_answer.pk))
    assert not sql_answer._state.adding


def test_insert_answer_refuses_a_second_answer_to_a_question_as_the_orm_does():
    attempt = open_attempt()
    fields = {"given": 1, "score": 0.0, "is_correct": False}
    sql.insert_answer(unsaved_answer(attempt, 0, **fields))
    for insert in (sql.insert_answer, lambda answer: run_orm_equivalent(sql.insert_answer, {"answer": answer})):
        with pytest.raises(IntegrityError), transaction.atomic():
            insert(unsaved_answer(attempt, 0, **fields))


# --- memory_states_of


@pytest.mark.parametrize("asked", ["all", "some", "none", "another learner's"])
def test_memory_states_of_matches_the_orm_read(asked):
    learner, other = UserFactory(), UserFactory()
    mine = [MemoryStateFactory(learner=learner, reps=n + 1, last_review=NOW, step=None if n else 1) for n in range(3)]
    theirs = MemoryStateFactory(learner=other, last_review=NOW)
    fact_ids = {
        "all": [state.fact_id for state in mine],
        "some": [mine[0].fact_id, FactFactory().pk],
        "none": [],
        "another learner's": [theirs.fact_id],
    }[asked]
    arguments = {"learner_id": learner.pk, "fact_ids": fact_ids}
    by_sql = sorted((loaded(state) for state in sql.memory_states_of(**arguments)), key=lambda row: row["id"])
    by_orm = sorted(
        (loaded(state) for state in run_orm_equivalent(sql.memory_states_of, arguments)["states"]),
        key=lambda row: row["id"],
    )
    assert by_sql == by_orm
    assert len(by_sql) == {"all": 3, "some": 1, "none": 0, "another learner's": 0}[asked]
