"""Choosing "Type the answer" for practice, a topic set or an assignment, over the real bank."""

import pytest
from django.urls import reverse

from quiz.models import Attempt, Question, QuestionType, TopicSet
from tests.player.conftest import answer_typed

pytestmark = pytest.mark.usefixtures("real_bank")


def test_the_practice_form_offers_type_the_answer(learner_client):
    html = learner_client.get(reverse("quiz:practice")).content.decode()
    assert 'value="typed"' in html and "Type the answer" in html


def test_a_typed_practice_quiz_holds_only_typed_questions_with_their_keys(learner_client, learner):
    response = learner_client.post(reverse("quiz:practice"), {"question_types": ["typed"], "length": 10})
    assert response.status_code == 303
    questions = list(Attempt.objects.get(learner=learner).quiz.questions.all())
    assert len(questions) == 10
    assert all(q.type == QuestionType.TYPED and q.options == [] and q.key["answer"] for q in questions)


def test_each_typed_questions_own_answer_is_right(learner_client, learner):
    learner_client.post(reverse("quiz:practice"), {"question_types": ["typed"], "length": 5})
    attempt = Attempt.objects.get(learner=learner)
    for question in attempt.quiz.questions.all():
        answer_typed(learner_client, attempt, question.key["answer"], step=question.position)
    attempt.refresh_from_db()
    assert (attempt.step, attempt.correct_count) == (5, 5)


def test_a_topic_set_can_ask_typed_questions(instructor_client, instructor):
    response = instructor_client.post(
        reverse("quiz:topic-set-create"), {"name": "Typed", "question_types": ["typed"], "question_count": 5}
    )
    assert response.status_code == 303
    topic_set = TopicSet.objects.get(owner=instructor)
    assert topic_set.question_types == ["typed"]
    html = instructor_client.get(reverse("quiz:topic-set", args=[topic_set.pk])).content.decode()
    assert "Typed answer:" in html and not Question.objects.exists()
