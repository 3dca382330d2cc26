"""Recent attempts: the learner's own, newest first, at most `limit`."""

import datetime

import pytest
from django.utils import timezone

from quiz.models import Attempt
from quiz.progress import recent_attempts
from tests.factories import AttemptFactory, QuizFactory

pytestmark = pytest.mark.django_db


def attempt_started(learner, *, days_ago: int) -> Attempt:
    attempt = AttemptFactory(quiz=QuizFactory(owner=learner))
    Attempt.objects.filter(pk=attempt.pk).update(started_at=timezone.now() - datetime.timedelta(days=days_ago))
    return attempt


def test_recent_attempts_are_listed_newest_first(learner):
    old, new, middle = (attempt_started(learner, days_ago=days) for days in (3, 1, 2))
    assert recent_attempts(learner=learner) == [new, middle, old]


def test_recent_attempts_stop_at_the_limit(learner):
    attempts = [attempt_started(learner, days_ago=days) for days in range(5)]
    assert recent_attempts(learner=learner, limit=3) == attempts[:3]


def test_recent_attempts_leave_out_other_learners(learner):
    AttemptFactory()
    assert recent_attempts(learner=learner) == []
