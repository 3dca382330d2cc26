import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quiz.models import Answer, Attempt, MemoryState
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory


def snapshot(attempt: Attempt) -> tuple:
    """Everything an answer could change, to show a refused one changed nothing."""
    attempt.refresh_from_db()
    return (
        attempt.state,
        attempt.step,
        attempt.score,
        attempt.correct_count,
        attempt.finished_at,
        list(Answer.objects.order_by("pk").values_list("pk", "score")),
        list(MemoryState.objects.order_by("pk").values_list("pk", "reps", "due")),
    )


def count_queries(call) -> int:
    """Statements that read or write data; savepoints are transaction plumbing (the test's own
    transaction turns each atomic block into one, where production opens a plain transaction)."""
    with CaptureQueriesContext(connection) as queries:
        call()
    return sum(1 for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


@pytest.fixture
def typed_attempt(learner):
    """The learner's open practice attempt: a typed question (Kim Dae-jung, by hand), then a choice."""
    quiz = QuizFactory(owner=learner, question_types=["typed", "choice"])
    QuestionFactory(quiz=quiz, position=0, typed=True)
    QuestionFactory(quiz=quiz, position=1)
    return AttemptFactory(quiz=quiz)


def answer_typed(client, attempt, text: str, *, step: int = 0, **headers):
    return client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": step, "text": text}, **headers)


def memory_of(learner, question) -> MemoryState | None:
    return MemoryState.objects.filter(learner=learner, fact_id=question.fact_ids[0]).first()
