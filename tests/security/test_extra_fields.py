"""Fields a form does not have are ignored: `is_correct`, `score`, `user`, `learner`, `owner` change nothing.

tests/accounts/test_signup.py checks sign-up's `is_staff`; here also superuser, groups and permissions.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from quiz.models import Answer, Assignment, Attempt, Classroom, MemoryState, Quiz, Review, TopicSet
from tests.factories import ClassroomFactory, FactFactory, InstructorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(db):
    return UserFactory(username="someone-else")


@pytest.fixture
def other_instructor(db):
    return InstructorFactory(username="another-teacher")


def forged(target) -> dict:
    """Everything a tamperer might add to make the server trust them, pointed at another user."""
    return {
        "is_correct": "true",
        "score": "99",
        "correct_count": "99",
        "user": target.pk,
        "learner": target.pk,
        "owner": target.pk,
        "student": target.pk,
        "is_staff": "on",
    }


def test_a_wrong_answer_stays_wrong_whatever_score_it_claims(world, client, other):
    client.force_login(world.student)
    response = client.post(
        reverse("quiz:answer", args=[world.attempt.pk]),
        {"step": 0, "option": 0, **forged(other)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    answer = Answer.objects.get()
    assert (answer.attempt_id, answer.score, answer.is_correct, answer.given) == (world.attempt.pk, 0.0, False, 0)
    world.attempt.refresh_from_db()
    assert (world.attempt.learner, world.attempt.score, world.attempt.correct_count) == (world.student, 0.0, 0)


def test_an_answer_cannot_be_moved_to_another_attempt(world, client, other):
    client.force_login(world.student)
    client.post(reverse("quiz:answer", args=[world.attempt.pk]), {"step": 0, "option": 2, "attempt": 999_999})
    assert Answer.objects.get().attempt_id == world.attempt.pk


def test_a_flashcard_rating_is_the_raters_own(client, other):
    rater = UserFactory()
    fact = FactFactory()
    client.force_login(rater)
    data = {"fact": fact.pk, "rating": 3, "reps": 0, "due": "2000-01-01", "stability": "999", **forged(other)}
    assert client.post(reverse("quiz:flashcard-rate"), data).status_code == 303
    assert list(Review.objects.values_list("learner", "rating")) == [(rater.pk, 3)]
    memory = MemoryState.objects.get()
    assert memory.learner == rater and memory.reps == 1 and memory.stability < 999
    assert not MemoryState.objects.filter(learner=other).exists()


def test_a_practice_quiz_belongs_to_the_learner_who_starts_it(client, other):
    learner = UserFactory()
    for _ in range(8):
        FactFactory()
    client.force_login(learner)
    data = {"question_types": ["choice"], "length": 5, "seed": 1, "question_count": 99, **forged(other)}
    response = client.post(reverse("quiz:practice"), data)
    assert response.status_code == 303
    attempt = Attempt.objects.get()
    assert (attempt.learner, attempt.quiz.owner, attempt.score, attempt.step) == (learner, learner, 0.0, 0)
    assert attempt.question_count == attempt.quiz.questions.count() == 5
    assert not Quiz.objects.filter(owner=other).exists()


def test_a_class_belongs_to_the_instructor_who_creates_it(client, other_instructor):
    creator = InstructorFactory()
    client.force_login(creator)
    data = {"name": "Period 3", "code_valid_days": 7, "join_code": "AAAAAAAA", **forged(other_instructor)}
    assert client.post(reverse("quiz:classroom-create"), data).status_code == 303
    classroom = Classroom.objects.get()
    assert classroom.owner == creator and classroom.join_code != "AAAAAAAA"
    assert not classroom.students.exists()


def test_a_topic_set_belongs_to_the_instructor_who_creates_it(client, other_instructor):
    creator = InstructorFactory()
    client.force_login(creator)
    data = {"name": "Set", "question_types": ["choice"], "question_count": 5, **forged(other_instructor)}
    assert client.post(reverse("quiz:topic-set-create"), data).status_code == 303
    assert TopicSet.objects.get().owner == creator


def test_editing_a_topic_set_cannot_hand_it_to_someone_else(world, client, other_instructor):
    client.force_login(world.instructor)
    data = {"name": "Renamed", "question_types": ["choice"], "question_count": 5, **forged(other_instructor)}
    assert client.post(reverse("quiz:topic-set-edit", args=[world.topic_set.pk]), data).status_code == 303
    world.topic_set.refresh_from_db()
    assert (world.topic_set.name, world.topic_set.owner) == ("Renamed", world.instructor)


def test_an_assignment_goes_to_the_class_in_the_url_not_one_in_the_form(world, client, other_instructor):
    theirs = ClassroomFactory(owner=other_instructor)
    client.force_login(world.instructor)
    data = {
        "topic_set": world.topic_set.pk,
        "opens_at": "2030-01-01T09:00",
        "due_at": "2030-01-08T09:00",
        "classroom": theirs.pk,
        "quiz": world.attempt.quiz_id,
        **forged(other_instructor),
    }
    for _ in range(6):
        FactFactory()
    response = client.post(reverse("quiz:assignment-create", args=[world.classroom.pk]), data)
    assert response.status_code == 303
    assignment = Assignment.objects.exclude(pk=world.assignment.pk).get()
    assert assignment.classroom == world.classroom and assignment.quiz_id != world.attempt.quiz_id
    assert assignment.quiz.owner == world.instructor
    assert not theirs.assignments.exists()


def test_joining_a_class_enrols_the_requester_only(world, client, other):
    joiner = UserFactory()
    client.force_login(joiner)
    response = client.post(reverse("quiz:join-classroom"), {"code": world.classroom.join_code, **forged(other)})
    assert response.status_code == 303
    assert set(world.classroom.students.all()) == {world.student, joiner}


def test_signing_up_with_forged_fields_makes_a_plain_student(client, other):
    data = {"username": "newcomer", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
    data |= {**forged(other), "is_superuser": "on", "groups": "1", "user_permissions": "1"}
    assert client.post(reverse("signup"), data).status_code == 303
    user = get_user_model().objects.get(username="newcomer")
    assert not user.is_staff and not user.is_superuser and not user.user_permissions.exists()
    assert list(user.groups.values_list("name", flat=True)) == ["student"]
