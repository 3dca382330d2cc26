"""Item analysis of an assignment for its instructor (and staff): how each question performed.

The statistics and what they mean are in `quiz.item_analysis`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from quiz.item_analysis import (
    DISTRACTOR_WORKS_FROM_PERCENT,
    EASY_ABOVE_PERCENT,
    HARD_BELOW_PERCENT,
    MIN_ATTEMPTS_FOR_FLAGS,
    analyse_items,
)
from quiz.models import Assignment
from quiz.roles import instructor_required


@require_GET
@instructor_required
def item_analysis(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Another instructor's assignment is a 404; a student gets 403 from `instructor_required`."""
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("classroom"), pk=assignment_id
    )
    context = {
        "assignment": assignment,
        "analysis": analyse_items(assignment=assignment),
        "hard_below": HARD_BELOW_PERCENT,
        "easy_above": EASY_ABOVE_PERCENT,
        "min_attempts": MIN_ATTEMPTS_FOR_FLAGS,
        "idle_below": DISTRACTOR_WORKS_FROM_PERCENT,
    }
    return render(request, "quiz/teach/items.html", context)
