import datetime

import pytest
from django.utils import timezone

from content.models import Fact
from quiz.models import Assignment, Attempt
from tests.factories import (
    AssignmentFactory,
    AttemptFactory,
    CountryFactory,
    FactFactory,
    MembershipFactory,
    MemoryStateFactory,
    QuestionFactory,
    ThemeFactory,
    UserFactory,
)

# Stability 21 days is full mastery, 10.5 half (mastery = min(1, stability / 21)).
FULL, HALF = 21.0, 10.5


def student_in(assignment: Assignment, username: str | None = None, **fields):
    student = UserFactory(**({"username": username} if username else {}), **fields)
    MembershipFactory(classroom=assignment.classroom, student=student)
    return student


def attempt_on(
    assignment: Assignment,
    student,
    *,
    state: str = Attempt.State.FINISHED,
    answered: int = 3,
    score: float = 3.0,
    minutes: float = 10,
    finished_at: datetime.datetime | None = None,
) -> Attempt:
    """An attempt on the assignment's quiz that took `minutes` (started that long before it ended)."""
    end = finished_at or timezone.now()
    closed = state != Attempt.State.IN_PROGRESS
    attempt = AttemptFactory(quiz=assignment.quiz, learner=student, state=state, finished_at=end if closed else None)
    # started_at is set on creation (auto_now_add): an update is the way to move it back.
    Attempt.objects.filter(pk=attempt.pk).update(
        step=answered,
        score=score,
        started_at=end - datetime.timedelta(minutes=minutes),
        last_answered_at=end,
    )
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def topics(db):
    """Two countries and two themes, in display order."""
    return {
        "kazakhstan": CountryFactory(slug="kazakhstan", name="Kazakhstan", position=1),
        "uzbekistan": CountryFactory(slug="uzbekistan", name="Uzbekistan", position=2),
        "hallyu": ThemeFactory(slug="hallyu", name="Hallyu", position=1),
        "diaspora": ThemeFactory(slug="diaspora", name="Diaspora", position=2),
    }


@pytest.fixture
def assignment(instructor, topics) -> Assignment:
    """Three choice questions: Kazakhstan x Hallyu, Kazakhstan x Diaspora, Uzbekistan x Hallyu."""
    assignment = AssignmentFactory(classroom__owner=instructor, classroom__name="Year 10 Korean", title="Hallyu basics")
    for position, (country, theme) in enumerate(
        [("kazakhstan", "hallyu"), ("kazakhstan", "diaspora"), ("uzbekistan", "hallyu")]
    ):
        fact = FactFactory(key=f"{country}-{theme}", countries=[topics[country]], themes=[topics[theme]])
        QuestionFactory(quiz=assignment.quiz, position=position, fact_ids=[fact.pk])
    return assignment


def fact(key: str) -> Fact:
    return Fact.objects.get(key=key)


@pytest.fixture
def hand_made(assignment, topics):
    """alice: done (best 100%), 15 min over two attempts; knows the Kazakhstan x Hallyu fact fully, the
    Kazakhstan x Diaspora one half, and a fact outside the assignment (which must not count).
    bob: in progress for 4 min (an abandoned 30-minute attempt aside), knows the Uzbekistan x Hallyu fact half.
    carol: nothing yet."""
    alice = student_in(assignment, "alice", first_name="Alice", last_name="Kim")
    bob = student_in(assignment, "bob")
    carol = student_in(assignment, "carol")
    attempt_on(assignment, alice, score=3, minutes=10)
    attempt_on(assignment, alice, score=2, minutes=5)
    attempt_on(assignment, bob, state=Attempt.State.IN_PROGRESS, answered=1, score=1, minutes=4)
    attempt_on(assignment, bob, state=Attempt.State.ABANDONED, answered=2, score=0, minutes=30)
    MemoryStateFactory(learner=alice, fact=fact("kazakhstan-hallyu"), stability=FULL)
    MemoryStateFactory(learner=alice, fact=fact("kazakhstan-diaspora"), stability=HALF)
    outside = FactFactory(countries=[topics["kazakhstan"]], themes=[topics["hallyu"]])
    MemoryStateFactory(learner=alice, fact=outside, stability=FULL)
    MemoryStateFactory(learner=bob, fact=fact("uzbekistan-hallyu"), stability=HALF)
    return {"alice": alice, "bob": bob, "carol": carol}


@pytest.fixture
def sortable(assignment):
    """Four students whose every sortable figure differs (dora has no finished attempt, so no score)."""
    late = assignment.due_at + datetime.timedelta(hours=1)
    students = {name: student_in(assignment, name) for name in ("Bea", "anna", "carl", "dora")}
    attempt_on(assignment, students["anna"], score=1, minutes=30)  # done, 33%
    attempt_on(assignment, students["Bea"], score=3, minutes=5)  # done, 100%
    attempt_on(assignment, students["carl"], score=2, minutes=12, finished_at=late)  # done late, 67%
    attempt_on(assignment, students["dora"], state=Attempt.State.IN_PROGRESS, answered=1, score=1, minutes=1)
    MemoryStateFactory(learner=students["carl"], fact=fact("kazakhstan-hallyu"), stability=FULL)
    MemoryStateFactory(learner=students["carl"], fact=fact("uzbekistan-hallyu"), stability=FULL)
    MemoryStateFactory(learner=students["anna"], fact=fact("kazakhstan-hallyu"), stability=HALF)
    MemoryStateFactory(learner=students["dora"], fact=fact("kazakhstan-hallyu"), stability=FULL)
    return students
