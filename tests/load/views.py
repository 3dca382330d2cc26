"""Two 'ceiling' views for the load test: the cheapest logged-in read and CSRF-checked write the stack allows.

They go through the same middleware as every page (session, CSRF, auth, login required, CSP, axes) and
do the least a real view does: read one row and render a small template, or read one row and insert one.
The question GET and the answer POST are compared with them in the same run on the same server.
Only mounted by the load test's own settings and URLconf (tests/load/settings.py, urls.py); never in production.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from content.models import Fact
from quiz.models import Review

# A small standalone template (not base.html), compiled once like the cached loader would.
CEILING_TEMPLATE = engines["django"].from_string(
    '<!doctype html><html lang="en"><title>Ceiling</title>'
    "<p>{{ user.username }}: {{ fact.statement }}</p>"
    '<form method="post" action="{% url \'loadtest:ceiling-write\' %}">{% csrf_token %}'
    '<input type="hidden" name="fact" value="{{ fact.pk }}"><button>Write</button></form></html>'
)


@require_GET
def ceiling_read(request: HttpRequest) -> HttpResponse:
    """Read one row (a fact by pk) and render a small template for the logged-in user."""
    fact = get_object_or_404(Fact.objects.only("pk", "statement"), pk=request.GET.get("fact") or 0)
    return HttpResponse(CEILING_TEMPLATE.render({"fact": fact}, request))


@require_POST
def ceiling_write(request: HttpRequest) -> HttpResponse:
    """CSRF-checked (by the middleware): read one row (a fact by pk) and insert one (a flashcard rating)."""
    fact = get_object_or_404(Fact.objects.only("pk"), pk=request.POST.get("fact") or 0)
    now = timezone.now()
    review = Review.objects.create(learner=request.user, fact=fact, rating=3, reviewed_at=now, due_after=now)
    return HttpResponse(f"<p>stored {review.pk}</p>", status=201)
