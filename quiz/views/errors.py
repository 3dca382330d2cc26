"""The CSRF failure page in the site's layout (settings.CSRF_FAILURE_VIEW); 400/403/404/500 are templates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused POST (missing or stale token): nothing was written; say so and how to send it again."""
    return render(request, "403_csrf.html", status=403)
