"""Learn mode (`/learn/`): pick a topic, then a round of facts asked as multiple choice, then typed.

One template per page: the topic picker (`quiz/learn.html`) and the round (`quiz/learn_round.html`, whose
partials are the step, the feedback on an answer, the summary, the progress bar and a refusal). With htmx
an answer, a hint or an "I was right" swaps the round's main area and the progress bar out of band;
without JavaScript the same forms post and redirect (303) to a page showing the same thing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url, trigger_client_event

from quiz import learn_rounds
from quiz.forms import LearnStepForm, TopicForm, learn_answer_form
from quiz.models import ID_MAX, LearnAnswer, LearnItem, LearnRound, LearnStage
from quiz.typed_answers import MAX_TYPED_LENGTH
from quiz.views.http import HtmxHttpRequest, refuse, see_other, swap_in_place
from quiz.views.practice import PROGRESS_CHANGED

TEMPLATE = "quiz/learn_round.html"


def _round_url(round_: LearnRound) -> str:
    return reverse("quiz:learn-round", args=[round_.pk])


def _learner_round(request: HttpRequest, round_id: int) -> LearnRound:
    """The round, if it is the requesting learner's own: anyone else's (or no such id) is a 404."""
    if round_id > ID_MAX:
        raise Http404("No such round.")
    return get_object_or_404(LearnRound, pk=round_id, learner=request.user)


@require_http_methods(["GET", "POST"])
def learn(request: HtmxHttpRequest) -> HttpResponse:
    """The topic picker; its POST starts a round (the summary's "Next round" posts the same topic again)."""
    form = TopicForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                round_ = learn_rounds.start_round(
                    learner=request.user,
                    countries=list(form.cleaned_data["countries"]),
                    themes=list(form.cleaned_data["themes"]),
                    now=timezone.now(),
                )
            except learn_rounds.NothingToLearn as reason:
                form.add_error(None, ValidationError(str(reason), code="nothing_to_learn"))
            else:
                return see_other(request, _round_url(round_))
        status = 400
    open_rounds = LearnRound.objects.open().filter(learner=request.user)[:3]
    return render(request, "quiz/learn.html", {"form": form, "open_rounds": open_rounds}, status=status)


def _step_context(round_: LearnRound, item: LearnItem, *, form=None) -> dict:
    if form is None:
        form = learn_answer_form(item, initial={"turn": round_.turn, "item": item.pk})
    shown_hint = item.hint_text if item.hinted else ""
    return {
        "round": round_,
        "item": item,
        "form": form,
        "hint": shown_hint,
        "typed": item.stage == LearnStage.TYPED,
        "max_length": MAX_TYPED_LENGTH,
    }


def _summary_context(round_: LearnRound) -> dict:
    items = list(round_.items.order_by("position"))
    return {
        "round": round_,
        "summary": items,
        "missed": [item for item in items if item.misses or item.overridden or item.hints],
        "tries": sum(item.tries for item in items),
        "country_ids": list(round_.countries.values_list("pk", flat=True)),
        "theme_ids": list(round_.themes.values_list("pk", flat=True)),
        "missed_query": "&".join(f"facts={item.fact_id}" for item in items if item.misses),
    }


def _feedback_context(round_: LearnRound, answer: LearnAnswer) -> dict:
    return {
        "round": round_,
        "answer": answer,
        "item": answer.item,
        "overridable": learn_rounds.can_override(round_=round_, answer=answer),
    }


def _render(request: HtmxHttpRequest, partial: str, context: dict, *, status: int = 200) -> HttpResponse:
    """The round page, or with htmx its `partial` and the progress bar out of band."""
    if request.htmx:
        return render(request, f"{TEMPLATE}#{partial}", {**context, "oob_progress": True}, status=status)
    return render(request, TEMPLATE, context, status=status)


@require_GET
@vary_on_headers("HX-Request")
def round_page(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    """Where the round stands: the step asked now, or the summary once every fact was typed right."""
    round_ = _learner_round(request, round_id)
    item = learn_rounds.current_item(round_=round_)
    if item is None:
        return _render(request, "summary", _summary_context(round_))
    return _render(request, "step", _step_context(round_, item))


@require_GET
@vary_on_headers("HX-Request")
def answer_page(request: HtmxHttpRequest, round_id: int, answer_id: int) -> HttpResponse:
    """The verdict on one answer of the round (where a plain form's POST lands)."""
    round_ = _learner_round(request, round_id)
    if answer_id > ID_MAX:
        raise Http404("No such answer.")
    answer = get_object_or_404(LearnAnswer.objects.select_related("item"), pk=answer_id, round=round_)
    return _render(request, "feedback", _feedback_context(round_, answer))


def _refused(request: HtmxHttpRequest, round_: LearnRound, *, message: str, status: int) -> HttpResponse:
    """A refused POST: the message and a way back to where the round stands; nothing was written."""
    context = {"round": round_, "message": message, "oob_progress": bool(request.htmx)}
    return refuse(request, TEMPLATE, context, partial="refused", status=status)


def _current_step(request: HtmxHttpRequest, round_: LearnRound) -> tuple[LearnItem | None, HttpResponse | None]:
    """The item the posted form was shown for, if it is still the one asked now; else the refusal."""
    step = LearnStepForm(request.POST)
    if not step.is_valid():
        return None, _refused(request, round_, message=step.first_error(), status=400)
    item = learn_rounds.current_item(round_=round_)
    if item is None or step.cleaned_data["turn"] != round_.turn or step.cleaned_data["item"] != item.pk:
        return None, _refused(request, round_, message=learn_rounds.STALE, status=409)
    return item, None


@require_POST
def answer(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    """Answer the step asked now: the verdict (htmx) or a redirect to it (303)."""
    round_ = _learner_round(request, round_id)
    item, refused = _current_step(request, round_)
    if refused:
        return refused
    form = learn_answer_form(item, request.POST)
    if not form.is_valid():
        return swap_in_place(_render(request, "step", _step_context(round_, item, form=form), status=400))
    try:
        recorded = learn_rounds.answer_item(
            learner=request.user,
            round_=round_,
            item=item,
            turn=form.cleaned_data["turn"],
            option=form.cleaned_data.get("option"),
            text=form.cleaned_data.get("text"),
            now=timezone.now(),
        )
    except learn_rounds.LearnConflict as conflict:
        round_.refresh_from_db()
        return _refused(request, round_, message=str(conflict), status=409)
    url = reverse("quiz:learn-answer", args=[round_.pk, recorded.pk])
    if not request.htmx:
        return see_other(request, url)
    recorded.item = item
    response = _render(request, "feedback", _feedback_context(round_, recorded))
    return trigger_client_event(push_url(response, url), PROGRESS_CHANGED)


@require_POST
def show_hint(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    """Show the hint for the typed step asked now (recorded: a right answer after it counts Hard)."""
    round_ = _learner_round(request, round_id)
    item, refused = _current_step(request, round_)
    if refused:
        return refused
    try:
        learn_rounds.show_hint(round_=round_, item=item, turn=round_.turn)
    except learn_rounds.LearnConflict as conflict:
        return _refused(request, round_, message=str(conflict), status=409)
    if not request.htmx:
        return see_other(request, _round_url(round_))
    return _render(request, "step", _step_context(round_, item))


@require_POST
def override(request: HtmxHttpRequest, round_id: int, answer_id: int) -> HttpResponse:
    """ "I was right" on the typed answer just marked wrong: it counts as right for the round."""
    round_ = _learner_round(request, round_id)
    if answer_id > ID_MAX:
        raise Http404("No such answer.")
    answer = get_object_or_404(LearnAnswer.objects.select_related("item__fact"), pk=answer_id, round=round_)
    step = LearnStepForm(request.POST)
    if not step.is_valid():
        return _refused(request, round_, message=step.first_error(), status=400)
    try:
        learn_rounds.override(
            learner=request.user, round_=round_, answer=answer, turn=step.cleaned_data["turn"], now=timezone.now()
        )
    except learn_rounds.LearnConflict as conflict:
        round_.refresh_from_db()
        return _refused(request, round_, message=str(conflict), status=409)
    url = reverse("quiz:learn-answer", args=[round_.pk, answer.pk])
    if not request.htmx:
        return see_other(request, url)
    response = _render(request, "feedback", _feedback_context(round_, answer))
    return trigger_client_event(response, PROGRESS_CHANGED)
