"""One small world for the security tests: an instructor's class with a student, an assignment and its attempt."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Model

from quiz.models import (
    Answer,
    Assignment,
    Attempt,
    Classroom,
    LearnAnswer,
    LearnItem,
    LearnRound,
    Membership,
    MemoryState,
    Question,
    QuestionReport,
    Quiz,
    Review,
    TopicSet,
    TypedOverride,
)
from tests.factories import (
    AssignmentFactory,
    AttemptFactory,
    ClassroomFactory,
    InstructorFactory,
    LearnAnswerFactory,
    LearnItemFactory,
    LearnRoundFactory,
    MembershipFactory,
    QuestionFactory,
    TopicSetFactory,
    UserFactory,
)

APP_MODELS: list[type[Model]] = [
    Attempt,
    Answer,
    MemoryState,
    Review,
    Classroom,
    Membership,
    TopicSet,
    Assignment,
    Quiz,
    Question,
    QuestionReport,
    LearnRound,
    LearnItem,
    LearnAnswer,
    TypedOverride,
    get_user_model(),
]


def row_counts() -> dict[str, int]:
    """The number of rows of every app table: what a refused request must leave as it was."""
    return {model.__name__: model.objects.count() for model in APP_MODELS}


@dataclass
class World:
    instructor: Model
    student: Model
    classroom: Classroom
    topic_set: TopicSet
    assignment: Assignment
    attempt: Attempt
    # The student's Learn round: one fact at its typed step, just typed wrong (so "I was right" may follow).
    learn_answer: LearnAnswer

    def url_args(self) -> dict[str, int | str]:
        """A real id for every URL parameter of the app's URLconf (a reset link's are well-formed, not valid)."""
        return {
            "uidb64": "MQ",
            "token": "set-password",
            "attempt_id": self.attempt.pk,
            "number": 1,
            "assignment_id": self.assignment.pk,
            "classroom_id": self.classroom.pk,
            "student_id": self.student.pk,
            "topic_set_id": self.topic_set.pk,
            "question_id": self.assignment.quiz.questions.order_by("position").values_list("pk", flat=True)[0],
            "round_id": self.learn_answer.round_id,
            "answer_id": self.learn_answer.pk,
        }


def make_world(**names) -> World:
    """`names` may set: instructor, student, classroom, topic_set, title, prompt, option, statement."""
    instructor = InstructorFactory(**({"username": names["instructor"]} if "instructor" in names else {}))
    student = UserFactory(**({"username": names["student"]} if "student" in names else {}))
    classroom = ClassroomFactory(owner=instructor, **({"name": names["classroom"]} if "classroom" in names else {}))
    MembershipFactory(classroom=classroom, student=student)
    topic_set = TopicSetFactory(owner=instructor, **({"name": names["topic_set"]} if "topic_set" in names else {}))
    assignment = AssignmentFactory(
        classroom=classroom, topic_set=topic_set, **({"title": names["title"]} if "title" in names else {})
    )
    if "title" in names:
        assignment.quiz.title = names["title"]
        assignment.quiz.save()
    question = {}
    if "prompt" in names:
        question = {
            "prompt": names["prompt"],
            "options": ["Agency Alpha", "Agency Bravo", names["option"], "Agency Delta"],
            "statements": [names["statement"]],
        }
    QuestionFactory(quiz=assignment.quiz, position=0, **question)
    QuestionFactory(quiz=assignment.quiz, position=1, timeline=True)
    attempt = AttemptFactory(quiz=assignment.quiz, learner=student)
    learn_round = LearnRoundFactory(learner=student, turn=1, next_queue=2)
    # tries=2: the item passed its choice step, then its typed step was answered wrong (the answer below)
    item = LearnItemFactory(round=learn_round, stage="typed", queue=1, tries=2, misses=1)
    learn_answer = LearnAnswerFactory(
        item=item, stage="typed", option=None, given="Somebody Else", correct=False, rating=1, turn=0
    )
    return World(instructor, student, classroom, topic_set, assignment, attempt, learn_answer)


@pytest.fixture
def world(db) -> World:
    return make_world()
