"""Role checks for views: instructors' pages are refused (403) to everyone else."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from quiz.classes import is_instructor


def instructor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only instructors (and staff) reach the view; each view still scopes its objects to their owner."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_instructor(request.user):
            raise PermissionDenied("This page is for instructors.")
        return view(request, *args, **kwargs)

    return wrapper
