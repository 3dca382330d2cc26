"""Classes, topic sets and assignments: what instructors set up and students join and take.

An assignment freezes its topic set into one quiz when it is given, so every
student of the class answers the same items: the class report compares like
with like and the item analysis has one question per item.

A student's status on an assignment (`AssignmentStatus`):
- not open yet: before `opens_at` (listed, cannot be started);
- not started: no attempt;
- in progress: an attempt, but none finished (or, with a mastery target, the
  target not reached yet);
- done: a finished attempt (and the target reached); done late when that
  happened after `due_at` (late work is accepted, and marked);
- overdue: past `due_at` and not done.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count, DurationField, F, Max, Min, Q, Sum, TextChoices
from django.db.models.functions import Coalesce

from content.models import Country, Fact, Theme
from quiz import generator
from quiz.attempts import NoQuestions, store_quiz
from quiz.models import (
    Assignment,
    Attempt,
    Classroom,
    Membership,
    MemoryState,
    Question,
    QuestionFact,
    TopicSet,
    mastery_expression,
    minutes_from_seconds,
    new_join_code,
)
from quiz.regrading import lock_scoring


class JoinRefused(Exception):
    """A join code that does not open a class; the message says why."""


@transaction.atomic
def join_classroom(*, student: AbstractBaseUser, code: str, now: datetime.datetime) -> tuple[Classroom, bool]:
    """Join the class whose code this is; returns (class, joined now). Codes are case- and space-insensitive."""
    normalised = "".join(code.split()).upper()
    classroom = Classroom.objects.filter(join_code=normalised).first()
    if classroom is None:
        raise JoinRefused("No class has this code. Check it with your instructor: codes are 8 letters and digits.")
    if not classroom.code_is_valid(now):
        raise JoinRefused(f"The code for {classroom.name} has expired. Ask your instructor for a new one.")
    if classroom.owner_id == student.pk:
        raise JoinRefused("You teach this class: students join it, not its instructor.")
    _, created = Membership.objects.get_or_create(classroom=classroom, student=student)
    return classroom, created


# Draws of a join code before giving up: 32^8 codes make even a second draw rare.
JOIN_CODE_DRAWS = 5


def _save_with_a_fresh_code(classroom: Classroom, **save_options) -> Classroom:
    """Save the class with a newly drawn join code; a code another class holds fails the unique constraint
    and is drawn again. Any other integrity error (a name the owner already uses) goes to the caller."""
    for _ in range(JOIN_CODE_DRAWS):
        classroom.join_code = new_join_code()
        try:
            with transaction.atomic():
                classroom.save(**save_options)
        except IntegrityError:
            if Classroom.objects.filter(join_code=classroom.join_code).exists():
                continue
            raise
        return classroom
    raise RuntimeError("could not draw an unused join code")


def new_code(*, classroom: Classroom, expires_at: datetime.datetime | None) -> Classroom:
    """Replace the class's join code (the old one stops working at once)."""
    classroom.join_code_expires_at = expires_at
    return _save_with_a_fresh_code(classroom, update_fields=["join_code", "join_code_expires_at"])


@transaction.atomic
def create_classroom(*, owner: AbstractBaseUser, name: str, expires_at: datetime.datetime | None = None) -> Classroom:
    classroom = Classroom(owner=owner, name=name, join_code_expires_at=expires_at)
    return _save_with_a_fresh_code(classroom, force_insert=True)


def remove_student(*, classroom: Classroom, student_id: int) -> bool:
    """Take a student out of the class; their attempts stay in their own history. False if not a member."""
    deleted, _ = Membership.objects.filter(classroom=classroom, student_id=student_id).delete()
    return bool(deleted)


def selection_of(topic_set: TopicSet) -> generator.Selection:
    return generator.Selection(
        country_ids=tuple(country.pk for country in topic_set.countries.all()),
        theme_ids=tuple(theme.pk for theme in topic_set.themes.all()),
        question_types=tuple(topic_set.question_types),
        count=topic_set.question_count,
        fact_ids=tuple(fact.pk for fact in topic_set.facts.all()),
    )


def preview_questions(*, topic_set: TopicSet, seed: int = 0) -> list[generator.GeneratedQuestion]:
    """The questions an assignment of this topic set could hold (each assignment draws its own)."""
    return preview_selection(selection=selection_of(topic_set), seed=seed)


def preview_selection(*, selection: generator.Selection, seed: int = 0) -> list[generator.GeneratedQuestion]:
    """The questions a topic set of this (maybe unsaved) selection could hold: built, never stored."""
    return generator.build_quiz(selection=selection, seed=seed)


@dataclass(frozen=True)
class FactPicker:
    """What the topic set form's hand-pick list shows: the facts picked so far, then the first matches of the
    chosen countries and themes (and the search), `total` matches in all."""

    picked: list[Fact]
    matches: list[Fact]
    total: int
    query: str

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.matches))


