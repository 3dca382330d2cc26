"""Learners report a problem with a question from its feedback or review; admins triage the reports."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from quiz.models import Attempt, QuestionReport
from tests.conftest import HTMX
from tests.factories import AnswerFactory, UserFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db


def report_url(question) -> str:
    return reverse("quiz:report-question", args=[question.pk])


@pytest.fixture
def answered(attempt):
    """The learner's attempt with its first question answered (wrongly)."""
    question = attempt.quiz.questions.get(position=0)
    AnswerFactory(attempt=attempt, question=question, given=0, score=0.0, is_correct=False)
    Attempt.objects.filter(pk=attempt.pk).update(step=1)
    return question


def test_a_learner_reports_an_answered_question_and_sees_it_was_received(learner_client, learner, answered):
    response = learner_client.post(report_url(answered), {"kind": "ambiguous", "comment": "Two options fit."})
    assert response.status_code == 303
    assert response["Location"] == report_url(answered)
    report = QuestionReport.objects.get()
    assert (report.learner, report.question, report.fact_id) == (learner, answered, answered.fact_ids[0])
    assert (report.kind, report.comment, report.status) == ("ambiguous", "Two options fit.", "open")
    page = learner_client.get(report_url(answered))
    assert_valid_html(page)
    assert "your report was received" in page.content.decode()


def test_with_htmx_the_form_is_swapped_for_the_receipt(learner_client, answered):
    response = learner_client.post(report_url(answered), {"kind": "typo"}, **HTMX)
    assert response.status_code == 200
    assert_valid_html(response, fragment=True)
    body = response.content.decode()
    assert f'id="report-{answered.pk}"' in body and "your report was received" in body
    assert response["Vary"].count("HX-Request") == 1


def test_one_report_per_learner_and_question(learner_client, answered):
    learner_client.post(report_url(answered), {"kind": "typo"})
    response = learner_client.post(report_url(answered), {"kind": "wrong", "comment": "again"}, **HTMX)
    assert response.status_code == 200 and "your report was received" in response.content.decode()
    assert QuestionReport.objects.get().kind == "typo"  # the first report stands


def test_the_database_refuses_a_second_report_a_bad_kind_and_a_long_comment(learner, answered):
    base = {"learner": learner, "question": answered, "fact_id": answered.fact_ids[0]}
    QuestionReport.objects.create(**base, kind="typo")
    for fields in (
        {"kind": "wrong"},
        {"kind": "rude", "learner": UserFactory()},
        {"kind": "typo", "learner": UserFactory(), "comment": "x" * 501},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            QuestionReport.objects.create(**{**base, **fields})


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose what is wrong"),
        ({"kind": "rude"}, "Choose one of the problems"),
        ({"kind": "typo", "comment": "x" * 501}, "under 500"),
    ],
)
def test_bad_input_is_a_clear_error(learner_client, answered, data, error):
    response = learner_client.post(report_url(answered), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert_valid_html(response)
    response = learner_client.post(report_url(answered), data, **HTMX)
    assert response.status_code == 400 and error in response.content.decode()
    assert not QuestionReport.objects.exists()


def test_a_question_not_yet_answered_in_an_open_attempt_cannot_be_reported(learner_client, attempt):
    question = attempt.quiz.questions.get(position=1)
    assert learner_client.get(report_url(question)).status_code == 404
    assert learner_client.post(report_url(question), {"kind": "typo"}).status_code == 404


def test_every_question_of_a_closed_attempt_can_be_reported(learner_client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(state="finished", finished_at=attempt.started_at)
    question = attempt.quiz.questions.get(position=2)
    assert learner_client.post(report_url(question), {"kind": "unclear"}).status_code == 303


def test_another_learners_question_is_a_404(client, answered):
    client.force_login(UserFactory())
    assert client.post(report_url(answered), {"kind": "typo"}).status_code == 404
    assert client.get(reverse("quiz:report-question", args=[2**70])).status_code == 404


def test_the_feedback_and_the_review_link_to_the_form(learner_client, attempt):
    question = attempt.quiz.questions.get(position=0)
    response = learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 2}, **HTMX)
    assert_valid_html(response, fragment=True)
    body = response.content.decode()
    assert f'href="{report_url(question)}" hx-get="{report_url(question)}"' in body
    assert "Report a problem with this question" in body and 'name="kind"' not in body
    learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"})
    review = learner_client.get(reverse("quiz:review", args=[attempt.pk]))
    assert_valid_html(review)
    assert review.content.decode().count("Report a problem with this question") == 3


def test_with_htmx_the_link_swaps_in_the_form(learner_client, answered):
    response = learner_client.get(report_url(answered), **HTMX)
    assert_valid_html(response, fragment=True)
    body = response.content.decode()
    assert "<html" not in body and f'<div class="question-report" id="report-{answered.pk}">' in body
    assert f'action="{report_url(answered)}"' in body and body.count('name="kind"') == 4
    assert response["Vary"].count("HX-Request") == 1
    assert not QuestionReport.objects.exists()


def test_with_htmx_a_question_already_reported_swaps_in_the_receipt(learner_client, answered):
    learner_client.post(report_url(answered), {"kind": "typo"})
    body = learner_client.get(report_url(answered), **HTMX).content.decode()
    assert "your report was received" in body and 'name="kind"' not in body


# The admin's triage.


@pytest.fixture
def reports(learner, answered):
    other = UserFactory()
    open_report = QuestionReport.objects.create(
        learner=learner, question=answered, fact_id=answered.fact_ids[0], kind="wrong", comment="The key is off."
    )
    resolved = QuestionReport.objects.create(
        learner=other,
        question=answered,
        fact_id=answered.fact_ids[0],
        kind="typo",
        comment="Fixed already.",
        status="resolved",
    )
    return open_report, resolved


def test_the_admin_lists_reports_filtered_by_status_with_a_link_to_the_fact(admin_client, reports):
    open_report, resolved = reports
    page = admin_client.get(reverse("admin:quiz_questionreport_changelist") + "?status__exact=open")
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("admin:quiz_questionreport_change", args=[open_report.pk]) in body
    assert reverse("admin:quiz_questionreport_change", args=[resolved.pk]) not in body
    assert reverse("admin:content_fact_change", args=[open_report.fact_id]) in body


def test_an_admin_resolves_a_report_with_the_action(admin_client, reports):
    open_report, _ = reports
    response = admin_client.post(
        reverse("admin:quiz_questionreport_changelist"),
        {"action": "mark_resolved", "_selected_action": [open_report.pk]},
    )
    assert response.status_code == 302
    open_report.refresh_from_db()
    assert open_report.status == "resolved"


def test_an_admin_resolves_a_report_on_its_page(admin_client, reports):
    open_report, _ = reports
    url = reverse("admin:quiz_questionreport_change", args=[open_report.pk])
    assert reverse("admin:content_fact_change", args=[open_report.fact_id]) in admin_client.get(url).content.decode()
    assert admin_client.post(url, {"status": "resolved"}).status_code == 302
    open_report.refresh_from_db()
    assert open_report.status == "resolved"


def test_the_facts_admin_page_shows_its_open_reports_only(admin_client, reports):
    page = admin_client.get(reverse("admin:content_fact_change", args=[reports[0].fact_id])).content.decode()
    assert "The key is off." in page
    assert "Fixed already." not in page
