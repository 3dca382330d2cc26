"""A learner's home: assignments, what is open, what is due, how far they have come."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from quiz.classes import assignments_for_student
from quiz.flashcards import deck_counts
from quiz.models import Attempt
from quiz.progress import learner_sums, mastery_by_country, overall_mastery, recent_attempts


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    learner = request.user
    now = timezone.now()
    known = learner_sums(learner=learner, now=now)
    context = {
        "assignments": assignments_for_student(student=learner, now=now),
        "open_attempts": list(Attempt.objects.open().filter(learner=learner).select_related("quiz")[:5]),
        "cards": deck_counts(learner=learner, now=now),
        "overall": overall_mastery(learner=learner, now=now, known=known),
        "countries": mastery_by_country(learner=learner, now=now, known=known),
        "attempts": [attempt for attempt in recent_attempts(learner=learner, limit=5) if not attempt.is_open],
    }
    return render(request, "quiz/dashboard.html", context)
