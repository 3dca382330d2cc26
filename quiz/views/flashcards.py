"""Flashcards: a deck per topic selection, one card at a time, rated Again/Hard/Good/Easy and scheduled with FSRS.

The page is a GET form (the topic selection, kept in the query string) and a
rating POST. Without JavaScript the POST answers 303 back to the page; with
htmx it returns the deck partial (counts and the next card) and fires
`progress-changed`. A rating carries the card's review count as shown, so a
stale tab, a double click or a replay is refused (409) with nothing written.
"""

from __future__ import annotations

import fsrs
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from quiz import flashcards, scheduling
from quiz.forms import DeckForm, RatingForm
from quiz.views.http import HtmxHttpRequest, refuse, see_other
from quiz.views.practice import PROGRESS_CHANGED


def _page_url(query: str) -> str:
    return f"{reverse('quiz:flashcards')}?{query}" if query else reverse("quiz:flashcards")


def _deck_context(request: HttpRequest, selection: DeckForm) -> dict:
    now = timezone.now()
    deck = flashcards.deck(
        countries=selection.cleaned_data["countries"],
        themes=selection.cleaned_data["themes"],
        facts=selection.cleaned_data["facts"],
    )
    counts = flashcards.deck_counts(learner=request.user, deck=deck, now=now)
    return {
        "counts": counts,
        "card": flashcards.next_card(learner=request.user, deck=deck, now=now, counts=counts),
        "query": selection.query(),
    }


@require_GET
def deck_page(request: HttpRequest) -> HttpResponse:
    """The deck page: the topic selection, today's counts and the card to study now."""
    selection = DeckForm(request.GET)
    if not selection.is_valid():
        return render(request, "quiz/flashcards.html", {"form": selection}, status=400)
    context = {"form": selection, "summary": selection.summary(), **_deck_context(request, selection)}
    return render(request, "quiz/flashcards.html", context)


def _refused(request: HtmxHttpRequest, *, message: str, query: str, status: int) -> HttpResponse:
    """A refused rating: the message and a way back to the deck; nothing was written."""
    context = {"message": message, "query": query}
    return refuse(request, "quiz/flashcards.html", context, partial="rejected", status=status)


@require_POST
def rate(request: HtmxHttpRequest) -> HttpResponse:
    """Rate the shown card, then the next card (htmx) or back to the deck page (303)."""
    selection = DeckForm(request.GET)
    if not selection.is_valid():
        return _refused(request, message="That topic selection is not valid: reload the deck.", query="", status=400)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _refused(request, message=form.first_error(), query=selection.query(), status=400)
    try:
        scheduling.rate_flashcard(
            learner=request.user,
            fact_id=form.cleaned_data["fact"].pk,
            rating=fsrs.Rating(form.cleaned_data["rating"]),
            expected_reps=form.cleaned_data["reps"],
            now=timezone.now(),
        )
    except scheduling.StaleReview as stale:
        return _refused(request, message=str(stale), query=selection.query(), status=409)
    if not request.htmx:
        return see_other(request, _page_url(selection.query()))
    response = render(request, "quiz/flashcards.html#deck", _deck_context(request, selection))
    return trigger_client_event(response, PROGRESS_CHANGED)
