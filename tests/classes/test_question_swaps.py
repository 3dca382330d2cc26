"""Swapping a bad question of an assignment for another from its topic set: only before anyone answered it
or finished."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.classes import assign
from quiz.models import Attempt, QuestionFact
from quiz.question_swaps import SwapRefused, swap_question, swappable_question_ids
from tests.factories import (
    AnswerFactory,
    AttemptFactory,
    ClassroomFactory,
    CountryFactory,
    FactFactory,
    InstructorFactory,
    MembershipFactory,
    TopicSetFactory,
    UserFactory,
)
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def assignment(instructor):
    country = CountryFactory()
    for n in range(12):
        FactFactory(countries=[country], answer=f"Agency {n}", statement=f"Agency {n} runs programme {n}.")
    classroom = ClassroomFactory(owner=instructor)
    topic_set = TopicSetFactory(owner=instructor, question_count=3)
    return assign(
        classroom=classroom, topic_set=topic_set, opens_at=NOW, due_at=NOW + datetime.timedelta(days=7), seed=1
    )


def swap_url(assignment, question) -> str:
    return reverse("quiz:question-swap", args=[assignment.pk, question.pk])


def test_a_question_nobody_answered_is_swapped_in_place_for_a_fresh_one(instructor_client, assignment):
    first = assignment.quiz.questions.get(position=0)
    before_facts = set(QuestionFact.objects.filter(question__quiz=assignment.quiz).values_list("fact_id", flat=True))
    response = instructor_client.post(swap_url(assignment, first))
    assert response.status_code == 303
    assert response["Location"] == reverse("quiz:assignment", args=[assignment.pk]) + "#question-1"
    first.refresh_from_db()
    assert first.position == 0 and assignment.quiz.questions.count() == 3
    assert not before_facts.intersection(first.fact_ids), "the new question asks about a fact not asked yet"
    assert set(QuestionFact.objects.filter(question=first).values_list("fact_id", flat=True)) == set(first.fact_ids)
    assert first.statements and first.key


def test_an_open_attempt_that_has_not_reached_the_question_does_not_block_it(assignment, student):
    MembershipFactory(classroom=assignment.classroom, student=student)
    attempt = AttemptFactory(quiz=assignment.quiz, learner=student)
    first, second = assignment.quiz.questions.order_by("position")[:2]
    AnswerFactory(attempt=attempt, question=first, given=0, score=0.0, is_correct=False)
    assert swappable_question_ids(assignment=assignment) == {second.pk, assignment.quiz.questions.get(position=2).pk}
    swap_question(assignment=assignment, question=second, seed=3)
    with pytest.raises(SwapRefused, match="already answered"):
        swap_question(assignment=assignment, question=first, seed=3)


def test_once_anyone_finished_no_question_can_be_swapped(instructor_client, assignment, student):
    AttemptFactory(quiz=assignment.quiz, learner=student, state=Attempt.State.FINISHED, finished_at=NOW)
    question = assignment.quiz.questions.get(position=2)
    before = (question.prompt, question.fact_ids)
    assert swappable_question_ids(assignment=assignment) == set()
    response = instructor_client.post(swap_url(assignment, question))
    assert response.status_code == 409
    assert_valid_html(response)
    assert "A student has finished this assignment" in response.content.decode()
    question.refresh_from_db()
    assert (question.prompt, question.fact_ids) == before


def test_the_assignment_page_offers_the_swap_only_where_allowed(instructor_client, assignment, student):
    page = instructor_client.get(reverse("quiz:assignment", args=[assignment.pk]))
    assert_valid_html(page)
    assert page.content.decode().count("Swap for another question") == 3
    AttemptFactory(quiz=assignment.quiz, learner=student, state=Attempt.State.FINISHED, finished_at=NOW)
    page = instructor_client.get(reverse("quiz:assignment", args=[assignment.pk]))
    assert "Swap for another question" not in page.content.decode()


def test_a_topic_set_with_nothing_else_refuses_clearly(instructor):
    country = CountryFactory(slug="tiny")
    facts = [FactFactory(countries=[country], answer=f"Bureau {n}", statement=f"Bureau {n} opened.") for n in range(8)]
    # Three hand-picked facts, all three asked: nothing is left to swap in.
    topic_set = TopicSetFactory(owner=instructor, question_count=3, countries=[country], facts=facts[:3])
    classroom = ClassroomFactory(owner=instructor)
    due = NOW + datetime.timedelta(days=1)
    assignment = assign(classroom=classroom, topic_set=topic_set, opens_at=NOW, due_at=due, seed=1)
    assert assignment.quiz.questions.count() == 3
    with pytest.raises(SwapRefused, match="no other question"):
        swap_question(assignment=assignment, question=assignment.quiz.questions.first(), seed=1)


def test_others_cannot_swap(client, assignment):
    question = assignment.quiz.questions.first()
    client.force_login(InstructorFactory())
    assert client.post(swap_url(assignment, question)).status_code == 404
    client.force_login(UserFactory())
    assert client.post(swap_url(assignment, question)).status_code == 403
    client.force_login(assignment.classroom.owner)
    assert client.post(reverse("quiz:question-swap", args=[assignment.pk, 2**70])).status_code == 404
    assert client.get(swap_url(assignment, question)).status_code == 405
