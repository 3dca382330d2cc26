"""A learner reports a problem with a question they have seen the feedback of.

The feedback and review pages link here (this page's `report-link` partial); with htmx the link swaps in
the `report-form` partial (or `received`, for a question already reported) in its place, and the form's POST
swaps in `received`; without JavaScript the link opens this page, and the POST redirects (303) back to it,
which then says the report was received.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from quiz import question_reports
from quiz.forms import QuestionReportForm
from quiz.models import Attempt, Question, QuestionReport
from quiz.views.http import HtmxHttpRequest, see_other


def _question(request: HttpRequest, question_id: int) -> Question:
    question = question_reports.reportable_question(learner=request.user, question_id=question_id)
    if question is None:
        raise Http404("No such question among those you have answered.")
    return question


def _context(request: HttpRequest, question: Question, **extra) -> dict:
    attempt = Attempt.objects.filter(learner=request.user, quiz_id=question.quiz_id).order_by("-started_at", "-pk")
    return {"question": question, "back_attempt": attempt.values_list("pk", flat=True).first(), **extra}


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def report_question(request: HtmxHttpRequest, question_id: int) -> HttpResponse:
    question = _question(request, question_id)
    if request.method == "POST":
        form = QuestionReportForm(request.POST)
        if not form.is_valid():
            template = "quiz/question_report.html#report-form" if request.htmx else "quiz/question_report.html"
            return render(request, template, _context(request, question, report_form=form), status=400)
        report, _ = question_reports.report_question(
            learner=request.user,
            question=question,
            kind=form.cleaned_data["kind"],
            comment=form.cleaned_data["comment"],
        )
        if request.htmx:
            return render(request, "quiz/question_report.html#received", {"question": question, "report": report})
        return see_other(request, reverse("quiz:report-question", args=[question.pk]))
    report = QuestionReport.objects.filter(learner=request.user, question=question).first()
    if request.htmx:
        partial = "received" if report else "report-form"
        return render(request, f"quiz/question_report.html#{partial}", {"question": question, "report": report})
    return render(request, "quiz/question_report.html", _context(request, question, report=report))
