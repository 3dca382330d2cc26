"""The learner's progress page: mastery per country, per theme and per cell, and recent attempts.

The panel refreshes itself over htmx when another page fires `progress-changed`;
that request gets the panel partial alone.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from content.models import Country, Theme
from quiz.models import Level
from quiz.progress import (
    learner_sums,
    mastery_by_country,
    mastery_by_theme,
    mastery_grid,
    overall_mastery,
    recent_attempts,
)
from quiz.views.http import HtmxHttpRequest


@require_GET
@vary_on_headers("HX-Request")
def progress_page(request: HtmxHttpRequest) -> HttpResponse:
    learner, now = request.user, timezone.now()
    # Read once, folded four ways: the bank's totals and the learner's sums per combination of topics.
    known = learner_sums(learner=learner, now=now)
    # Read once for the lists and the grid.
    countries, themes = list(Country.objects.all()), list(Theme.objects.all())
    context = {
        "overall": overall_mastery(learner=learner, now=now, known=known),
        "countries": mastery_by_country(learner=learner, now=now, known=known, countries=countries),
        "themes": mastery_by_theme(learner=learner, now=now, known=known, themes=themes),
        "grid": mastery_grid(learner=learner, now=now, known=known, countries=countries, themes=themes),
        "levels": Level,
        "attempts": recent_attempts(learner=learner),
    }
    template = "quiz/progress.html#panel" if request.htmx else "quiz/progress.html"
    return render(request, template, context)
