from django.db import connection
from django.test.utils import CaptureQueriesContext

from quiz.models import Answer, Attempt, MemoryState


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
