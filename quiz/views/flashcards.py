"""Flashcards: a deck per topic selection, one card at a time, rated Again/Hard/Good/Easy and scheduled with FSRS.

The page is a GET form (the topic selection, kept in the query string) and a
rating POST. "Type to answer" (`mode=type` in the query) asks a typeable card's
answer typed: a GET of the same page with `card` and `text` grades it (nothing
is written) and shows the back with the verdict and a suggested rating.
Without JavaScript the rating POST answers 303 back to the page; with
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
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from quiz import flashcards, scheduling
from quiz.forms import TYPE_MODE, DeckForm, RatingForm, TypedCardForm
from quiz.views.http import HtmxHttpRequest, refuse, see_other, swap_in_place
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
    card = flashcards.next_card(learner=request.user, deck=deck, now=now, counts=counts)
    return {
        "counts": counts,
        "card": card,
        "query": selection.query(),
        "typing": selection.typing and card is not None and card.typeable,
        "selection_pairs": selection.pairs(),
        "flip_query": selection.query(mode=""),
        "type_query": selection.query(mode=TYPE_MODE),
        "typing_mode": selection.typing,
        "typed_form": TypedCardForm(),
    }


@require_GET
@vary_on_headers("HX-Request")
def deck_page(request: HtmxHttpRequest) -> HttpResponse:
    """The deck page: the topic selection, today's counts and the card to study now; in "type to answer",
    with `card` and `text`, the card's back with the typed answer graded (htmx: the deck alone)."""
    selection = DeckForm(request.GET)
    if not selection.is_valid():
        return render(request, "quiz/flashcards.html", {"form": selection}, status=400)
    context = {"form": selection, "summary": selection.summary(), **_deck_context(request, selection)}
    status = 200
    if "card" in request.GET and context["typing"]:
        typed_form = TypedCardForm(request.GET)
        context["typed_form"] = typed_form
        if not typed_form.is_valid():
            status = 400
        elif typed_form.cleaned_data["card"] == context["card"].fact_id:
            # Another card id (a stale tab: the card was rated meanwhile) just shows the current card.
            text = "" if typed_form.cleaned_data["reveal"] else typed_form.cleaned_data["text"]
            context["check"] = flashcards.check_typed(fact_id=context["card"].fact_id, text=text)
    if request.htmx:
        response = render(request, "quiz/flashcards.html#deck", context, status=status)
        return swap_in_place(response) if status != 200 else response
    return render(request, "quiz/flashcards.html", context, status=status)


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
