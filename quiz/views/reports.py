"""The class report on an assignment, as a page and as CSV: for the class's instructor (and staff) only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from quiz import reports
from quiz.models import Assignment
from quiz.roles import instructor_required


def _report(request: HttpRequest, assignment_id: int) -> reports.ClassReport:
    # Another instructor's assignment is a 404, not a 403: its existence is none of their business.
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("classroom"), pk=assignment_id
    )
    return reports.class_report(assignment=assignment, now=timezone.now(), sort=request.GET.get("sort"))


@require_GET
@instructor_required
def report_page(request: HttpRequest, assignment_id: int) -> HttpResponse:
    report = _report(request, assignment_id)
    return render(request, "quiz/teach/report.html", {"report": report, "assignment": report.assignment})


@require_GET
@instructor_required
def report_csv(request: HttpRequest, assignment_id: int) -> HttpResponse:
    report = _report(request, assignment_id)
    filename = reports.csv_filename(assignment=report.assignment)
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    # A byte-order mark makes Excel read the file as UTF-8: students' names are often in Cyrillic.
    response.write("\ufeff")
    reports.write_csv(report=report, out=response)
    return response
