"""The review page leads somewhere (issue 17): a summary with right and wrong per topic, the actions, the
list collapsible to the wrong ones, and a practice quiz on exactly the facts missed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz import attempts
from quiz.generator import Selection, build_quiz
from quiz.models import Attempt, QuestionType
from quiz.review import review_attempt
from tests.conftest import HTMX
from tests.html import assert_valid_html
from tests.player.conftest import count_queries

pytestmark = pytest.mark.django_db


def finish(attempt: Attempt, *, wrong: set[int]) -> Attempt:
    """Answer every question (the positions in `wrong` wrongly) and finish."""
    now = timezone.now()
    for question in attempt.quiz.questions.all():
        if question.is_timeline:
            given = list(reversed(question.key)) if question.position in wrong else list(question.key)
        elif question.is_typed:
            given = "not the answer at all" if question.position in wrong else question.key["answer"]
        else:
            given = (question.key[0] + 1) % len(question.options) if question.position in wrong else question.key[0]
        attempts.record_answer(learner=attempt.learner, attempt=attempt, question=question, given=given, now=now)
    attempts.close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=now)
    return attempt


@pytest.fixture
def finished(learner, attempt):
    """The shared three-question attempt (choice, timeline, choice) with the timeline reversed and q3 wrong."""
    return finish(attempt, wrong={1, 2})


def test_the_missed_facts_are_the_wrong_choice_and_the_misplaced_events(finished):
    review = review_attempt(attempt=finished)
    questions = list(finished.quiz.questions.all())
    timeline = questions[1]
    reversed_order = list(reversed(timeline.key))
    misplaced = [f for i, f in enumerate(timeline.fact_ids) if reversed_order.index(i) != timeline.key.index(i)]
    assert review.missed_fact_ids == misplaced + questions[2].fact_ids
    assert [row.is_right for row in review.rows] == [True, False, False]


def test_an_unanswered_question_misses_all_its_facts(learner, attempt):
    attempts.close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=timezone.now())
    review = review_attempt(attempt=attempt)
    assert review.missed_fact_ids == [f for q in attempt.quiz.questions.all() for f in q.fact_ids]


def test_the_summary_comes_first_with_the_actions_and_the_tallies(learner_client, finished):
    response = learner_client.get(reverse("quiz:review", args=[finished.pk]))
    html = response.content.decode()
    assert_valid_html(response)
    assert html.index("How it went") < html.index("Question by question")
    assert f'action="{reverse("quiz:practise-missed", args=[finished.pk])}"' in html
    assert "Study them as flashcards" in html and "Start a new quiz" in html
    assert "<caption>By country</caption>" in html and "<caption>By theme</caption>" in html
    assert "HX-Request" in response["Vary"]


def test_only_wrong_shows_the_questions_not_fully_right_without_javascript(learner_client, finished):
    html = learner_client.get(reverse("quiz:review", args=[finished.pk]), {"only": "wrong"}).content.decode()
    assert html.count('class="review-item') == 2 and "Question 1 ·" not in html
    assert 'href="{}?only=wrong" '.format(reverse("quiz:review", args=[finished.pk])) in html


def test_htmx_gets_the_question_list_alone(learner_client, finished):
    response = learner_client.get(reverse("quiz:review", args=[finished.pk]), {"only": "wrong"}, **HTMX)
    html = response.content.decode().strip()
    assert html.startswith('<div id="review-questions">') and html.count('class="review-item') == 2


def test_the_flashcards_link_holds_exactly_the_missed_facts(learner_client, finished):
    review = review_attempt(attempt=finished)
    response = learner_client.get(reverse("quiz:review", args=[finished.pk]))
    query = "&amp;".join(f"facts={fact_id}" for fact_id in review.missed_fact_ids)
    assert f'href="{reverse("quiz:flashcards")}?{query}"' in response.content.decode()
    deck = learner_client.get(reverse("quiz:flashcards"), {"facts": review.missed_fact_ids})
    assert deck.status_code == 200 and deck.context["counts"].total == len(review.missed_fact_ids)


def test_the_review_runs_as_many_queries_for_a_longer_quiz(learner_client, learner, real_bank):
    counts = []
    for length in (4, 12):
        attempt = attempts.start_practice(
            learner=learner, countries=[], themes=[], question_types=["choice"], count=length, seed=length
        )
        finish(attempt, wrong={0, 2})
        url = reverse("quiz:review", args=[attempt.pk])
        counts.append(count_queries(lambda url=url: learner_client.get(url)))
    assert counts[0] == counts[1] <= 9, counts


class TestPractiseMissed:
    @pytest.fixture
    def practised(self, learner, real_bank):
        attempt = attempts.start_practice(
            learner=learner, countries=[], themes=[], question_types=QuestionType.all, count=10, seed=11
        )
        return finish(attempt, wrong={0, 1, 3, 5, 6})

    def test_the_new_quiz_holds_exactly_the_missed_facts(self, learner_client, learner, practised):
        missed = review_attempt(attempt=practised).missed_fact_ids
        response = learner_client.post(reverse("quiz:practise-missed", args=[practised.pk]))
        new = Attempt.objects.exclude(pk=practised.pk).get(learner=learner)
        assert response.status_code == 303 and response["Location"] == reverse("quiz:attempt", args=[new.pk])
        asked = [f for question in new.quiz.questions.all() for f in question.fact_ids]
        assert sorted(asked) == sorted(missed)
        assert "missed in" in new.quiz.title

    def test_a_fact_is_asked_another_way_where_it_can_be(self, learner, practised):
        review = review_attempt(attempt=practised)
        missed_as = {f: row.question.type for row in review.rows for f in row.missed}
        new = attempts.start_missed_practice(learner=learner, attempt=practised, seed=5)
        asked_as = {f: q.type for q in new.quiz.questions.all() for f in q.fact_ids}
        assert QuestionType.TIMELINE not in asked_as.values()
        # A fact is asked in the form it was missed in only when no other form can be built for it.
        dated_elsewhere = [f for f in asked_as if missed_as[f] != QuestionType.CHOICE]
        assert dated_elsewhere
        for fact_id in (f for f in asked_as if asked_as[f] == missed_as[f]):
            for form in set(attempts.RETRY_FORMS) - {missed_as[fact_id]}:
                selection = Selection(fact_ids=(fact_id,), question_types=(form,), count=1)
                assert not build_quiz(selection=selection, seed=5), (fact_id, form)

    def test_with_htmx_the_new_quiz_opens_by_client_redirect(self, learner_client, practised):
        response = learner_client.post(reverse("quiz:practise-missed", args=[practised.pk]), **HTMX)
        assert response["HX-Redirect"].startswith("/attempts/")

    def test_nothing_missed_is_refused_with_a_message(self, learner_client, learner, attempt):
        perfect = finish(attempt, wrong=set())
        response = learner_client.post(reverse("quiz:practise-missed", args=[perfect.pk]), follow=True)
        assert "Nothing was missed" in response.content.decode()
        assert Attempt.objects.filter(learner=learner).count() == 1

    def test_an_open_attempt_is_refused(self, learner_client, attempt):
        assert learner_client.post(reverse("quiz:practise-missed", args=[attempt.pk])).status_code == 409

    def test_another_learners_attempt_is_a_404(self, client, practised):
        from tests.factories import UserFactory

        client.force_login(UserFactory())
        assert client.post(reverse("quiz:practise-missed", args=[practised.pk])).status_code == 404

    def test_a_get_changes_nothing(self, learner_client, practised):
        assert learner_client.get(reverse("quiz:practise-missed", args=[practised.pk])).status_code == 405
