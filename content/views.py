from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from content.models import Country, Fact, Theme


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The public landing page; a logged-in learner's home is their dashboard."""
    if request.user.is_authenticated:
        return redirect("quiz:dashboard")
    active = Q(facts__is_active=True)
    # A GROUP BY query drops Meta.ordering: the display order is asked for explicitly.
    display_order = ("position", "name")
    return render(
        request,
        "content/home.html",
        {
            "countries": Country.objects.annotate(fact_count=Count("facts", filter=active)).order_by(*display_order),
            "themes": Theme.objects.annotate(fact_count=Count("facts", filter=active)).order_by(*display_order),
            "fact_total": Fact.objects.active().count(),
        },
    )
