"""The quiz player: pick a practice quiz, answer one question at a time, finish, review.

Every page works as plain forms and redirects; with htmx the answer POST swaps
in the feedback and updates the attempt panel out of band.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, retarget, trigger_client_event

from quiz import answer_overrides, attempts, hints, sql
from quiz.forms import PracticeForm, StepForm, answer_form
from quiz.models import Attempt, Question
from quiz.review import review_attempt
from quiz.views.http import HtmxHttpRequest, refuse, see_other, swap_in_place

PROGRESS_CHANGED = "progress-changed"


def _learner_attempt(request: HttpRequest, attempt_id: int) -> Attempt:
    """The attempt, if it is the requesting learner's own: anyone else's is a 404."""
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, learner=request.user)


def _learner_attempt_at(request: HttpRequest, attempt_id: int, number: int) -> tuple[Attempt, Question | None]:
    """The learner's own attempt (404 otherwise) and its question `number` (None if it has none), in one query."""
    try:
        return sql.attempt_with_question(attempt_id=attempt_id, learner_id=request.user.pk, number=number)
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None


@require_http_methods(["GET", "POST"])
def practice(request: HtmxHttpRequest) -> HttpResponse:
    form = PracticeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attempt = attempts.start_practice(
                    learner=request.user,
                    countries=list(form.cleaned_data["countries"]),
                    themes=list(form.cleaned_data["themes"]),
                    question_types=form.cleaned_data["question_types"],
                    count=form.cleaned_data["length"],
                )
            except attempts.NoQuestions as reason:
                form.add_error(None, ValidationError(str(reason), code="no_questions"))
            else:
                return see_other(request, reverse("quiz:attempt", args=[attempt.pk]))
        status = 400
    open_attempts = Attempt.objects.open().filter(learner=request.user).select_related("quiz")[:5]
    return render(request, "quiz/practice.html", {"form": form, "open_attempts": open_attempts}, status=status)


