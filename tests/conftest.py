"""Fixtures every test folder shares: the people (learner, student, instructor) with logged-in clients, a
learner's attempt, the real seed bank; and HTMX, the header htmx sends (`client.get(url, **HTMX)`)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from tests.factories import AttemptFactory, InstructorFactory, QuestionFactory, QuizFactory, UserFactory

PAPERS = Path(settings.PAPERS_DIR)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def attempt(learner):
    """The learner's open attempt on three questions: a choice, a four-event timeline, another choice."""
    quiz = QuizFactory(owner=learner)
    QuestionFactory(quiz=quiz, position=0)
    QuestionFactory(quiz=quiz, position=1, timeline=True)
    QuestionFactory(quiz=quiz, position=2)
    return AttemptFactory(quiz=quiz)


@pytest.fixture
def student(db):
    return UserFactory()


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


@pytest.fixture
def instructor(db):
    return InstructorFactory()


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


@pytest.fixture(scope="module")
def _real_bank_module(django_db_setup, django_db_blocker):
    """Load seeds/ once per module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seeds", seeds=settings.SEEDS_DIR, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def real_bank(_real_bank_module, db):
    """The project's own seeds/, loaded into the test database."""


needs_papers = pytest.mark.skipif(not PAPERS.is_dir(), reason=f"source papers not found at {PAPERS}")
