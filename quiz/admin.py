"""The fact admin, with what the quiz app adds to it: a preview of the questions a fact yields and the
learners' open reports on its questions; and the triage of those reports.

`content` knows nothing of quizzes, so the preview lives here: the quiz app re-registers the fact admin
with one more (read-only) section. INSTALLED_APPS lists `content` before `quiz`, so the admin has
registered `content`'s own FactAdmin by the time this module runs.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from content.admin import FactAdmin
from content.models import Fact
from quiz.generator import questions_for_fact
from quiz.models import QuestionReport, QuestionType

admin.site.unregister(Fact)


@admin.register(Fact)
class FactWithQuestionsAdmin(FactAdmin):
    fieldsets = [
        # First, so an editor who follows a report's link sees what learners said before editing.
        ("Open reports from learners", {"fields": ["open_reports"]}),
        *FactAdmin.fieldsets,
        ("Questions the generator builds from this fact", {"fields": ["question_preview"]}),
    ]
    readonly_fields = [*FactAdmin.readonly_fields, "open_reports", "question_preview"]

    # A read-only list rather than an inline: an inline's formset would have to be posted with every save.
    @admin.display(description="open reports")
    def open_reports(self, obj: Fact) -> str:
        if not obj.pk:
            return "None"
        reports = QuestionReport.objects.open().filter(fact=obj).select_related("question")
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}): {} <em>{}</em></li>',
            (
                (
                    reverse("admin:quiz_questionreport_change", args=[report.pk]),
                    report.get_kind_display(),
                    report.created_at.strftime("%d %b %Y"),
                    report.question.prompt,
                    report.comment,
                )
                for report in reports
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else "None"

    @admin.display(description="preview")
    def question_preview(self, obj: Fact) -> str:
        if not obj.pk:
            return "Save the fact to preview its questions."
        blocks = []
        for question_type, result in questions_for_fact(fact=obj).items():
            label = QuestionType.labels[question_type]
            if isinstance(result, str):
                blocks.append(format_html("<p><strong>{}</strong>: not built ({})</p>", label, result))
                continue
            options = format_html_join(
                "",
                "<li>{}{}</li>",
                ((option.text, " \u2714 correct" if option.is_correct else "") for option in result.options),
            )
            blocks.append(format_html("<p><strong>{}</strong>: {}</p><ul>{}</ul>", label, result.prompt, options))
        return format_html_join("", "{}", ((block,) for block in blocks))


@admin.register(QuestionReport)
class QuestionReportAdmin(admin.ModelAdmin):
    """Triage: open reports first, each linked to its fact's admin page, where the fact is corrected."""

    list_display = ["created_at", "status", "kind", "question_prompt", "fact_link", "learner"]
    list_filter = ["status", "kind"]
    list_select_related = ["question", "fact", "learner"]
    search_fields = ["comment", "question__prompt", "fact__key"]
    fields = ["status", "kind", "comment", "question_prompt", "fact_link", "learner", "created_at"]
    readonly_fields = ["kind", "comment", "question_prompt", "fact_link", "learner", "created_at"]
    actions = ["mark_resolved", "reopen"]
    ordering = ["status", "-created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # learners report; admins triage

    @admin.display(description="question")
    def question_prompt(self, obj: QuestionReport) -> str:
        return obj.question.prompt

    @admin.display(description="fact", ordering="fact__key")
    def fact_link(self, obj: QuestionReport) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:content_fact_change", args=[obj.fact_id]), obj.fact.key
        )

    def _set_status(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        changed = queryset.exclude(status=status).update(status=status)
        self.message_user(request, f"{changed} report{'s' if changed != 1 else ''} marked {status}.", messages.SUCCESS)

    @admin.action(description="Mark the selected reports resolved")
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, QuestionReport.Status.RESOLVED)

    @admin.action(description="Reopen the selected reports")
    def reopen(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, QuestionReport.Status.OPEN)
