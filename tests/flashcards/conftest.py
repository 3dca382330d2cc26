import datetime

from django.urls import reverse

from quiz.models import MemoryState, Review

# A fixed moment for the deck functions: noon UTC, so "later today" and "tomorrow" are unambiguous.
NOW = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=datetime.UTC)
PAGE = reverse("quiz:flashcards")
RATE = reverse("quiz:flashcard-rate")


def snapshot() -> tuple:
    """Everything a rating could write, to show a refused one wrote nothing."""
    return (
        list(MemoryState.objects.order_by("pk").values_list("pk", "learner_id", "fact_id", "reps", "due", "stability")),
        list(Review.objects.order_by("pk").values_list("pk", "fact_id", "rating")),
    )
