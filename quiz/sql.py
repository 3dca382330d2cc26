"""The statements of the hottest requests written in SQL rather than built with the ORM, because building them
cost more than running them (measured on the answer POST and the question page: the guarded update ~25 µs as
SQL vs ~0.6 ms through the ORM, the read ~0.2 ms vs 1.8 ms; the answer's insert and the memory states' read
~0.3 ms each through the ORM, a tenth of that as SQL; the answer's check for a question dropped from scoring
meanwhile ~30 µs vs ~0.9 ms).

Each is a plain function: it acts on the table it names, never on a QuerySet it was called on. Each
docstring gives the ORM code that does the same; `tests/sql/test_orm_equivalence.py` runs both (the ORM
code read from the docstring itself) on SQLite and PostgreSQL and compares what they return and write.
Values cross the boundary through the fields' own methods (`get_db_prep_save` in, the compiler's
converters out), never by hand.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field
from django.db.models.sql import Query

from quiz.models import ID_MAX, QUESTIONS_PER_QUIZ_MAX, Answer, Attempt, MemoryState, Question, Quiz

# What the question page and the answer POST read of an attempt (the rest stays deferred).
ATTEMPT_FIELDS_READ = frozenset(
    {
        "id",
        "quiz",
        "learner",
        "state",
        "step",
        "question_count",
        "score",
        "correct_count",
        "dropped_count",
        "hinted_step",
    }
)


def move_attempt_past(
    *,
    attempt_id: int,
    position: int,
    score: float,
    correct: bool,
    now: datetime.datetime,
    using: str = DEFAULT_DB_ALIAS,
) -> bool:
    """Count one more answer on an attempt that is open and still at question `position`: one guarded
    UPDATE, True if it matched. A closed attempt or a stale step (another tab, a replay, a double click)
    matches no row and changes nothing. The ORM equivalent::

        Attempt.objects.filter(pk=attempt_id, state=Attempt.State.IN_PROGRESS, step=position).update(
            step=F("step") + 1,
            score=F("score") + score,
            correct_count=F("correct_count") + int(correct),
            last_answered_at=now,
        ) == 1
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    step, score_column, correct_count = quote("step"), quote("score"), quote("correct_count")
    sql = (
        f"UPDATE {quote(Attempt._meta.db_table)} SET {step} = {step} + 1, "
        f"{score_column} = {score_column} + %s, {correct_count} = {correct_count} + %s, "
        f"{quote('last_answered_at')} = %s WHERE {quote('id')} = %s AND {quote('state')} = %s AND {step} = %s"
    )
    last_answered_at = Attempt._meta.get_field("last_answered_at").get_db_prep_save(now, connection)
    params = [score, int(correct), last_answered_at, attempt_id, Attempt.State.IN_PROGRESS, position]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


