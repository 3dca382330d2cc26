"""The ceiling views exist only under the load test's settings; the answer POST and question GET keep their query
budgets."""

import importlib
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import config.urls
from quiz.models import Answer, Review
from tests.factories import AttemptFactory, FactFactory, QuestionFactory, QuizFactory, UserFactory

CEILING_URLS = ["/loadtest/ceiling/read/?fact=1", "/loadtest/ceiling/write/"]


@pytest.fixture
def learner_client(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    return client


@pytest.fixture
def loadtest_urls(settings):
    """The URLconf the load test's settings module sets (Django clears its URL caches on the change)."""
    load_settings = importlib.import_module("tests.load.settings")
    settings.ROOT_URLCONF = load_settings.ROOT_URLCONF


def test_the_load_test_settings_are_the_apps_with_the_ceiling_urlconf():
    load_settings = importlib.import_module("tests.load.settings")
    assert load_settings.ROOT_URLCONF == "tests.load.urls"
    assert load_settings.INSTALLED_APPS == importlib.import_module("config.settings").INSTALLED_APPS


def test_the_production_urlconf_never_mentions_the_tests():
    assert "tests" not in Path(config.urls.__file__).read_text()


@pytest.mark.parametrize("url", CEILING_URLS)
def test_without_loadtest_the_ceiling_urls_are_404(learner_client, url, settings):
    settings.DEBUG = False
    assert settings.ROOT_URLCONF == "config.urls"
    assert learner_client.get(url).status_code == 404
    assert learner_client.post(url).status_code in (403, 404)  # CSRF refuses a token-less POST before routing


def test_under_loadtest_the_ceiling_views_read_and_write(learner_client, loadtest_urls):
    fact = FactFactory()
    page = learner_client.get(reverse("loadtest:ceiling-read"), {"fact": fact.pk})
    assert page.status_code == 200
    token = page.context["csrf_token"] if page.context else learner_client.cookies["csrftoken"].value
    write = reverse("loadtest:ceiling-write")
    assert learner_client.post(write, {"fact": fact.pk}).status_code == 403  # CSRF-checked
    assert learner_client.post(write, {"fact": fact.pk, "csrfmiddlewaretoken": token}).status_code == 201
    assert Review.objects.filter(fact=fact).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_answer_post_writes_in_one_transaction_within_the_query_budgets():
    learner = UserFactory()
    client = Client()
    client.force_login(learner)
    quiz = QuizFactory(owner=learner)
    QuestionFactory(quiz=quiz, position=0)
    QuestionFactory(quiz=quiz, position=1)
    attempt = AttemptFactory(quiz=quiz)
    with CaptureQueriesContext(connection) as question_page:
        assert client.get(reverse("quiz:question", args=[attempt.pk, 1])).status_code == 200
    statements: list[tuple[str, bool]] = []

    def watch(execute, sql, params, many, context):
        statements.append((sql, connection.in_atomic_block))
        return execute(sql, params, many, context)

    commits = []
    commit = connection.commit
    with (
        mock.patch.object(connection, "commit", side_effect=lambda: (commits.append(1), commit())[1]),
        connection.execute_wrapper(watch),
    ):
        response = client.post(
            reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 2}, headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    assert Answer.objects.filter(attempt=attempt).count() == 1
    writes = [in_atomic for sql, in_atomic in statements if sql.lstrip().split()[0].upper() in {"INSERT", "UPDATE"}]
    assert writes and all(writes), "every write of the answer POST runs inside the transaction"
    assert len(commits) == 1, "one transaction, committed once"
    assert len(question_page.captured_queries) <= 6
    queries = [sql for sql, _ in statements if not sql.startswith("BEGIN")]  # SQLite's BEGIN IMMEDIATE
    assert len(queries) <= 10
