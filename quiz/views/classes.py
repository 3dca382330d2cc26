"""Students and classes: join a class with its code, start or resume an assignment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from quiz import classes
from quiz.class_forms import JoinCodeForm
from quiz.models import Assignment
from quiz.views.http import HtmxHttpRequest, see_other


@require_http_methods(["GET", "POST"])
def join(request: HtmxHttpRequest) -> HttpResponse:
    form = JoinCodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                classroom, joined = classes.join_classroom(
                    student=request.user, code=form.cleaned_data["code"], now=timezone.now()
                )
            except classes.JoinRefused as refusal:
                form.add_error("code", ValidationError(str(refusal), code="join_refused"))
            else:
                if joined:
                    messages.success(request, f"You joined {classroom.name}. Its assignments are listed below.")
                else:
                    messages.info(request, f"You are already in {classroom.name}.")
                return see_other(request, reverse("quiz:dashboard"))
        return render(request, "quiz/join.html", {"form": form}, status=400)
    return render(request, "quiz/join.html", {"form": form})


@require_POST
def assignment_start(request: HtmxHttpRequest, assignment_id: int) -> HttpResponse:
    """Open (or resume) the student's attempt; only members of the assignment's class get past the 404."""
    assignment = get_object_or_404(
        Assignment.objects.for_student(request.user).select_related("quiz"), pk=assignment_id
    )
    try:
        attempt = classes.start_assignment(student=request.user, assignment=assignment, now=timezone.now())
    except classes.NotAvailable as reason:
        messages.error(request, str(reason))
        return see_other(request, reverse("quiz:dashboard"))
    if assignment.instructions:
        # Shown at the top of the first page of the quiz (a message, so the player's pages need no extra query).
        messages.info(request, f"{assignment.title}: {assignment.instructions}")
    return see_other(request, reverse("quiz:attempt", args=[attempt.pk]))
