"""Starting a practice quiz from a selection of the real bank, and what its pages reveal."""

import re

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from content.models import Country, Theme
from quiz.generator import QuestionType, order_score
from quiz.models import Attempt, Question, Quiz

pytestmark = pytest.mark.usefixtures("real_bank")
ALL_TYPES = list(QuestionType.all)


def start(client, headers=None, **data):
    return client.post(reverse("quiz:practice"), {"question_types": ALL_TYPES, "length": 10, **data}, headers=headers)


def test_the_practice_page_offers_countries_themes_types_and_length(learner_client):
    html = learner_client.get(reverse("quiz:practice")).content.decode()
    for text in ["Kazakhstan", "Hallyu &amp; pop culture", "Timeline ordering", "20 questions"]:
        assert text in html


def test_starting_builds_the_quiz_and_opens_an_attempt(learner_client, learner):
    response = start(learner_client)
    attempt = Attempt.objects.get(learner=learner)
    assert response.status_code == 303 and response["Location"] == reverse("quiz:attempt", args=[attempt.pk])
    assert attempt.question_count == 10 and attempt.quiz.questions.count() == 10
    assert {question.type for question in attempt.quiz.questions.all()} == set(ALL_TYPES)


def test_starting_with_htmx_is_a_client_redirect(learner_client, learner):
    response = start(learner_client, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("quiz:attempt", args=[Attempt.objects.get(learner=learner).pk])


def test_the_quiz_keeps_to_the_chosen_country_and_theme(learner_client, learner):
    kyrgyzstan, hallyu = Country.objects.get(slug="kyrgyzstan"), Theme.objects.get(slug="hallyu")
    start(learner_client, countries=[kyrgyzstan.pk], themes=[hallyu.pk], question_types=["choice"], length=5)
    for question in Quiz.objects.get(owner=learner).questions.all():
        for fact in question.facts.all():
            assert kyrgyzstan in fact.countries.all() and hallyu in fact.themes.all()


def test_a_selection_without_questions_is_refused_and_writes_nothing(learner_client):
    turkmenistan, health = Country.objects.get(slug="turkmenistan"), Theme.objects.get(slug="health")
    response = start(learner_client, countries=[turkmenistan.pk], themes=[health.pk], question_types=["timeline"])
    assert response.status_code == 400 and "No question can be built" in response.content.decode()
    assert response.context["form"].has_error(NON_FIELD_ERRORS, "no_questions")
    assert not Quiz.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"question_types": []}, "Choose at least one type"),
        ({"question_types": ["essay"]}, "Select a valid choice"),
        ({"length": 1000}, "Select a valid choice"),
        ({"countries": [987654]}, "Select a valid choice"),
    ],
)
def test_a_bad_selection_is_refused_with_a_message(learner_client, data, message):
    response = start(learner_client, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Quiz.objects.exists()


def test_no_correct_answer_reaches_the_browser_before_answering(learner_client, learner):
    """Not in the HTML, in attributes, in scripts: the page shows texts and posts their positions."""
    start(learner_client, length=20)
    attempt = Attempt.objects.get(learner=learner)
    for question in attempt.quiz.questions.all():
        html = learner_client.get(reverse("quiz:question", args=[attempt.pk, question.position + 1])).content.decode()
        # Year->event options carry their dates for feedback; the key's is the year the prompt asks about.
        dates = [date for date in question.item_dates if date not in question.prompt]
        for secret in [*question.statements, *(c["quote"] for c in question.citations), *dates]:
            assert secret not in html
        assert "correct" not in html.lower().replace("correct horse", "")
        if question.is_timeline:
            assert re.findall(r'name="order" value="(\d+)"', html)[: len(question.options)] == [
                str(i) for i in range(len(question.options))
            ]
        elif question.is_typed:
            # The key's answers (answer, aliases, claims) are nowhere in the question, only a text box. (The
            # attempt panel beside it may show the same digits: a key of "20" and `max="20"` questions; so may
            # the forms' step, the question's position: a key of "3" on question 4 has `name="step" value="3"`.)
            card_at = html.index('<section class="question-card"')
            card = html[card_at : html.index("</section>", card_at)]
            card = re.sub(r'<input type="hidden" name="step" value="\d+"[^>]*>', "", card)
            for accepted in question.typed_key().accepted():
                assert f">{accepted}<" not in card and f'"{accepted}"' not in card
            assert 'name="text"' in html and 'name="option"' not in html
        else:
            assert re.findall(r'name="option" value="(\d+)"', html) == ["0", "1", "2", "3"]
        # Answer it (wrongly when possible) so that the next question becomes current.
        data = {"step": question.position}
        if question.is_timeline:
            data |= {"order": list(range(len(question.options))), "confirm_order": "on"}
        elif question.is_typed:
            data["text"] = "certainly not this"
        else:
            data["option"] = next(i for i in range(4) if i not in question.key)
        assert learner_client.post(reverse("quiz:answer", args=[attempt.pk]), data).status_code == 303


def test_timelines_are_never_shown_in_an_order_that_scores_high(learner_client, learner):
    for _ in range(3):
        start(learner_client, question_types=["timeline"], length=5)
    timelines = Question.objects.filter(type=QuestionType.TIMELINE)
    assert timelines.count() >= 10
    for question in timelines:
        assert order_score(question.key, list(range(len(question.options)))) <= 0.5


def test_open_attempts_are_offered_to_resume(learner_client, learner):
    start(learner_client)
    html = learner_client.get(reverse("quiz:practice")).content.decode()
    assert "Carry on" in html and reverse("quiz:attempt", args=[Attempt.objects.get().pk]) in html
