"""The demo class's synthetic history (`quiz.demo`): populated, consistent, idempotent and reproducible."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from quiz.demo import DEMO_USERNAME_PREFIX, populate_demo_class
from quiz.item_analysis import analyse_items
from quiz.models import Answer, Assignment, Attempt, MemoryState, Review
from quiz.reports import class_report

pytestmark = pytest.mark.django_db


def demo_assignment() -> Assignment:
    return Assignment.objects.get(classroom__name="Demo class")


def snapshot() -> dict:
    """Everything the demo history wrote, without primary keys."""
    learners = get_user_model().objects.filter(username__startswith=DEMO_USERNAME_PREFIX)
    return {
        "students": sorted(learners.values_list("username", "first_name", "last_name")),
        "attempts": sorted(
            Attempt.objects.filter(learner__in=learners).values_list(
                "learner__username",
                "quiz__title",
                "state",
                "step",
                "score",
                "correct_count",
                "started_at",
                "last_answered_at",
                "finished_at",
            )
        ),
        "answers": sorted(
            (username, position, str(given), score, answered_at)
            for username, position, given, score, answered_at in Answer.objects.filter(
                attempt__learner__in=learners
            ).values_list("attempt__learner__username", "question__position", "given", "score", "answered_at")
        ),
        "reviews": sorted(
            Review.objects.filter(learner__in=learners).values_list(
                "learner__username", "fact__key", "rating", "reviewed_at", "due_after"
            )
        ),
        "memory": sorted(
            MemoryState.objects.filter(learner__in=learners).values_list(
                "learner__username", "fact__key", "reps", "lapses", "stability", "due"
            )
        ),
    }


def test_the_demo_class_report_and_item_analysis_are_populated(real_bank):
    call_command("create_demo_users", stdout=StringIO())
    assignment = demo_assignment()
    report = class_report(assignment=assignment, now=timezone.now())
    demo_rows = [row for row in report.rows if row.username.startswith(DEMO_USERNAME_PREFIX)]
    assert len(demo_rows) == 12
    scores = [row.progress.best_percent for row in demo_rows if row.progress.best_percent is not None]
    assert len(scores) == 10  # one half way through, one not started
    assert max(scores) - min(scores) >= 40, "a realistic spread of scores"
    assert {row.progress.status for row in demo_rows} >= {"done", "in_progress", "not_started"}
    assert all(row.progress.minutes_spent > 0 for row in demo_rows if row.progress.attempts)
    assert any(cell.seen for row in report.heatmap.rows for cell in row.cells)
    analysis = analyse_items(assignment=assignment)
    assert analysis.attempt_count == 10
    # A shared misconception: some wrong option picked by several students.
    assert max(item.most_chosen_wrong.count for item in analysis.items if item.most_chosen_wrong) >= 3


def test_the_history_is_consistent_with_its_answers(real_bank):
    call_command("create_demo_users", stdout=StringIO())
    for attempt in Attempt.objects.filter(learner__username__startswith=DEMO_USERNAME_PREFIX):
        answers = list(attempt.answers.all())
        assert attempt.step == len(answers)
        assert attempt.score == pytest.approx(sum(answer.score for answer in answers))
        assert attempt.started_at <= min(answer.answered_at for answer in answers)
        assert attempt.started_at < timezone.now() - datetime.timedelta(hours=1), "backdated"


def test_demo_students_cannot_log_in(real_bank):
    call_command("create_demo_users", stdout=StringIO())
    demo = get_user_model().objects.filter(username__startswith=DEMO_USERNAME_PREFIX)
    assert demo.count() == 12
    assert not any(user.has_usable_password() for user in demo)


def test_running_it_twice_leaves_the_same_demo_data(real_bank):
    call_command("create_demo_users", stdout=StringIO())
    first = snapshot()
    call_command("create_demo_users", stdout=StringIO())
    assert snapshot() == first


def test_the_same_seed_gives_the_same_history(real_bank):
    call_command("create_demo_users", stdout=StringIO())
    assignment = demo_assignment()
    now = timezone.now()
    get_user_model().objects.filter(username__startswith=DEMO_USERNAME_PREFIX).delete()
    populate_demo_class(assignment=assignment, now=now)
    first = snapshot()
    get_user_model().objects.filter(username__startswith=DEMO_USERNAME_PREFIX).delete()
    populate_demo_class(assignment=assignment, now=now)
    assert snapshot() == first