def fact_picker(
    *, countries: Sequence[int], themes: Sequence[int], picked: Sequence[int], query: str, limit: int
) -> FactPicker:
    """The picker's facts: three queries (picked, the count of matches, the first matches)."""
    active = Fact.objects.active().order_by("statement", "pk")
    matches = active.in_topic(countries=list(countries), themes=list(themes)).exclude(pk__in=list(picked))
    query = query.strip()
    if query:
        matches = matches.filter(Q(statement__icontains=query) | Q(answer__icontains=query) | Q(key__icontains=query))
    return FactPicker(
        picked=list(active.filter(pk__in=list(picked))),
        matches=list(matches[:limit]),
        total=matches.count(),
        query=query,
    )


@transaction.atomic
def assign(
    *,
    classroom: Classroom,
    topic_set: TopicSet,
    opens_at: datetime.datetime,
    due_at: datetime.datetime,
    mastery_target: int | None = None,
    seed: int | None = None,
    title: str = "",
    instructions: str = "",
) -> Assignment:
    """Give a topic set to a class: build its questions once, as the quiz every student will take.
    Without a title, the assignment (and its quiz) take the topic set's name."""
    title = title.strip() or topic_set.name
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    built = generator.build_quiz(selection=selection_of(topic_set), seed=seed)
    if not built:
        raise NoQuestions("No question can be built from this topic set: widen its countries, themes or types.")
    countries: Sequence[Country] = list(topic_set.countries.all())
    themes: Sequence[Theme] = list(topic_set.themes.all())
    quiz = store_quiz(
        owner=classroom.owner,
        title=title,
        built=built,
        question_types=topic_set.question_types,
        seed=seed,
        countries=countries,
        themes=themes,
    )
    return Assignment.objects.create(
        classroom=classroom,
        topic_set=topic_set,
        quiz=quiz,
        title=title,
        instructions=instructions.strip(),
        opens_at=opens_at,
        due_at=due_at,
        mastery_target=mastery_target,
    )


class NotAvailable(Exception):
    """The assignment cannot be started (not open yet)."""


@transaction.atomic
def start_assignment(*, student: AbstractBaseUser, assignment: Assignment, now: datetime.datetime) -> Attempt:
    """The student's open attempt on the assignment, or a new one (late work is accepted)."""
    if not assignment.is_open_at(now):
        raise NotAvailable(f"{assignment.title} opens on {assignment.opens_at:%d %B %Y at %H:%M}.")
    existing = Attempt.objects.open().filter(quiz_id=assignment.quiz_id, learner=student).first()
    if existing is not None:
        return existing
    # The quiz's row locked, as a drop or restore locks it first (quiz.question_drops): the questions dropped
    # from scoring are counted as they stand, and none is dropped or restored before the attempt exists for
    # that regrade to find. An attempt started after a drop is out of one question fewer, like the others.
    lock_scoring(quiz_id=assignment.quiz_id)
    counts = Question.objects.filter(quiz_id=assignment.quiz_id).aggregate(
        questions=Count("pk"), dropped=Count("pk", filter=Q(dropped_at__isnull=False))
    )
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                quiz_id=assignment.quiz_id,
                learner=student,
                question_count=counts["questions"],
                dropped_count=counts["dropped"],
            )
    except IntegrityError:
        # Another request (a double click) opened it first: that one is the attempt.
        return Attempt.objects.open().get(quiz_id=assignment.quiz_id, learner=student)


class AssignmentStatus(TextChoices):
    NOT_OPEN = "not_open", "Not open yet"
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DONE_LATE = "done_late", "Done (late)"
    OVERDUE = "overdue", "Overdue"


@dataclass(frozen=True)
class StudentProgress:
    """One student on one assignment: status, best finished score, time spent, the attempt to resume."""

    status: AssignmentStatus
    best_percent: int | None
    attempts: int
    seconds_spent: int
    open_attempt_id: int | None
    mastery_percent: int

    @property
    def minutes_spent(self) -> int:
        # The same function as the review's, so the report and the student's review agree.
        return minutes_from_seconds(self.seconds_spent)

    @property
    def is_done(self) -> bool:
        return self.status in (AssignmentStatus.DONE, AssignmentStatus.DONE_LATE)


@dataclass(frozen=True)
class AttemptSummary:
    """A student's attempts on one quiz, abandoned ones aside, summed up in SQL."""

    attempts: int = 0
    best_percent: int | None = None
    seconds_spent: int = 0
    first_finished_at: datetime.datetime | None = None
    last_finished_at: datetime.datetime | None = None
    open_attempt_id: int | None = None


