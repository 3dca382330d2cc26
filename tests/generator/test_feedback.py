"""What a stored generated question teaches in feedback, and how a span's years are graded."""

import pytest
from django.urls import reverse

from quiz.attempts import store_quiz
from quiz.generator import CitationRef, GeneratedQuestion, Option, QuestionType
from quiz.generator.builders import answer_first
from quiz.generator.snapshots import FactData
from tests.factories import AttemptFactory, FactFactory, UserFactory

pytestmark = pytest.mark.django_db


def stored(question: GeneratedQuestion, owner):
    quiz = store_quiz(owner=owner, title="t", built=[question], question_types=[question.type], seed=0)
    return quiz, quiz.questions.get()


def test_after_a_year_to_event_question_feedback_shows_when_every_option_happened(client):
    learner = UserFactory()
    facts = [FactFactory() for _ in range(4)]
    labels = ["Embassy opens", "Forum founded", "Treaty signed", "Centre opens"]
    dates = ["1992", "1999", "2004", "2010"]
    question = GeneratedQuestion(
        type=QuestionType.YEAR_EVENT,
        prompt="Which of these happened in 1992?",
        fact_ids=[facts[0].pk],
        citations=[CitationRef("Oh 2021", "p. 3", "the embassy opened in 1992")],
        options=[
            Option(label, i == 0, facts[i].pk, date) for i, (label, date) in enumerate(zip(labels, dates, strict=True))
        ],
    )
    quiz, _ = stored(question, learner)
    attempt = AttemptFactory(quiz=quiz, learner=learner, question_count=1)
    client.force_login(learner)
    url = reverse("quiz:answer", args=[attempt.pk])
    html = client.post(url, {"step": 0, "option": 1}, HTTP_HX_REQUEST="true").content.decode()
    for label, date in zip(labels, dates, strict=True):
        assert f'{label} <span class="muted">({date})</span>' in html


def test_every_year_of_a_supported_span_is_graded_right():
    learner = UserFactory()
    fact = FactFactory()
    question = GeneratedQuestion(
        type=QuestionType.EVENT_YEAR,
        prompt="In which year? The programme runs.",
        fact_ids=[fact.pk],
        citations=[],
        options=[Option("2003", False), Option("2005", True), Option("2008", False), Option("2010", False)],
        also_accepted=["2004", "2006"],
    )
    _, stored_question = stored(question, learner)
    assert stored_question.key == [1]
    question.options[0] = Option("2004", False)  # a span year among the options is accepted too
    _, stored_question = stored(question, learner)
    assert stored_question.key == [0, 1]


def test_feedback_quotes_first_a_citation_that_carries_the_answer():
    fact = FactData(
        id=1, key="k", statement="KOICA opened in Tashkent in 1995.", question="", answer="1995", kind="year",
        event="KOICA opens in Tashkent", event_date=None, precision="year", value=None, unit="",
    )  # fmt: skip
    import datetime

    fact = FactData(**{**fact.__dict__, "event_date": datetime.date(1995, 1, 1)})
    vague = CitationRef("Oh 2021", "p. 2", "KOICA later opened an office")
    proof = CitationRef("Oh 2021", "p. 3", "the Tashkent office opened in 1995")
    assert answer_first([vague, proof], fact)[0] == proof