@require_GET
def attempt_detail(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Where an attempt stands: its current question, the finish page once all are answered, or its review."""
    attempt = _learner_attempt(request, attempt_id)
    if not attempt.is_open:
        return redirect("quiz:review", attempt.pk)
    if not attempt.is_complete:
        return redirect("quiz:question", attempt.pk, attempt.step + 1)
    return render(request, "quiz/attempt.html", {"attempt": attempt})


def _question_context(attempt: Attempt, question: Question, *, order: list[int] | None = None, **extra) -> dict:
    context = {
        "attempt": attempt,
        "question": question,
        "number": question.position + 1,
        **extra,
    }
    if question.is_typed:
        answer = extra.get("answer")
        if answer is None:
            context["hint_text"] = hints.shown_hint(attempt=attempt, question=question)
        elif not answer.is_correct and not answer.overridden:
            # A query only for a wrong typed answer: "I was right" is offered in practice, not in assignments.
            answer.question = question
            context["can_override"] = answer_overrides.can_override(
                answer=answer, in_assignment=answer_overrides.in_assignment(attempt)
            )
    if question.is_timeline:
        # Items in the learner's current order (as shown at first unless reordered), by shown index.
        context["items"] = [(index, question.options[index]) for index in order or range(len(question.options))]
    return context


def _timeline_order(request: HttpRequest, question: Question) -> list[int] | None:
    """A reordering asked for without JavaScript: ?order=...&move=INDEX:up|down (never stored)."""
    try:
        order = [int(value) for value in request.GET.getlist("order")]
        index, direction = request.GET.get("move", ":").split(":")
        index = int(index)
    except ValueError:
        return None
    if sorted(order) != list(range(len(question.options))) or index not in order:
        return None
    position = order.index(index)
    target = position - 1 if direction == "up" else position + 1 if direction == "down" else position
    if 0 <= target < len(order):
        order[position], order[target] = order[target], order[position]
    return order


@require_GET
@vary_on_headers("HX-Request")
def question_page(request: HtmxHttpRequest, attempt_id: int, number: int) -> HttpResponse:
    """Question `number` of the attempt: its form while it is the current one, its feedback once answered."""
    attempt, question = _learner_attempt_at(request, attempt_id, number)
    if question is None or number - 1 > attempt.step or (not attempt.is_open and number - 1 >= attempt.step):
        return redirect("quiz:attempt", attempt.pk)
    if number - 1 < attempt.step:
        answer = question.answers.get(attempt=attempt)
        context = _question_context(attempt, question, answer=answer)
        partial = "feedback"
    else:
        order = _timeline_order(request, question) if question.is_timeline else None
        initial = {"step": attempt.step, "order": order} if order else {"step": attempt.step}
        context = _question_context(attempt, question, form=answer_form(question, initial=initial), order=order)
        partial = "question"
    if request.htmx:
        return render(request, f"quiz/question.html#{partial}", {**context, "oob_panel": True})
    return render(request, "quiz/question.html", context)


def _refused(request: HtmxHttpRequest, attempt: Attempt, *, message: str, status: int) -> HttpResponse:
    """A refused answer: the message, a way back to the current question, and nothing written."""
    context = {"attempt": attempt, "message": message, "oob_panel": bool(request.htmx)}
    return refuse(request, "quiz/question.html", context, partial="conflict", status=status)


@require_POST
def answer(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    try:
        step = int(request.POST.get("step", ""))
    except ValueError:
        attempt = _learner_attempt(request, attempt_id)
        return _refused(request, attempt, message="The answer form is incomplete: reload the question.", status=400)
    attempt, question = _learner_attempt_at(request, attempt_id, step + 1)
    if not attempt.is_open or step != attempt.step or question is None:
        return _refused(request, attempt, message=attempts.conflict_message(attempt), status=409)
    form = answer_form(question, request.POST)
    if not form.is_valid():
        context = _question_context(attempt, question, form=form, order=form.cleaned_data.get("order"))
        if request.htmx:
            return swap_in_place(
                render(request, "quiz/question.html#question", {**context, "oob_panel": True}, status=400)
            )
        return render(request, "quiz/question.html", context, status=400)
    try:
        recorded = attempts.record_answer(
            learner=request.user, attempt=attempt, question=question, given=form.given, now=timezone.now()
        )
    except attempts.AnswerConflict as conflict:
        attempt.refresh_from_db()
        return _refused(request, attempt, message=str(conflict), status=409)
    if not request.htmx:
        return see_other(request, reverse("quiz:question", args=[attempt.pk, step + 1]))
    context = _question_context(attempt, question, answer=recorded, oob_panel=True)
    response = render(request, "quiz/question.html#feedback", context)
    return trigger_client_event(response, PROGRESS_CHANGED)


@require_POST
def hint(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    """Reveal the current typed question's hint, recorded on the attempt (its answer is then hinted)."""
    form = StepForm(request.POST)
    if not form.is_valid():
        attempt = _learner_attempt(request, attempt_id)
        return _retargeted(request, attempt, message="The hint form is incomplete: reload the question.", status=400)
    step = form.cleaned_data["step"]
    attempt, question = _learner_attempt_at(request, attempt_id, step + 1)
    if question is None:
        return _retargeted(request, attempt, message=attempts.conflict_message(attempt), status=409)
    try:
        hints.reveal_hint(attempt=attempt, question=question, step=step)
    except hints.HintRefused as refused:
        return _retargeted(request, attempt, message=str(refused), status=refused.status)
    if not request.htmx:
        return see_other(request, reverse("quiz:question", args=[attempt.pk, step + 1]))
    return render(request, "quiz/question.html#hint", _question_context(attempt, question))


def _retargeted(request: HtmxHttpRequest, attempt: Attempt, *, message: str, status: int) -> HttpResponse:
    """A refusal of a POST whose htmx target is part of the question (the hint): the notice replaces the
    question area instead, as an answer's refusal does."""
    response = _refused(request, attempt, message=message, status=status)
    return retarget(response, "#quiz-main") if request.htmx else response


@require_POST
def override(request: HtmxHttpRequest, attempt_id: int, number: int) -> HttpResponse:
    """“I was right”: count the learner's wrong typed answer to question `number` as right (practice only)."""
    attempt, question = _learner_attempt_at(request, attempt_id, number)
    answer = question.answers.filter(attempt=attempt).first() if question is not None else None
    if answer is None:
        return _refused(request, attempt, message="That question has not been answered.", status=409)
    answer.attempt, answer.question = attempt, question
    try:
        answer_overrides.override_answer(learner=request.user, answer=answer, now=timezone.now())
    except answer_overrides.OverrideRefused as refused:
        return _refused(request, attempt, message=str(refused), status=409)
    if not request.htmx:
        return see_other(request, reverse("quiz:question", args=[attempt.pk, number]))
    context = _question_context(attempt, question, answer=answer, oob_panel=True)
    response = render(request, "quiz/question.html#feedback", context)
    return trigger_client_event(response, PROGRESS_CHANGED)


def _close(request: HtmxHttpRequest, attempt: Attempt, state: str) -> HttpResponse:
    try:
        attempts.close_attempt(attempt=attempt, state=state, now=timezone.now())
    except attempts.AttemptClosed as closed:
        return _refused(request, attempt, message=str(closed), status=409)
    destination = (
        reverse("quiz:review", args=[attempt.pk]) if state == Attempt.State.FINISHED else reverse("quiz:practice")
    )
    return see_other(request, destination)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def finish(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    """Submit the attempt: unanswered questions score nothing, and answers can no longer change.

    With questions unanswered, a POST finishes only with `confirm=yes`; GET (where a POST without it is
    sent) is the confirmation page, whose `confirm` fragment the player's <dialog> loads when opened."""
    attempt = _learner_attempt(request, attempt_id)
    confirmed = attempt.is_complete or request.POST.get("confirm") == "yes"
    if request.method == "POST" and (confirmed or not attempt.is_open):
        return _close(request, attempt, Attempt.State.FINISHED)
    if request.method == "POST":
        return see_other(request, reverse("quiz:finish", args=[attempt.pk]))
    if not attempt.is_open or attempt.is_complete:
        if request.htmx:  # the dialog was opened on a stale page: show where the attempt stands instead
            return HttpResponseClientRedirect(reverse("quiz:attempt", args=[attempt.pk]))
        return redirect("quiz:attempt", attempt.pk)
    if request.htmx:
        return render(request, "quiz/finish.html#confirm", {"attempt": attempt, "in_dialog": True})
    return render(request, "quiz/finish.html", {"attempt": attempt})


@require_POST
def abandon(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    return _close(request, _learner_attempt(request, attempt_id), Attempt.State.ABANDONED)


@require_GET
@vary_on_headers("HX-Request")
def review(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    """A closed attempt: the score and what went right and wrong per topic, what to do next, then question by
    question (all, or ?only=wrong) what was given, what was right, and the sources. htmx gets the list alone."""
    attempt = _learner_attempt(request, attempt_id)
    if attempt.is_open:
        return redirect("quiz:attempt", attempt.pk)
    summary = review_attempt(attempt=attempt)
    only_wrong = request.GET.get("only") == "wrong"
    context = {
        "attempt": attempt,
        "review": summary,
        "only_wrong": only_wrong,
        "rows": summary.wrong_rows if only_wrong else summary.rows,
        "missed_query": urlencode([("facts", fact_id) for fact_id in summary.missed_fact_ids]),
    }
    if request.htmx:
        return render(request, "quiz/review.html#questions", context)
    return render(request, "quiz/review.html", context)


@require_POST
def practise_missed(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    """A new quiz on exactly the facts this closed attempt missed."""
    attempt = _learner_attempt(request, attempt_id)
    if attempt.is_open:
        return _refused(
            request, attempt, message="Finish this attempt first, then practise what you missed.", status=409
        )
    try:
        practice_attempt = attempts.start_missed_practice(learner=request.user, attempt=attempt)
    except attempts.NoQuestions as reason:
        messages.error(request, str(reason))
        return see_other(request, reverse("quiz:review", args=[attempt.pk]))
    return see_other(request, reverse("quiz:attempt", args=[practice_attempt.pk]))