def attempt_summaries(*, quiz_ids: Sequence[int], learner_ids: Sequence[int]) -> dict[tuple[int, int], AttemptSummary]:
    """{(learner, quiz): AttemptSummary}: one grouped query, whatever the number of students or attempts."""
    finished = Q(state=Attempt.State.FINISHED)
    rows = (
        Attempt.objects.filter(quiz_id__in=quiz_ids, learner_id__in=learner_ids)
        .exclude(state=Attempt.State.ABANDONED)
        .values("learner_id", "quiz_id")
        .annotate(
            attempts=Count("pk"),
            # Out of the questions that count: a question dropped from scoring is in neither part.
            best_score=Max(
                F("score") * 100.0 / (F("question_count") - F("dropped_count")),
                filter=finished & Q(question_count__gt=F("dropped_count")),
            ),
            # An attempt's time runs from its start to its finish, or to its latest answer while open.
            spent=Sum(
                Coalesce("finished_at", "last_answered_at", "started_at") - F("started_at"),
                output_field=DurationField(),
            ),
            first_finished_at=Min("finished_at", filter=finished),
            last_finished_at=Max("finished_at", filter=finished),
            open_attempt_id=Max("pk", filter=Q(state=Attempt.State.IN_PROGRESS)),
        )
        .order_by()
    )
    return {
        (row["learner_id"], row["quiz_id"]): AttemptSummary(
            attempts=row["attempts"],
            best_percent=round(row["best_score"]) if row["best_score"] is not None else None,
            seconds_spent=int(row["spent"].total_seconds()) if row["spent"] else 0,
            first_finished_at=row["first_finished_at"],
            last_finished_at=row["last_finished_at"],
            open_attempt_id=row["open_attempt_id"],
        )
        for row in rows
    }


def student_progress(
    *,
    assignment: Assignment,
    summary: AttemptSummary,
    mastery_percent: int,
    now: datetime.datetime,
) -> StudentProgress:
    """Row logic: one student's status from their attempts on the assignment's quiz and their mastery of its facts."""
    target_met = assignment.mastery_target is None or mastery_percent >= assignment.mastery_target
    if summary.first_finished_at and target_met:
        # Done when the first attempt finished (or, with a target, by the attempt that finished last).
        done_at = summary.first_finished_at if assignment.mastery_target is None else summary.last_finished_at
        status = AssignmentStatus.DONE_LATE if done_at > assignment.due_at else AssignmentStatus.DONE
    elif not assignment.is_open_at(now):
        status = AssignmentStatus.NOT_OPEN
    elif now > assignment.due_at:
        status = AssignmentStatus.OVERDUE
    elif summary.attempts:
        status = AssignmentStatus.IN_PROGRESS
    else:
        status = AssignmentStatus.NOT_STARTED
    return StudentProgress(
        status=status,
        best_percent=summary.best_percent,
        attempts=summary.attempts,
        seconds_spent=summary.seconds_spent,
        open_attempt_id=summary.open_attempt_id,
        mastery_percent=mastery_percent,
    )


def mastery_on_quizzes(*, learner_ids: Sequence[int], quiz_ids: Sequence[int]) -> dict[tuple[int, int], int]:
    """{(learner, quiz): mean mastery percent over the quiz's facts}: two queries whatever the sizes.

    Unseen facts count 0, as on the progress page.
    """
    fact_counts = dict(
        QuestionFact.objects.filter(question__quiz_id__in=quiz_ids)
        .values("question__quiz_id")
        .annotate(facts=Count("fact_id", distinct=True))
        .values_list("question__quiz_id", "facts")
    )
    sums = (
        MemoryState.objects.filter(learner_id__in=learner_ids, fact__quiz_questions__quiz_id__in=quiz_ids)
        .values("learner_id", "fact__quiz_questions__quiz_id")
        .annotate(total=Sum(mastery_expression()))
        .values_list("learner_id", "fact__quiz_questions__quiz_id", "total")
        .order_by()
    )
    result = {}
    for learner_id, quiz_id, total in sums:
        result[(learner_id, quiz_id)] = round(100 * (total or 0) / fact_counts[quiz_id]) if fact_counts[quiz_id] else 0
    return result


def progress_by_student(
    *, assignment: Assignment, student_ids: Sequence[int], now: datetime.datetime
) -> dict[int, StudentProgress]:
    """Every listed student's progress on the assignment: three queries whatever the class size."""
    summaries = attempt_summaries(quiz_ids=[assignment.quiz_id], learner_ids=student_ids)
    mastery = mastery_on_quizzes(learner_ids=student_ids, quiz_ids=[assignment.quiz_id])
    return {
        student_id: student_progress(
            assignment=assignment,
            summary=summaries.get((student_id, assignment.quiz_id), AttemptSummary()),
            mastery_percent=mastery.get((student_id, assignment.quiz_id), 0),
            now=now,
        )
        for student_id in student_ids
    }


def assignments_for_student(
    *, student: AbstractBaseUser, now: datetime.datetime
) -> list[tuple[Assignment, StudentProgress]]:
    """The student's assignments across their classes, soonest due first, each with their progress: four queries."""
    assignments = list(Assignment.objects.for_student(student).select_related("classroom").order_by("due_at", "pk"))
    if not assignments:
        return []
    quiz_ids = [assignment.quiz_id for assignment in assignments]
    summaries = attempt_summaries(quiz_ids=quiz_ids, learner_ids=[student.pk])
    mastery = mastery_on_quizzes(learner_ids=[student.pk], quiz_ids=quiz_ids)
    return [
        (
            assignment,
            student_progress(
                assignment=assignment,
                summary=summaries.get((student.pk, assignment.quiz_id), AttemptSummary()),
                mastery_percent=mastery.get((student.pk, assignment.quiz_id), 0),
                now=now,
            ),
        )
        for assignment in assignments
    ]
