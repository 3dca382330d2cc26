import datetime

import pytest
from django.utils import timezone

from quiz.models import Assignment, Attempt, Question
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    AttemptFactory,
    MembershipFactory,
    QuestionFactory,
    UserFactory,
)

# QuestionFactory: choice options Alpha, Bravo, Charlie (right), Delta;
# timeline shown as Event C, Event A, Event D, Event B, true order [1, 3, 0, 2].
ALPHA, BRAVO, CHARLIE, DELTA = 0, 1, 2, 3
IN_ORDER = [1, 3, 0, 2]


@pytest.fixture
def assignment(instructor) -> Assignment:
    """An assignment whose quiz has two choice questions and a four-event timeline."""
    assignment = AssignmentFactory(classroom__owner=instructor)
    QuestionFactory(quiz=assignment.quiz, position=0, prompt="Which agency came first?")
    QuestionFactory(quiz=assignment.quiz, position=1, prompt="Which agency came second?")
    QuestionFactory(quiz=assignment.quiz, position=2, timeline=True)
    return assignment


def student_in(assignment: Assignment, username: str | None = None):
    student = UserFactory(**({"username": username} if username else {}))
    MembershipFactory(classroom=assignment.classroom, student=student)
    return student


def take(
    assignment: Assignment,
    student,
    given: dict[int, int | list[int]],
    *,
    state: str = Attempt.State.FINISHED,
    finished_at: datetime.datetime | None = None,
) -> Attempt:
    """An attempt answering {question position: given}; positions left out stay unanswered."""
    questions = {question.position: question for question in assignment.quiz.questions.all()}
    closed = state != Attempt.State.IN_PROGRESS
    attempt = AttemptFactory(
        quiz=assignment.quiz,
        learner=student,
        state=state,
        finished_at=(finished_at or timezone.now()) if closed else None,
    )
    total = 0.0
    for position, answer in given.items():
        question: Question = questions[position]
        score = question.grade(answer)
        total += score
        AnswerFactory(attempt=attempt, question=question, given=answer, score=score, is_correct=score == 1.0)
    Attempt.objects.filter(pk=attempt.pk).update(step=len(given), score=total)
    return attempt