def scoring_mark_changed(*, question_id: int, counted: bool, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the question was dropped from scoring (`counted` True) or restored to it (`counted` False) since
    an answer was graded with `counted`: one SELECT of the question's row by its primary key. The answer path
    asks it while holding its attempt's row (`quiz.question_drops` explains why that is enough). The ORM
    equivalent::

        Question.objects.filter(pk=question_id, dropped_at__isnull=not counted).exists()
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    mark = "IS NOT NULL" if counted else "IS NULL"
    sql = f"SELECT 1 FROM {quote(Question._meta.db_table)} WHERE {quote('id')} = %s AND {quote('dropped_at')} {mark}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [question_id])
        return cursor.fetchone() is not None


def attempt_with_question(
    *, attempt_id: int, learner_id: int, number: int, using: str = DEFAULT_DB_ALIAS
) -> tuple[Attempt, Question | None]:
    """The learner's attempt (Attempt.DoesNotExist if it is not theirs) with its quiz's title, and its
    question `number` (1-based; None if the quiz has no such number), in one SELECT. The ORM equivalent
    (two queries)::

        attempt = (
            Attempt.objects.select_related("quiz")
            .only(*ATTEMPT_FIELDS_READ, "quiz__id", "quiz__title")
            .get(pk=attempt_id, learner_id=learner_id)
        )
        question = Question.objects.filter(quiz_id=attempt.quiz_id, position=number - 1).first()

    The attempt's timestamps and the quiz's other fields are left deferred (Django loads a deferred field
    if something reads it; the query-count tests would show it).
    """
    if not (0 < attempt_id <= ID_MAX and 0 < learner_id <= ID_MAX):
        raise Attempt.DoesNotExist  # also keeps an id past 64 bits from SQLite (OverflowError)
    connection = connections[using]
    quote = connection.ops.quote_name
    attempt_fields = [field for field in Attempt._meta.concrete_fields if field.name in ATTEMPT_FIELDS_READ]
    read = [  # (model, table alias, fields read), in the order of the select list
        (Attempt, "attempt", attempt_fields),
        (Quiz, "quiz", [Quiz._meta.pk, Quiz._meta.get_field("title")]),
        (Question, "question", Question._meta.concrete_fields),
    ]
    select = ", ".join(f"{alias}.{quote(field.column)}" for _, alias, fields in read for field in fields)
    pk, quiz_id = quote("id"), quote("quiz_id")
    sql = (
        f"SELECT {select} FROM {quote(Attempt._meta.db_table)} attempt "
        f"JOIN {quote(Quiz._meta.db_table)} quiz ON quiz.{pk} = attempt.{quiz_id} "
        f"LEFT JOIN {quote(Question._meta.db_table)} question "
        f"ON question.{quiz_id} = attempt.{quiz_id} AND question.{quote('position')} = %s "
        f"WHERE attempt.{pk} = %s AND attempt.{quote('learner_id')} = %s"
    )
    # A number no question can have (URLs and forms carry any integer) asks for position -1: no row.
    position = number - 1 if 1 <= number <= QUESTIONS_PER_QUIZ_MAX else -1
    with connection.cursor() as cursor:
        cursor.execute(sql, [position, attempt_id, learner_id])
        row = cursor.fetchone()
    if row is None:
        raise Attempt.DoesNotExist
    row = to_python(row, [field for _, _, fields in read for field in fields], using=using)
    values = iter(row)
    attempt, quiz, question = (
        model.from_db(using, [field.attname for field in fields], [next(values) for _ in fields])
        for model, _, fields in read
    )
    attempt.quiz = quiz
    return attempt, (question if question.pk is not None else None)


def to_python(row: Sequence, fields: Sequence[Field], *, using: str) -> tuple:
    """A row of these fields' columns as the ORM gives it to Python: the SQL compiler's own converters
    (the backend's, then each field's `from_db_value`), applied by the compiler."""
    compiler, converters = _converters(tuple(fields), connections[using])
    return next(iter(compiler.apply_converters([row], converters))) if converters else tuple(row)


@functools.lru_cache(maxsize=256)
def _converters(fields: tuple[Field, ...], connection) -> tuple:
    """The compiler and its converters for these fields' columns, found once per connection (finding them
    cost more than running the statement they convert)."""
    compiler = Query(None).get_compiler(connection=connection)
    converters = compiler.get_converters([field.get_col(field.model._meta.db_table) for field in fields])
    return compiler, converters


def save_memory_states_if_unchanged(*, states: Sequence[MemoryState], using: str = DEFAULT_DB_ALIAS) -> set[int]:
    """Write reviewed states in one statement, as a compare-and-set; returns the fact ids written.

    A state without a row is inserted. An existing row is updated only if its review count is still one
    less than the state's, i.e. nobody reviewed the fact since it was read; otherwise the row is left as it
    is and its fact id is missing from the result. The ORM cannot put that condition on `bulk_create`'s
    upsert; the equivalent, one statement per state, each in a savepoint (`updated_fields`: every field but
    the id, the learner and the fact)::

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
                **{field.attname: getattr(state, field.attname) for field in updated_fields}
            ):
                written.add(state.fact_id)

    (PostgreSQL and SQLite share the `INSERT ... ON CONFLICT ... DO UPDATE ... WHERE` syntax.)
    """
    if not states:
        return set()
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = [field for field in MemoryState._meta.concrete_fields if not field.primary_key]
    table, reps = quote(MemoryState._meta.db_table), quote("reps")
    row = f"({', '.join(['%s'] * len(fields))})"
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES {', '.join([row] * len(states))} "
        f"ON CONFLICT ({quote('learner_id')}, {quote('fact_id')}) DO UPDATE SET "
        + ", ".join(
            f"{quote(field.column)} = excluded.{quote(field.column)}"
            for field in fields
            if field.name not in ("learner", "fact")
        )
        + f" WHERE {table}.{reps} = excluded.{reps} - 1 RETURNING {quote('id')}, {quote('fact_id')}"
    )
    params = [field.get_db_prep_save(getattr(state, field.attname), connection) for state in states for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = {fact_id: pk for pk, fact_id in cursor.fetchall()}
    for state in states:
        if state.fact_id in written:
            state.pk = written[state.fact_id]
    return set(written)


def insert_answer(answer: Answer, *, using: str = DEFAULT_DB_ALIAS) -> Answer:
    """Store a new answer: one INSERT of every column, the new row's id read back onto it (a second answer to
    the question raises IntegrityError, from the constraint). The ORM equivalent::

        answer.save(force_insert=True)
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = [field for field in Answer._meta.concrete_fields if not field.primary_key]
    sql = (
        f"INSERT INTO {quote(Answer._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(Answer._meta.pk.column)}"
    )
    params = [field.get_db_prep_save(getattr(answer, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        answer.pk = cursor.fetchone()[0]
    answer._state.adding, answer._state.db = False, using
    return answer


def memory_states_of(*, learner_id: int, fact_ids: Sequence[int], using: str = DEFAULT_DB_ALIAS) -> list[MemoryState]:
    """The learner's memory states of these facts (those that exist), in one SELECT, in no particular
    order. The ORM equivalent::

        states = list(MemoryState.objects.filter(learner_id=learner_id, fact_id__in=fact_ids))
    """
    if not fact_ids:
        return []
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = MemoryState._meta.concrete_fields
    sql = (
        f"SELECT {', '.join(quote(field.column) for field in fields)} FROM {quote(MemoryState._meta.db_table)} "
        f"WHERE {quote('learner_id')} = %s AND {quote('fact_id')} IN ({', '.join(['%s'] * len(fact_ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [learner_id, *fact_ids])
        rows = cursor.fetchall()
    names = [field.attname for field in fields]
    return [MemoryState.from_db(using, names, to_python(row, fields, using=using)) for row in rows]
